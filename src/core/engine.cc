#include "core/engine.h"

#include <algorithm>
#include <array>

#include "core/interest.h"
#include "core/tracks.h"

namespace inkasso {

std::string_view to_string(Flow f) {
  switch (f) {
    case Flow::track:
      return "track";
    case Flow::payment_agreement:
      return "payment_agreement";
    case Flow::settlement:
      return "settlement";
    case Flow::court:
      return "court";
    case Flow::closed:
      return "closed";
    case Flow::paid:
      return "paid";
  }
  INKASSO_ASSERT(false);
  return {};
}

namespace {

// Actions that set a deadline for the debtor, and a change of track, override a pause
// (domain.md: "An action with a deadline, or a change of track, overrides the pause").
bool overrides_pause(ActionType t) {
  switch (t) {
    case ActionType::letter:
    case ActionType::pause:
    case ActionType::fundament:
    case ActionType::settlement_accepted:
    case ActionType::close:
      return false;
    default:
      return true;
  }
}

// A stretch of days [first, last] on which no interest accrues: an interest-free payment
// agreement while it runs, and everything after the case was closed.
struct InterestHoliday {
  Date first;
  Date last;
};

// What the actions say, walked in order: the flow, the position on the track and the open
// agreement, offer and court step. Balances come from the ledger walk below.
struct ActionWalk {
  Flow flow = Flow::track;
  Track track = Track::standard;
  int rank = -1;  // the highest Step done (tracks.h), -1 before the first reminder
  std::optional<Date> last_step_date;
  int reminders_sent = 0;
  std::optional<Date> pause_until;
  std::optional<Date> resume_floor;  // after an agreement's termination: not before that day
  std::optional<size_t> offer;       // the latest settlement offer
  bool offer_accepted = false;
  std::optional<size_t> agreement;  // the open payment agreement
  std::optional<Date> agreement_warning;
  std::optional<Date> court_date;
  ActionType court_type = ActionType::payment_order;
  bool has_fundament = false;
  std::optional<Date> fundament_after_court;
  std::optional<Date> closed_on;
  std::vector<InterestHoliday> holidays;
};

constexpr Date kForever = Date::from_days(3'000'000);

void end_interest_free(ActionWalk& w, Date last_free_day) {
  if (!w.holidays.empty() && w.holidays.back().last == kForever)
    w.holidays.back().last = last_free_day;
}

ActionWalk walk_actions(const CaseHistory& h, size_t count) {
  ActionWalk w;
  w.track = h.track;
  auto step_done = [&](Step s, Date d) {
    w.rank = std::max(w.rank, static_cast<int>(s));
    w.last_step_date = d;
  };
  for (size_t i = 0; i < count; ++i) {
    const Action& a = h.actions[i];
    if (overrides_pause(a.type)) w.pause_until.reset();
    switch (a.type) {
      case ActionType::reminder:
        ++w.reminders_sent;
        step_done(w.reminders_sent == 1 ? Step::reminder_1 : Step::reminder_2, a.date);
        break;
      case ActionType::collection_notice:
        ++w.reminders_sent;
        step_done(Step::collection_notice, a.date);
        break;
      case ActionType::collection_demand:
        step_done(Step::collection_demand, a.date);
        break;
      case ActionType::settlement_offer:
        w.offer = i;
        w.offer_accepted = false;
        w.flow = Flow::settlement;
        // The offer is the track's step only where the track has one and it is next in
        // line; sent earlier it is an extra that does not skip notice and demand.
        if (track_has_step(w.track, Step::settlement_offer) &&
            w.rank >= static_cast<int>(Step::collection_demand))
          step_done(Step::settlement_offer, a.date);
        break;
      case ActionType::settlement_accepted:
        if (w.offer) w.offer_accepted = true;
        break;
      case ActionType::missing_payment_letter:
        step_done(Step::missing_payment_letter, a.date);
        break;
      case ActionType::payment_agreement:
        end_interest_free(w, a.date);
        w.agreement = i;
        w.agreement_warning.reset();
        w.flow = Flow::payment_agreement;
        if (a.interest_free) w.holidays.push_back({a.date + 1, kForever});
        break;
      case ActionType::agreement_default_warning:
        w.agreement_warning = a.date;
        break;
      case ActionType::agreement_terminated:
        end_interest_free(w, a.date);
        w.agreement.reset();
        w.flow = Flow::track;
        w.track = a.track;
        w.resume_floor = a.date;
        break;
      case ActionType::payment_order:
      case ActionType::enforcement_request:
        end_interest_free(w, a.date);
        w.agreement.reset();
        w.flow = Flow::court;
        w.court_type = a.type;
        w.court_date = a.date;
        w.fundament_after_court.reset();
        step_done(Step::court, a.date);
        break;
      case ActionType::fundament:
        w.has_fundament = true;
        if (w.court_date) w.fundament_after_court = a.date;
        break;
      case ActionType::letter:
        break;
      case ActionType::pause:
        w.pause_until = a.until;
        break;
      case ActionType::track_change:
        w.track = a.track;
        if (w.flow == Flow::settlement) w.flow = Flow::track;
        break;
      case ActionType::close:
        w.flow = Flow::closed;
        w.closed_on = a.date;
        end_interest_free(w, a.date);
        w.holidays.push_back({a.date + 1, kForever});
        break;
    }
  }
  return w;
}

// --- The ledger: interest, allocation and balances over time -------------------------------

struct ClaimRun {
  size_t index;
  Date due;
  Date invoiced;
  Date interest_after;  // interest accrues on the days after this date
  ClaimRate rate;
  Money outstanding;
};

enum class EventKind : uint8_t { claim = 0, credit_note = 1, payment = 2, offer = 3 };

struct Event {
  Date date;
  EventKind kind;
  uint32_t index;
};

// Working memory of one evaluation, kept per thread so that evaluating a case allocates
// nothing once a thread has warmed up (the engine's speed goal is a million cases a second).
struct Scratch {
  std::vector<ClaimRun> claims;
  std::vector<Event> events;
  FeeAssessment fees;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

class Ledger {
 public:
  Ledger(const CaseHistory& h, const LawTable& law, const std::vector<Fee>& fees,
         const std::vector<InterestHoliday>& holidays, Scratch& scratch)
      : h_(h),
        law_(law),
        fees_(fees),
        holidays_(holidays),
        claims_(scratch.claims),
        events_(scratch.events) {
    claims_.clear();
    events_.clear();
  }

  Status run(Date as_of, const ActionWalk& walk, CaseState& out);

 private:
  Result<InterestExact> accrue_claim(const ClaimRun& c, Date from, Date to) const;
  Result<InterestExact> accrue_all(Date from, Date to) const;
  Status close_period(Date p);
  void allocate(Date p, CaseState& out);
  Money principal_outstanding() const;

  const CaseHistory& h_;
  const LawTable& law_;
  const std::vector<Fee>& fees_;
  const std::vector<InterestHoliday>& holidays_;

  std::vector<ClaimRun>& claims_;  // in allocation order: oldest due date first
  std::vector<Event>& events_;
  Date last_point_;
  Money interest_outstanding_;
  Money interest_total_;
  size_t fee_cursor_ = 0;
  Money fees_due_;  // incurred up to the last allocation and not yet paid
  Money credit_;    // paid and not yet allocated
};

Result<InterestExact> Ledger::accrue_claim(const ClaimRun& c, Date from, Date to) const {
  if (from < c.interest_after) from = c.interest_after;
  if (to <= from || !c.outstanding.is_positive()) return 0;
  InterestExact sum = 0;
  // Walk (from, to] around the holidays, which are few and in date order.
  Date cursor = from;
  for (const InterestHoliday& hol : holidays_) {
    if (hol.last <= cursor || hol.first > to) continue;
    Date stop = hol.first - 1;  // accrue (cursor, stop]
    if (stop > cursor) {
      auto part = accrue_interest(law_, c.rate, c.outstanding, cursor, stop);
      if (!part) return part.error();
      sum += *part;
    }
    cursor = std::max(cursor, hol.last);
    if (cursor >= to) return sum;
  }
  auto part = accrue_interest(law_, c.rate, c.outstanding, cursor, to);
  if (!part) return part.error();
  return sum + *part;
}

Result<InterestExact> Ledger::accrue_all(Date from, Date to) const {
  InterestExact sum = 0;
  for (const ClaimRun& c : claims_) {
    auto part = accrue_claim(c, from, to);
    if (!part) return part.error();
    sum += *part;
  }
  return sum;
}

// Interest since the last balance-changing event, summed exactly and rounded once here.
Status Ledger::close_period(Date p) {
  if (p > last_point_) {
    auto exact = accrue_all(last_point_, p);
    if (!exact) return exact.error();
    Money interest = round_interest(*exact);
    interest_outstanding_ += interest;
    interest_total_ += interest;
    last_point_ = p;
  }
  return {};
}

Money Ledger::principal_outstanding() const {
  Money sum;
  for (const ClaimRun& c : claims_) sum += c.outstanding;
  return sum;
}

// Interest first, then fees incurred up to p, then principal, oldest due date first
// (legal.md, "Allocation of payments").
void Ledger::allocate(Date p, CaseState& out) {
  while (fee_cursor_ < fees_.size() && fees_[fee_cursor_].date <= p)
    fees_due_ += fees_[fee_cursor_++].amount;
  if (!credit_.is_positive()) return;
  Money take = min(credit_, interest_outstanding_);
  interest_outstanding_ -= take;
  out.allocated.interest += take;
  credit_ -= take;
  take = min(credit_, fees_due_);
  fees_due_ -= take;
  out.allocated.fees += take;
  credit_ -= take;
  for (ClaimRun& c : claims_) {
    if (!credit_.is_positive()) break;
    take = min(credit_, c.outstanding);
    c.outstanding -= take;
    out.allocated.principal += take;
    credit_ -= take;
  }
}

Status Ledger::run(Date as_of, const ActionWalk& walk, CaseState& out) {
  std::vector<Event>& events = events_;
  for (size_t i = 0; i < h_.claims.size(); ++i) {
    const Claim& c = h_.claims[i];
    if (c.invoice_date > as_of) continue;
    claims_.push_back({i, c.due_date, c.invoice_date,
                       first_interest_day(law_, h_.interest, c.due_date) - 1,
                       claim_rate(law_, h_.interest, c.due_date), Money::zero()});
    events.push_back({c.invoice_date, EventKind::claim, static_cast<uint32_t>(i)});
  }
  // In place (std::stable_sort would allocate); the claim's index breaks ties.
  std::sort(claims_.begin(), claims_.end(), [](const ClaimRun& a, const ClaimRun& b) {
    return a.due != b.due ? a.due < b.due : a.index < b.index;
  });
  for (size_t i = 0; i < h_.credit_notes.size(); ++i)
    if (h_.credit_notes[i].date <= as_of)
      events.push_back({h_.credit_notes[i].date, EventKind::credit_note, static_cast<uint32_t>(i)});
  for (size_t i = 0; i < h_.payments.size(); ++i)
    if (h_.payments[i].date <= as_of)
      events.push_back({h_.payments[i].date, EventKind::payment, static_cast<uint32_t>(i)});
  const Action* offer = walk.offer ? &h_.actions[*walk.offer] : nullptr;
  if (offer) events.push_back({offer->date, EventKind::offer, 0});
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.index < b.index;
  });

  last_point_ = events.empty() ? as_of : events.front().date;
  std::optional<SettlementStatus> settlement;

  for (const Event& e : events) {
    if (e.kind == EventKind::offer) {
      // What the debtor owes on the offer's day, without disturbing the rounding points.
      auto pending = accrue_all(last_point_, e.date);
      if (!pending) return pending.error();
      while (fee_cursor_ < fees_.size() && fees_[fee_cursor_].date <= e.date)
        fees_due_ += fees_[fee_cursor_++].amount;
      Money owed = interest_outstanding_ + round_interest(*pending) + fees_due_ +
                   principal_outstanding() - credit_;
      SettlementStatus s;
      s.offered_on = offer->date;
      s.deadline = offer->deadline.value_or(offer->date + law_.settlement_deadline_days_default);
      s.discount_bp = offer->discount_bp;
      s.total_at_offer = max(owed, Money::zero());
      // Half-up to whole øre of total × (100 % − discount).
      __int128 num = static_cast<__int128>(s.total_at_offer.ore()) * (10'000 - s.discount_bp);
      s.offered_amount = Money::from_ore(static_cast<int64_t>((num + 5'000) / 10'000));
      s.accepted = walk.offer_accepted;
      settlement = s;
      continue;
    }
    if (auto st = close_period(e.date); !st) return st;
    switch (e.kind) {
      case EventKind::claim: {
        const Claim& c = h_.claims[e.index];
        for (ClaimRun& run : claims_)
          if (run.index == e.index) run.outstanding += c.amount;
        out.principal += c.amount;
        break;
      }
      case EventKind::credit_note: {
        const CreditNote& n = h_.credit_notes[e.index];
        out.principal -= n.amount;
        // Validation guarantees the target exists and was invoiced by the note's date.
        size_t index = credit_note_target(h_, n);
        ClaimRun* target = nullptr;
        for (ClaimRun& run : claims_)
          if (run.index == index) target = &run;
        INKASSO_ASSERT(target != nullptr);
        Money reduce = min(n.amount, target->outstanding);
        target->outstanding -= reduce;
        // A credit note on principal already paid leaves the debtor money to get back.
        credit_ += n.amount - reduce;
        break;
      }
      case EventKind::payment: {
        const Payment& p = h_.payments[e.index];
        credit_ += p.amount;
        out.paid += p.amount;
        break;
      }
      case EventKind::offer:
        break;
    }
    allocate(e.date, out);
    if (e.kind == EventKind::payment && settlement && !settlement->fulfilled &&
        e.date > settlement->offered_on && e.date <= settlement->deadline) {
      settlement->paid_towards += h_.payments[e.index].amount;
      if (settlement->paid_towards >= settlement->offered_amount) {
        // The offer is fulfilled: whatever else is owed that day is given up.
        settlement->fulfilled = true;
        out.written_off += interest_outstanding_ + fees_due_ + principal_outstanding();
        interest_outstanding_ = fees_due_ = Money::zero();
        for (ClaimRun& c : claims_) c.outstanding = Money::zero();
      }
    }
  }
  if (auto st = close_period(as_of); !st) return st;
  allocate(as_of, out);

  if (settlement && !settlement->fulfilled && as_of > settlement->deadline)
    settlement->lapsed = true;
  out.settlement = settlement;
  out.interest = interest_total_;
  out.outstanding.principal = principal_outstanding();
  out.outstanding.interest = interest_outstanding_;
  out.outstanding.fees = fees_due_;
  out.overpaid = credit_;
  return {};
}

// --- Payment agreement monitoring -----------------------------------------------------------

// Months from `from`'s month to `to`'s month, less one when `to` falls before the same day of
// that month (so from.add_months(result) <= to), or -1 when to < from.
int whole_months_between(Date from, Date to) {
  if (to < from) return -1;
  Date::Parts a = from.parts(), b = to.parts();
  int m = (b.year - a.year) * 12 + (b.month - a.month);
  if (from.add_months(m) > to) --m;
  return m;
}

// Which instalments have fallen due (their date plus the grace days has passed) and whether the
// payments since the agreement cover them. In closed form: agreements can run for years, and
// this runs on every evaluation.
AgreementStatus agreement_status(const CaseHistory& h, const Action& a, Date as_of,
                                 Money outstanding_total, const LawTable& law) {
  AgreementStatus s;
  s.agreed_on = a.date;
  s.instalment = a.instalment;
  s.interest_free = a.interest_free;
  for (const Payment& p : h.payments)
    if (p.date >= a.date && p.date <= as_of) s.paid_since_agreement += p.amount;
  // The schedule ends when what it asks for covers what was paid plus what is still owed.
  const Money paid = s.paid_since_agreement;
  const Money covers = paid + outstanding_total;
  const Date last_due_day = as_of - (law.agreement_grace_days + 1);  // due on or before this
  Money scheduled;
  if (a.down_payment.is_positive() && a.down_date) {
    if (*a.down_date > last_due_day) {
      s.next_instalment = *a.down_date;
      return s;
    }
    scheduled = min(a.down_payment, covers);
    if (scheduled > paid) s.missed_date = *a.down_date;
  }
  if (a.first_date && a.instalment.is_positive() && scheduled < covers) {
    const int64_t inst = a.instalment.ore();
    const int64_t left = (covers - scheduled).ore();
    const int64_t needed = (left + inst - 1) / inst;  // instalments until the debt is covered
    const int64_t due =
        std::min<int64_t>(whole_months_between(*a.first_date, last_due_day) + 1, needed);
    Money before = scheduled;
    scheduled = min(covers, scheduled + Money::from_ore(inst * due));
    if (!s.missed_date && scheduled > paid) {
      // The first instalment whose running total exceeds what was paid.
      int64_t j = paid > before ? (paid - before).ore() / inst : 0;
      s.missed_date = a.first_date->add_months(static_cast<int>(j));
    }
    if (due < needed) s.next_instalment = a.first_date->add_months(static_cast<int>(due));
  }
  s.due_so_far = scheduled;
  s.defaulted = s.missed_date.has_value();
  return s;
}

std::optional<NextAction> next_track_step(const CaseHistory& h, const ActionWalk& w, Date as_of) {
  for (const TrackStep& s : track_steps(w.track)) {
    if (static_cast<int>(s.step) <= w.rank) continue;
    Date base;
    if (w.last_step_date) {
      base = *w.last_step_date;
    } else {
      bool any = false;
      for (const Claim& c : h.claims) {
        if (c.invoice_date > as_of) continue;
        if (!any || c.due_date < base) base = c.due_date;
        any = true;
      }
      if (!any) return std::nullopt;
    }
    Date date = base + s.days_after_previous;
    if (w.resume_floor && date < *w.resume_floor) date = *w.resume_floor;
    return NextAction{action_for_step(s.step, w.has_fundament), date};
  }
  return std::nullopt;
}

}  // namespace

Result<CaseState> evaluate(const CaseHistory& h, Date as_of, const LawTable& law) {
  if (auto st = validate_history(h, law); !st) return st.error();
  CaseState out;
  out.as_of = as_of;
  size_t count = 0;
  while (count < h.actions.size() && h.actions[count].date <= as_of) ++count;

  Scratch& work = scratch();
  FeeAssessment& fees = work.fees;
  assess_fees_into(h, as_of, law, fees);
  ActionWalk walk = walk_actions(h, count);
  for (const Fee& f : fees.fees) out.fees += f.amount;
  if (!fees.adjustments.empty()) out.adjustments = fees.adjustments;
  out.track = walk.track;

  Ledger ledger(h, law, fees.fees, walk.holidays, work);
  if (auto st = ledger.run(as_of, walk, out); !st) return st.error();

  if (h.interest.kind != InterestKind::none) {
    for (const Claim& c : h.claims) {
      if (c.invoice_date > as_of) continue;
      Date d = first_interest_day(law, h.interest, c.due_date);
      if (!out.interest_from || d < *out.interest_from) out.interest_from = d;
    }
  }
  if (walk.agreement)
    out.agreement =
        agreement_status(h, h.actions[*walk.agreement], as_of, out.outstanding.total(), law);

  // The flow: closing wins; then a debt with nothing left to pay; then what the actions say.
  if (walk.flow == Flow::closed) {
    out.flow = Flow::closed;
    out.written_off += out.outstanding.total();
  } else if (out.outstanding.total().is_zero() && !out.principal.is_negative()) {
    out.flow = Flow::paid;
  } else if (walk.flow == Flow::settlement && out.settlement && out.settlement->lapsed) {
    out.flow = Flow::track;
  } else {
    out.flow = walk.flow;
  }

  switch (out.flow) {
    case Flow::closed:
    case Flow::paid:
      break;
    case Flow::court:
      if (walk.court_type == ActionType::payment_order && walk.fundament_after_court)
        out.next_action = NextAction{ActionType::enforcement_request, *walk.fundament_after_court};
      break;
    case Flow::payment_agreement:
      if (out.agreement && out.agreement->defaulted) {
        Date missed = *out.agreement->missed_date;
        if (walk.agreement_warning && *walk.agreement_warning >= missed)
          out.next_action =
              NextAction{ActionType::agreement_terminated,
                         *walk.agreement_warning + law.agreement_termination_notice_days};
        else
          out.next_action = NextAction{ActionType::agreement_default_warning,
                                       missed + law.agreement_grace_days + 1};
      }
      break;
    case Flow::track:
    case Flow::settlement:
      out.next_action = next_track_step(h, walk, as_of);
      // While an offer stands, the track waits for its deadline.
      if (out.next_action && out.settlement && !out.settlement->fulfilled &&
          (!walk.last_step_date || out.settlement->offered_on >= *walk.last_step_date) &&
          out.next_action->date <= out.settlement->deadline)
        out.next_action->date = out.settlement->deadline + 1;
      break;
  }
  if (walk.pause_until) {
    out.paused_until = walk.pause_until;
    if (out.next_action && out.next_action->date < *walk.pause_until)
      out.next_action->date = *walk.pause_until;
  }
  out.follow_up_due = out.next_action && out.next_action->date <= as_of;
  return out;
}

}  // namespace inkasso
