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
  if (history.claims.empty()) return out;
  const Date first_due = earliest_due_date(history);
  // Which claims have had their compensation; claims are few, a small vector is enough.
  std::vector<bool> compensated(history.claims.size(), false);

  for (size_t i = 0; i < history.actions.size(); ++i) {
    const Action& a = history.actions[i];
    if (as_of && a.date > *as_of) break;  // actions are in date order
    auto adjust = [&](const char* field, Money claimed, Money allowed, const Error& why) {
      out.adjustments.push_back(
          {i, field, claimed, allowed, why.code, adjustment_message(why, claimed, allowed)});
    };

    if (is_reminder(a.type) && a.fee.is_positive()) {
      Money allowed = a.fee;
      std::optional<Error> why;
      if (!(first_due < a.date)) {
        why = refuse_reminder_before_due(first_due);
      } else if (out.fee_bearing_reminders >= law.fee_bearing_reminders_max) {
        why = refuse_reminder_fee_count(law);
      } else if (out.last_fee_bearing_reminder &&
                 a.date - *out.last_fee_bearing_reminder < law.reminder_fee_spacing_days_min) {
        why = refuse_reminder_fee_spacing(law, *out.last_fee_bearing_reminder);
      }
      if (why) {
        allowed = Money::zero();
      } else if (a.fee > law.reminder_fee_max) {
        why = refuse_reminder_fee_max(law, a.fee);
        allowed = law.reminder_fee_max;
      }
      if (why) adjust("fee", a.fee, allowed, *why);
      if (allowed.is_positive()) {
        out.fees.push_back({a.date, allowed, i});
        ++out.fee_bearing_reminders;
        out.last_fee_bearing_reminder = a.date;
      }
    }

    if (is_reminder(a.type) && a.compensation) {
      Money claimed;
      std::vector<size_t> newly;
      for (size_t c = 0; c < history.claims.size(); ++c) {
        const Claim& claim = history.claims[c];
        if (compensated[c] || !(claim.due_date < a.date) || claim.invoice_date > a.date) continue;
        claimed += law.compensation_per_claim;
        newly.push_back(c);
      }
      if (history.debtor == DebtorKind::person) {
        if (claimed.is_positive())
          adjust("compensation", claimed, Money::zero(), refuse_compensation_private(law));
      } else if (claimed.is_positive()) {
        for (size_t c : newly) compensated[c] = true;
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
  return out;
}

}  // namespace inkasso
