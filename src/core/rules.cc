#include "core/rules.h"

#include "core/engine.h"
#include "core/fees.h"
#include "core/quote.h"

namespace inkasso {

namespace {

Error refuse(const char* id, std::string message) {
  return make_error(id, std::move(message));
}

bool is_reminder(ActionType t) {
  return t == ActionType::reminder || t == ActionType::collection_notice;
}

bool is_court_step(ActionType t) {
  return t == ActionType::payment_order || t == ActionType::enforcement_request;
}

// Steps that pursue the debt: pointless, and unlawful as to fees, once it is paid.
bool pursues_debt(ActionType t) {
  switch (t) {
    case ActionType::reminder:
    case ActionType::collection_notice:
    case ActionType::collection_demand:
    case ActionType::settlement_offer:
    case ActionType::missing_payment_letter:
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      return true;
    default:
      return false;
  }
}

// The latest collection notice (the inkassoloven § 10 letter) dated on or before `date`.
std::optional<Date> last_collection_notice(const CaseHistory& h, Date date) {
  std::optional<Date> found;
  for (const Action& a : h.actions)
    if (a.type == ActionType::collection_notice && a.date <= date) found = a.date;
  return found;
}

Error refuse_before_notice(const char* id, const LawTable& law, std::optional<Date> notice,
                           const char* what) {
  std::string msg = std::string(what) + " kræver, at skyldner har fået et inkassovarsel med " +
                    "mindst " + std::to_string(law.collection_notice_days_min) +
                    " dages frist til at betale (inkassoloven § 10). ";
  if (notice)
    msg += "Inkassovarslet blev sendt " + notice->to_danish() + ", så tidligst " +
           (*notice + law.collection_notice_days_min).to_danish() + ".";
  else
    msg += "Send et inkassovarsel først.";
  return refuse(id, msg);
}

}  // namespace

Error refuse_reminder_fee_max(const LawTable& law, Money fee) {
  return refuse(rule::kReminderFeeMax,
                "Et rykkergebyr må højst være " + law.reminder_fee_max.to_kr() +
                    " (renteloven § 9 b), og her står " + fee.to_kr() + " Sæt gebyret ned til " +
                    law.reminder_fee_max.to_kr() + " eller derunder.");
}

Error refuse_reminder_fee_count(const LawTable& law) {
  return refuse(rule::kReminderFeeCount,
                "Der må højst kræves gebyr for " + std::to_string(law.fee_bearing_reminders_max) +
                    " rykkere for den samme gæld (renteloven § 9 b). Du kan sende rykkeren "
                    "uden gebyr.");
}

Error refuse_reminder_fee_spacing(const LawTable& law, Date last_fee_bearing) {
  return refuse(rule::kReminderFeeSpacing,
                "Der skal gå mindst " + std::to_string(law.reminder_fee_spacing_days_min) +
                    " dage mellem to rykkere med gebyr (renteloven § 9 b). Den seneste blev "
                    "sendt " +
                    last_fee_bearing.to_danish() + ", så næste rykker med gebyr kan sendes " +
                    (last_fee_bearing + law.reminder_fee_spacing_days_min).to_danish() +
                    ". Du kan også sende rykkeren nu uden gebyr.");
}

Error refuse_reminder_before_due(Date first_due) {
  return refuse(rule::kReminderBeforeDue,
                "En rykker kan først sendes dagen efter forfaldsdagen, altså tidligst " +
                    (first_due + 1).to_danish() + " (renteloven § 9 b).");
}

Error refuse_compensation_private(const LawTable& law) {
  return refuse(rule::kCompensationPrivate,
                "Kompensationsbeløbet på " + law.compensation_per_claim.to_kr() +
                    " kan kun kræves af en virksomhed, aldrig af en privatperson (renteloven "
                    "§ 9 a). Fjern krydset ved kompensation.");
}

std::string adjustment_message(const Adjustment& a, const LawTable& law) {
  Error why;
  if (a.rule == rule::kReminderFeeMax)
    why = refuse_reminder_fee_max(law, a.claimed);
  else if (a.rule == rule::kReminderFeeCount)
    why = refuse_reminder_fee_count(law);
  else if (a.rule == rule::kReminderFeeSpacing)
    why = refuse_reminder_fee_spacing(law, *a.rule_date);
  else if (a.rule == rule::kReminderBeforeDue)
    why = refuse_reminder_before_due(*a.rule_date);
  else if (a.rule == rule::kCompensationPrivate)
    why = refuse_compensation_private(law);
  else
    INKASSO_ASSERT(false);
  return "Beløbet " + a.claimed.to_kr() + " er sat ned til " + a.allowed.to_kr() +
         ", fordi loven ikke tillader mere. " + why.message;
}

Date limitation_date(const LawTable& law, Date due_date, bool has_fundament) {
  return due_date.add_years(has_fundament ? law.limitation_years_with_fundament
                                          : law.limitation_years);
}

Status check_new_action(const CaseHistory& h, const Action& a, const LawTable& law) {
  if (!h.actions.empty() && a.date < h.actions.back().date)
    return refuse(rule::kActionBeforeLast,
                  "Handlingen kan ikke dateres før sagens seneste handling (" +
                      h.actions.back().date.to_danish() + ").");
  CaseHistory with = h;
  with.actions.push_back(a);
  if (auto st = validate_history(with, law); !st) return st;

  auto state = evaluate(h, a.date, law);
  if (!state) return state.error();
  if (state->flow == Flow::closed)
    return refuse(rule::kCaseClosed, "Sagen er lukket, så der kan ikke oprettes flere handlinger.");
  if (pursues_debt(a.type) && state->flow == Flow::paid)
    return refuse(rule::kCasePaid,
                  "Gælden er betalt. Der kan ikke sendes rykkere eller tages inkassoskridt på en "
                  "betalt sag; du kan lukke sagen.");

  if (is_reminder(a.type)) {
    Date first_due = h.claims.front().due_date;
    for (const Claim& c : h.claims) first_due = c.due_date < first_due ? c.due_date : first_due;
    if (!(first_due < a.date)) return refuse_reminder_before_due(first_due);
    FeeAssessment fees = assess_fees(h, a.date, law);
    if (a.fee.is_positive()) {
      if (a.fee > law.reminder_fee_max) return refuse_reminder_fee_max(law, a.fee);
      if (fees.fee_bearing_reminders >= law.fee_bearing_reminders_max)
        return refuse_reminder_fee_count(law);
      if (fees.last_fee_bearing_reminder &&
          a.date - *fees.last_fee_bearing_reminder < law.reminder_fee_spacing_days_min)
        return refuse_reminder_fee_spacing(law, *fees.last_fee_bearing_reminder);
    }
    if (a.compensation) {
      if (h.debtor == DebtorKind::person) return refuse_compensation_private(law);
      if (claims_open_for_compensation(h, a.date) == 0)
        return refuse(rule::kCompensationAlreadyClaimed,
                      "Der er allerede krævet kompensationsbeløb for alle forfaldne fakturaer på "
                      "sagen. Det kan kun kræves én gang pr. faktura (renteloven § 9 a).");
    }
  }

  if (a.type == ActionType::collection_demand) {
    auto notice = last_collection_notice(h, a.date);
    if (!notice || a.date - *notice < law.collection_notice_days_min)
      return refuse_before_notice(rule::kCollectionDemandBeforeNotice, law, notice,
                                  "En inkassopåkravsskrivelse");
  }

  if (is_court_step(a.type)) {
    auto notice = last_collection_notice(h, a.date);
    if (!notice || a.date - *notice < law.collection_notice_days_min)
      return refuse_before_notice(rule::kCourtBeforeNotice, law, notice,
                                  "At sende sagen til retten");
    bool has_fundament = false;
    for (const Action& x : h.actions)
      if (x.type == ActionType::fundament && x.date <= a.date) has_fundament = true;
    for (const Claim& c : h.claims) {
      Date barred = limitation_date(law, c.due_date, has_fundament);
      if (a.date >= barred)
        return refuse(rule::kCourtTimeBarred,
                      "Kravet " + quote_input(c.ref) + " er forældet fra " + barred.to_danish() +
                          " (forældelsesloven: " +
                          std::to_string(has_fundament ? law.limitation_years_with_fundament
                                                       : law.limitation_years) +
                          " år fra forfald), og retten vil afvise det. Fjern kravet fra sagen, "
                          "eller luk sagen.");
    }
    if (a.type == ActionType::payment_order && state->principal > law.payment_order_principal_max)
      return refuse(rule::kPaymentOrderLimit,
                    "Et betalingspåkrav kan kun bruges til krav på højst " +
                        law.payment_order_principal_max.to_kr() +
                        " (retsplejeloven kapitel 44 a). Et større krav skal anlægges som en "
                        "almindelig retssag.");
    if (a.type == ActionType::enforcement_request && !has_fundament)
      return refuse(rule::kEnforcementWithoutFundament,
                    "En fogedrekvisition kræver et fundament: en dom, et forlig, en "
                    "skyldnererklæring, et gældsbrev, et pantebrev eller et påtegnet "
                    "betalingspåkrav. Uden fundament sender du et betalingspåkrav.");
  }

  if ((a.type == ActionType::agreement_default_warning ||
       a.type == ActionType::agreement_terminated) &&
      !state->agreement)
    return refuse(rule::kNoAgreement, "Sagen har ingen løbende betalingsaftale.");
  if (a.type == ActionType::settlement_accepted &&
      (!state->settlement || state->settlement->lapsed || state->settlement->fulfilled))
    return refuse(rule::kNoSettlementOffer,
                  "Sagen har intet gældende akkordtilbud, der kan accepteres.");
  return {};
}

}  // namespace inkasso
