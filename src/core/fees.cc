#include "core/fees.h"

#include "core/rules.h"

namespace inkasso {

namespace {

bool is_reminder(ActionType t) {
  return t == ActionType::reminder || t == ActionType::collection_notice;
}

Date earliest_due_date(const CaseHistory& h) {
  Date d = h.claims.front().due_date;
  for (const Claim& c : h.claims) d = c.due_date < d ? c.due_date : d;
  return d;
}

}  // namespace

int claims_open_for_compensation(const CaseHistory& history, Date date) {
  // A claim is compensated by the first compensation-bearing action dated after its due date.
  int open = 0;
  for (const Claim& c : history.claims) {
    if (!(c.due_date < date) || c.invoice_date > date) continue;
    bool done = false;
    for (const Action& a : history.actions) {
      if (a.date > date) break;
      if (is_reminder(a.type) && a.compensation && c.due_date < a.date) {
        done = true;
        break;
      }
    }
    if (!done) ++open;
  }
  return open;
}

FeeAssessment assess_fees(const CaseHistory& history, std::optional<Date> as_of,
                          const LawTable& law) {
  FeeAssessment out;
  assess_fees_into(history, as_of, law, out);
  return out;
}

namespace {

// Which claims have had their compensation. A case rarely has more than 64 claims; the mask
// keeps the common case free of allocation, which matters on the engine's hot path.
class ClaimSet {
 public:
  explicit ClaimSet(size_t n) {
    if (n > 64) more_.assign(n, false);
  }
  bool has(size_t i) const { return more_.empty() ? (bits_ >> i) & 1 : bool(more_[i]); }
  void add(size_t i) {
    if (more_.empty())
      bits_ |= uint64_t{1} << i;
    else
      more_[i] = true;
  }

 private:
  uint64_t bits_ = 0;
  std::vector<bool> more_;
};

}  // namespace

void assess_fees_into(const CaseHistory& history, std::optional<Date> as_of, const LawTable& law,
                      FeeAssessment& out) {
  out.fees.clear();
  out.adjustments.clear();
  out.fee_bearing_reminders = 0;
  out.last_fee_bearing_reminder.reset();
  if (history.claims.empty()) return;
  const Date first_due = earliest_due_date(history);
  ClaimSet compensated(history.claims.size());

  for (size_t i = 0; i < history.actions.size(); ++i) {
    const Action& a = history.actions[i];
    if (as_of && a.date > *as_of) break;  // actions are in date order
    auto adjust = [&](const char* field, Money claimed, Money allowed, const char* rule_id,
                      std::optional<Date> rule_date = std::nullopt) {
      out.adjustments.push_back({i, field, claimed, allowed, rule_id, rule_date});
    };

    if (is_reminder(a.type) && a.fee.is_positive()) {
      Money allowed = a.fee;
      const char* why = nullptr;
      std::optional<Date> why_date;
      if (!(first_due < a.date)) {
        why = rule::kReminderBeforeDue;
        why_date = first_due;
      } else if (out.fee_bearing_reminders >= law.fee_bearing_reminders_max) {
        why = rule::kReminderFeeCount;
      } else if (out.last_fee_bearing_reminder &&
                 a.date - *out.last_fee_bearing_reminder < law.reminder_fee_spacing_days_min) {
        why = rule::kReminderFeeSpacing;
        why_date = out.last_fee_bearing_reminder;
      }
      if (why) {
        allowed = Money::zero();
      } else if (a.fee > law.reminder_fee_max) {
        why = rule::kReminderFeeMax;
        allowed = law.reminder_fee_max;
      }
      if (why) adjust("fee", a.fee, allowed, why, why_date);
      if (allowed.is_positive()) {
        out.fees.push_back({a.date, allowed, i});
        ++out.fee_bearing_reminders;
        out.last_fee_bearing_reminder = a.date;
      }
    }

    if (is_reminder(a.type) && a.compensation) {
      // 310 kr. for each claim overdue on the reminder's date and not yet compensated.
      auto open_claim = [&](size_t c) {
        const Claim& claim = history.claims[c];
        return !compensated.has(c) && claim.due_date < a.date && claim.invoice_date <= a.date;
      };
      Money claimed;
      for (size_t c = 0; c < history.claims.size(); ++c)
        if (open_claim(c)) claimed += law.compensation_per_claim;
      if (history.debtor == DebtorKind::person) {
        if (claimed.is_positive())
          adjust("compensation", claimed, Money::zero(), rule::kCompensationPrivate);
      } else if (claimed.is_positive()) {
        for (size_t c = 0; c < history.claims.size(); ++c)
          if (open_claim(c)) compensated.add(c);
        out.fees.push_back({a.date, claimed, i});
      }
    }

    if ((a.type == ActionType::payment_order || a.type == ActionType::enforcement_request) &&
        a.court_fee_added) {
      Money fee = a.type == ActionType::payment_order ? law.court_fee_payment_order
                                                      : law.court_fee_enforcement;
      out.fees.push_back({a.date, fee, i});
    }
  }
}

}  // namespace inkasso
