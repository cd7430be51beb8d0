#include "testing/random_case.h"

#include <algorithm>
#include <random>

#include "core/tracks.h"

namespace inkasso::testing {

namespace {

// Events fall in [kFirst, kLast]; dates an action carries (a pause's end, a deadline, an
// agreement's first instalment) are at most 60 days later, so still within 2026.
const Date kFirst = Date::ymd(2019, 1, 1);
const Date kLast = Date::ymd(2026, 10, 31);

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  int64_t uniform(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  int32_t days(int lo, int hi) { return static_cast<int32_t>(uniform(lo, hi)); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  template <class T, size_t N>
  T pick(const T (&options)[N]) {
    return options[static_cast<size_t>(uniform(0, static_cast<int64_t>(N) - 1))];
  }

 private:
  std::mt19937_64 rng_;
};

Money kroner(int64_t kr) {
  return Money::from_kroner(kr);
}

// A claim's amount: spread over four orders of magnitude, half of them with øre.
Money claim_amount(Gen& g) {
  static const int64_t kBands[][2] = {
      {150, 1'000}, {1'000, 5'000}, {5'000, 25'000}, {25'000, 120'000}};
  const auto& band = kBands[static_cast<size_t>(g.uniform(0, 3))];
  int64_t ore = g.uniform(band[0], band[1]) * 100;
  if (g.chance(50)) ore += g.uniform(1, 99);
  return Money::from_ore(ore);
}

// Walks the track as a creditor would, recording what the history needs to stay sensible.
class ActionGen {
 public:
  ActionGen(Gen& g, const CaseHistory& h, Date end, Money total)
      : g_(g), h_(h), end_(end), total_(total), track_(h.track) {
    cursor_ = h.claims.front().due_date;
    for (const Claim& c : h.claims) cursor_ = std::min(cursor_, c.due_date);
  }

  Action next(bool last, int unlawful_percent) {
    if (g_.chance(unlawful_percent)) return unlawful();
    if (last && g_.chance(4)) {
      Action a = at(ActionType::close, g_.days(0, 20));
      return a;
    }
    int r = static_cast<int>(g_.uniform(0, 99));
    if (r < 58) {
      if (auto step = next_step()) return *step;
      r = static_cast<int>(g_.uniform(58, 99));
    }
    if (r < 68) return at(ActionType::letter, g_.days(0, 15));
    if (r < 74) {
      Action a = at(ActionType::pause, g_.days(0, 10));
      a.until = a.date + g_.days(3, 30);
      return a;
    }
    if (r < 79) {
      Action a = at(ActionType::track_change, g_.days(0, 10));
      a.track = other_track();
      track_ = a.track;
      return a;
    }
    if (r < 84) {
      if (offer_open_ && g_.chance(60)) {
        offer_open_ = false;
        return at(ActionType::settlement_accepted, g_.days(0, offer_days_left()));
      }
      return offer(g_.days(0, 10));
    }
    if (r < 94) {
      if (agreement_open_) {
        if (g_.chance(50)) return at(ActionType::agreement_default_warning, g_.days(5, 40));
        Action a = at(ActionType::agreement_terminated, g_.days(5, 40));
        a.track = g_.chance(50) ? track_ : other_track();
        track_ = a.track;
        agreement_open_ = false;
        return a;
      }
      return agreement();
    }
    Action a = at(ActionType::fundament, g_.days(0, 20));
    static const FundamentKind kKinds[] = {
        FundamentKind::dom,        FundamentKind::forlig,    FundamentKind::skyldnererklaering,
        FundamentKind::gaeldsbrev, FundamentKind::pantebrev, FundamentKind::betalingspaakrav};
    a.fundament = g_.pick(kKinds);
    has_fundament_ = true;
    return a;
  }

 private:
  // An action `gap` days after the previous one, never after the span's end.
  Action at(ActionType type, int32_t gap) {
    Action a;
    a.type = type;
    a.date = std::min(cursor_ + gap, end_);
    cursor_ = a.date;
    return a;
  }

  Track other_track() {
    static const Track kTracks[] = {Track::gentle, Track::standard, Track::fast};
    Track t = g_.pick(kTracks);
    return t == track_ ? g_.pick(kTracks) : t;
  }

  int32_t offer_days_left() const { return std::max<int32_t>(0, offer_deadline_ - cursor_); }

  // A lawful reminder fee given what was claimed so far: 0..100 kr.; none once three were
  // claimed or within 10 days of the last.
  void lawful_fee(Action& a) {
    bool allowed = fee_reminders_ < 3 && (!last_fee_ || a.date - *last_fee_ >= 10);
    if (allowed && g_.chance(85)) {
      static const int64_t kFees[] = {100, 100, 100, 65, 50, 0};
      int64_t kr = g_.pick(kFees);
      a.fee = kr > 0 ? kroner(kr) : Money::from_ore(g_.uniform(100, 10'000));
    }
    count_fee(a);
  }
  void count_fee(const Action& a) {
    if (!a.fee.is_positive()) return;
    ++fee_reminders_;
    last_fee_ = a.date;
  }
  void maybe_compensation(Action& a) {
    if (h_.debtor != DebtorKind::company) return;
    if (g_.chance(compensated_ ? 10 : 50)) {
      a.compensation = true;
      compensated_ = true;
    }
  }

  Action reminder(ActionType type, int32_t gap) {
    Action a = at(type, gap);
    lawful_fee(a);
    maybe_compensation(a);
    if (type == ActionType::collection_notice) notice_ = a.date;
    return a;
  }

  Action offer(int32_t gap) {
    Action a = at(ActionType::settlement_offer, gap);
    static const int32_t kDiscounts[] = {1000, 1500, 2000, 2000, 2500, 3000, 5000};
    a.discount_bp = g_.pick(kDiscounts);
    if (g_.chance(80)) a.deadline = a.date + g_.days(7, 21);
    offer_open_ = true;
    offer_deadline_ = a.deadline.value_or(a.date + 14);
    return a;
  }

  Action agreement() {
    Action a = at(ActionType::payment_agreement, g_.days(0, 10));
    int64_t months = g_.uniform(3, 18);
    int64_t tens = std::max<int64_t>(1, total_.ore() / months / 1000);
    a.instalment = Money::from_ore(tens * 1000);
    a.first_date = a.date + g_.days(5, 35);
    if (g_.chance(30)) {
      a.down_payment = Money::from_ore(std::max<int64_t>(10'000, total_.ore() / 10 / 100 * 100));
      a.down_date = a.date + g_.days(0, 10);
    }
    a.interest_free = g_.chance(20);
    agreement_open_ = true;
    return a;
  }

  // The track's next step after the last one taken, a few days late at most.
  std::optional<Action> next_step() {
    for (const TrackStep& s : track_steps(track_)) {
      int rank = static_cast<int>(s.step);
      if (rank <= rank_) continue;
      int32_t gap = s.days_after_previous + g_.days(0, 4);
      if (rank_ < 0) gap = std::max<int32_t>(gap, 1);  // a reminder needs the due date passed
      rank_ = rank;
      switch (s.step) {
        case Step::reminder_1:
        case Step::reminder_2:
          return reminder(ActionType::reminder, gap);
        case Step::collection_notice:
          return reminder(ActionType::collection_notice, gap);
        case Step::collection_demand: {
          if (notice_) gap = std::max(gap, *notice_ + 10 - cursor_);
          return at(ActionType::collection_demand, gap);
        }
        case Step::settlement_offer:
          return offer(gap);
        case Step::missing_payment_letter:
          return at(ActionType::missing_payment_letter, gap);
        case Step::court: {
          if (notice_) gap = std::max(gap, *notice_ + 10 - cursor_);
          Action a =
              at(has_fundament_ ? ActionType::enforcement_request : ActionType::payment_order, gap);
          a.court_fee_added = g_.chance(70);
          return a;
        }
      }
    }
    return std::nullopt;
  }

  // What an imported history may hold and the engine must cap.
  Action unlawful() {
    switch (g_.uniform(0, 3)) {
      case 0: {  // a fee over 100 kr.
        Action a = at(g_.chance(50) ? ActionType::reminder : ActionType::collection_notice,
                      g_.days(1, 15));
        a.fee = Money::from_ore(g_.uniform(10'001, 50'000));
        count_fee(a);
        return a;
      }
      case 1: {  // a fee-bearing reminder whatever the count (a 4th once three were claimed)
        Action a = at(ActionType::reminder, g_.days(10, 20));
        a.fee = kroner(100);
        count_fee(a);
        return a;
      }
      case 2: {  // a fee-bearing reminder less than 10 days after the last one
        int32_t gap =
            last_fee_ ? std::max<int32_t>(0, *last_fee_ + g_.days(0, 9) - cursor_) : g_.days(1, 5);
        Action a = at(ActionType::reminder, gap);
        a.fee = kroner(g_.chance(50) ? 100 : 60);
        count_fee(a);
        return a;
      }
      default: {  // compensation on a private debtor (on a company: claimed once more)
        Action a = at(ActionType::reminder, g_.days(1, 15));
        a.compensation = true;
        return a;
      }
    }
  }

  Gen& g_;
  const CaseHistory& h_;
  Date end_;
  Money total_;
  Track track_;
  Date cursor_;
  int rank_ = -1;
  int fee_reminders_ = 0;
  std::optional<Date> last_fee_;
  std::optional<Date> notice_;
  bool compensated_ = false;
  bool offer_open_ = false;
  Date offer_deadline_;
  bool agreement_open_ = false;
  bool has_fundament_ = false;
};

}  // namespace

RandomCaseShape bench_shape() {
  RandomCaseShape s;
  s.claims = 3;
  s.payments = 2;
  s.actions = 6;
  s.years = 3;
  s.exact_counts = true;
  return s;
}

CaseHistory random_case(uint64_t seed, const RandomCaseShape& shape) {
  Gen g(seed);
  CaseHistory h;

  const int n_claims = shape.exact_counts
                           ? std::max(1, shape.claims)
                           : static_cast<int>(g.uniform(1, std::max(1, shape.claims)));
  const int n_payments = shape.exact_counts
                             ? std::max(0, shape.payments)
                             : static_cast<int>(g.uniform(0, std::max(0, shape.payments)));
  const int n_actions = shape.exact_counts
                            ? std::max(0, shape.actions)
                            : static_cast<int>(g.uniform(0, std::max(0, shape.actions)));

  // The span.
  const int years = std::clamp(shape.years, 1, 8);
  const int32_t span = std::min<int32_t>(years * 365 + years / 4, kLast - kFirst);
  const Date start = kFirst + g.days(0, (kLast - kFirst) - span);
  const Date end = start + span;

  // Settings.
  h.debtor = g.chance(shape.person_percent) ? DebtorKind::person : DebtorKind::company;
  static const Track kTracks[] = {Track::gentle, Track::standard, Track::fast};
  h.track = shape.track ? *shape.track : g.pick(kTracks);
  int r = static_cast<int>(g.uniform(0, 99));
  if (r < shape.procesrente_day31_percent) {
    h.interest = {InterestKind::procesrente, InterestStart::day31, 0};
  } else if (r < shape.procesrente_day31_percent + shape.procesrente_due_date_percent) {
    h.interest = {InterestKind::procesrente, InterestStart::due_date, 0};
  } else if (r < shape.procesrente_day31_percent + shape.procesrente_due_date_percent +
                     shape.fixed_percent) {
    if (h.debtor == DebtorKind::company) {
      static const int32_t kRates[] = {500, 800, 1000, 1200, 1500, 2000};
      h.interest = {InterestKind::fixed,
                    g.chance(50) ? InterestStart::due_date : InterestStart::day31, g.pick(kRates)};
    } else {
      h.interest = {InterestKind::procesrente, InterestStart::day31, 0};
    }
  } else {
    h.interest = {InterestKind::none, InterestStart::day31, 0};
  }

  // Claims, invoiced in the first third of the span, in invoice order.
  std::vector<Date> invoiced;
  for (int i = 0; i < n_claims; ++i) invoiced.push_back(start + g.days(0, span / 3));
  std::sort(invoiced.begin(), invoiced.end());
  Money total;
  for (int i = 0; i < n_claims; ++i) {
    static const int32_t kTerms[] = {0, 8, 8, 14, 14, 14, 30, 30};
    Claim c;
    c.ref = "Faktura " + std::to_string(1000 + i);
    c.invoice_date = invoiced[static_cast<size_t>(i)];
    c.due_date = c.invoice_date + g.pick(kTerms);
    c.amount = claim_amount(g);
    total += c.amount;
    h.claims.push_back(c);
  }

  // Credit notes: named, soon after the invoice, at most half the claim.
  for (const Claim& c : h.claims) {
    if (!g.chance(shape.credit_note_percent)) continue;
    CreditNote n;
    n.ref = c.ref;
    n.date = std::min(c.invoice_date + g.days(0, 20), end);
    n.amount = kroner(g.uniform(1, std::max<int64_t>(1, c.amount.ore() / 200)));
    total -= n.amount;
    h.credit_notes.push_back(n);
  }

  // Payments after the first due date; now and then one that pays everything and more.
  Date first_due = h.claims.front().due_date;
  for (const Claim& c : h.claims) first_due = std::min(first_due, c.due_date);
  std::vector<Payment> payments;
  for (int i = 0; i < n_payments; ++i) {
    Payment p;
    p.date = std::min(first_due + g.days(1, std::max(1, end - first_due)), end);
    int64_t base = std::max<int64_t>(total.ore(), 10'000);
    int64_t ore = g.chance(8) ? base * 13 / 10 : base * g.uniform(5, 50) / 100;
    if (g.chance(70)) ore = ore / 100 * 100;  // whole kroner
    p.amount = Money::from_ore(std::max<int64_t>(ore, 100));
    payments.push_back(p);
  }
  std::sort(payments.begin(), payments.end(),
            [](const Payment& a, const Payment& b) { return a.date < b.date; });
  h.payments = std::move(payments);

  // Actions, in date order.
  ActionGen actions(g, h, end, total);
  for (int i = 0; i < n_actions; ++i)
    h.actions.push_back(actions.next(i + 1 == n_actions, shape.unlawful_percent));
  // Nothing follows a closing but letters.
  for (size_t i = 0; i + 1 < h.actions.size(); ++i) {
    if (h.actions[i].type != ActionType::close) continue;
    for (size_t j = i + 1; j < h.actions.size(); ++j) {
      Date d = h.actions[j].date;
      h.actions[j] = Action{};
      h.actions[j].type = ActionType::letter;
      h.actions[j].date = d;
    }
    break;
  }
  return h;
}

std::string describe(const CaseHistory& h) {
  std::string s = "debtor=" + std::string(to_string(h.debtor)) +
                  " track=" + std::string(to_string(h.track)) + " interest=";
  switch (h.interest.kind) {
    case InterestKind::procesrente:
      s += "procesrente";
      break;
    case InterestKind::fixed:
      s += "fixed(" + std::to_string(h.interest.fixed_rate_bp) + "bp)";
      break;
    case InterestKind::none:
      s += "none";
      break;
  }
  s += h.interest.from == InterestStart::day31 ? "/day31\n" : "/due_date\n";
  for (const Claim& c : h.claims)
    s += "  claim '" + c.ref + "' invoiced " + c.invoice_date.to_iso() + " due " +
         c.due_date.to_iso() + " " + c.amount.to_plain() + "\n";
  for (const CreditNote& n : h.credit_notes)
    s += "  credit_note '" + n.ref + "' " + n.date.to_iso() + " " + n.amount.to_plain() + "\n";
  for (const Payment& p : h.payments)
    s += "  payment " + p.date.to_iso() + " " + p.amount.to_plain() + "\n";
  for (size_t i = 0; i < h.actions.size(); ++i) {
    const Action& a = h.actions[i];
    s += "  [" + std::to_string(i) + "] " + a.date.to_iso() + " " + std::string(to_string(a.type));
    if (a.fee.is_positive()) s += " fee=" + a.fee.to_plain();
    if (a.compensation) s += " compensation";
    if (a.type == ActionType::settlement_offer) {
      s += " discount_bp=" + std::to_string(a.discount_bp);
      if (a.deadline) s += " deadline=" + a.deadline->to_iso();
    }
    if (a.type == ActionType::payment_agreement) {
      s += " instalment=" + a.instalment.to_plain() + " first=" + a.first_date->to_iso();
      if (a.down_date) s += " down=" + a.down_payment.to_plain() + "@" + a.down_date->to_iso();
      if (a.interest_free) s += " interest_free";
    }
    if (a.type == ActionType::track_change || a.type == ActionType::agreement_terminated)
      s += " track=" + std::string(to_string(a.track));
    if (a.type == ActionType::pause) s += " until=" + a.until->to_iso();
    if (a.type == ActionType::fundament) s += " kind=" + std::string(to_string(a.fundament));
    if (a.court_fee_added) s += " court_fee_added";
    s += "\n";
  }
  return s;
}

}  // namespace inkasso::testing
