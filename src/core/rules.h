// The legal rules for a new action: what the law forbids is refused with a stable rule id
// (Error::code) and a Danish sentence a layman understands (Error::message) that says which
// rule, why, and what the creditor can do instead.
//
// The same rules, applied to a history that already breaks them (an imported case), reduce
// amounts instead of refusing (fees.h); adjustment_message words that case.
#pragma once

#include "core/case_model.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/result.h"

namespace inkasso {

// Rule ids (Error::code of a refusal). Stable: the API and the UI rely on them.
namespace rule {
inline constexpr const char* kReminderFeeMax = "reminder_fee_max";
inline constexpr const char* kReminderFeeCount = "reminder_fee_count";
inline constexpr const char* kReminderFeeSpacing = "reminder_fee_spacing";
inline constexpr const char* kReminderBeforeDue = "reminder_before_due";
inline constexpr const char* kCompensationPrivate = "compensation_private";
inline constexpr const char* kCompensationAlreadyClaimed = "compensation_already_claimed";
inline constexpr const char* kCollectionDemandBeforeNotice = "collection_demand_before_notice";
inline constexpr const char* kCourtBeforeNotice = "court_before_notice";
inline constexpr const char* kCourtTimeBarred = "court_time_barred";
inline constexpr const char* kPaymentOrderLimit = "payment_order_limit";
inline constexpr const char* kEnforcementWithoutFundament = "enforcement_without_fundament";
inline constexpr const char* kNoAgreement = "no_agreement";
inline constexpr const char* kNoSettlementOffer = "no_settlement_offer";
inline constexpr const char* kCaseClosed = "case_closed";
inline constexpr const char* kCasePaid = "case_paid";
inline constexpr const char* kActionBeforeLast = "action_before_last";
}  // namespace rule

Error refuse_reminder_fee_max(const LawTable& law, Money fee);
Error refuse_reminder_fee_count(const LawTable& law);
Error refuse_reminder_fee_spacing(const LawTable& law, Date last_fee_bearing);
Error refuse_reminder_before_due(Date first_due);
Error refuse_compensation_private(const LawTable& law);

// The Danish sentence for an amount the engine reduced in an existing history.
std::string adjustment_message(const Adjustment& adjustment,
                               const LawTable& law = default_law_table());

// Checks `action` as the next action on the case: refuses what the law forbids (and what makes
// no sense on the case, such as acting on a closed case). Validates the action's own fields too.
Status check_new_action(const CaseHistory& history, const Action& action,
                        const LawTable& law = default_law_table());

// The date a claim becomes time-barred (forældelse) given whether the case has a fundament.
Date limitation_date(const LawTable& law, Date due_date, bool has_fundament);

}  // namespace inkasso
