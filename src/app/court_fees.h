// Court fees to transfer ("Retsafgift til overførsel", TODO in seed 002; issue 6).
//
// Filing a payment order (betalingspåkrav) or an enforcement request (fogedrekvisition) costs a
// court fee (retsafgift, retsafgiftsloven: 750 kr. each, core/law_table.h) that the creditor
// pays to the court, whether or not the fee is also added to the debtor's case
// (Action::court_fee_added only decides that). So every payment order and enforcement request
// on a case is a fee to transfer until someone marks it transferred. Deleting the action (delete
// last action) or the case takes its fee away with it.
//
// A fee is named by its action's event: the case, the event's seq and its created_at (a later
// action can get the same seq after a deletion; created_at tells them apart).
//
// Where to pay: each court has its own account for retsafgift (court_districts.fee_reg_no and
// fee_account_no, migration 0020, seeded where the court's page on domstol.dk gives it, kept by
// the installation's operators on /drift/retskredse). A fee filed with a court whose account is
// known shows that account. Otherwise the installation's one account row applies (migration
// 0015; it starts empty), and when that is empty too the creditor is sent to domstol.dk.
//
// Authorisation: reading needs guest, marking case_handler, in the actor's account (not_found
// for another account's case); the payment details are read by anyone and changed only by an
// operator of the installation. Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/context.h"
#include "core/case_model.h"
#include "core/money.h"
#include "store/database.h"

namespace inkasso {

// The court fee of a court action under the law table; zero for any other action.
Money court_fee_of(ActionType type);

struct CourtFee {
  int64_t case_number = 0;
  int64_t event_seq = 0;
  int64_t event_created_at = 0;  // with case and seq, names the fee (see above)
  std::string debtor_name;
  ActionType type = ActionType::payment_order;
  Date action_date;
  Money amount;
  bool added_to_case = false;  // the fee is also on the debtor's case
  std::string court_name;      // the court it was filed with; "" when not filed yet
  std::string court_reg_no;    // that court's account for court fees; "" unknown
  std::string court_account_no;
  std::optional<int64_t> transferred_at;  // Unix seconds
};

struct CourtFeePayment {
  std::string recipient;   // "Domstolsstyrelsen"
  std::string reg_no;      // 4 digits
  std::string account_no;  // up to 10 digits
  std::string note;        // what to write on the transfer, Danish
  int64_t updated_at = 0;
  bool configured() const { return !reg_no.empty() && !account_no.empty(); }
};

struct CourtFeeOverview {
  std::vector<CourtFee> to_transfer;  // oldest action first
  Money total_to_transfer;
  std::vector<CourtFee> transferred;  // latest transfer first, at most kCourtFeesShownMax
  CourtFeePayment payment;
};

inline constexpr size_t kCourtFeesShownMax = 100;

Result<CourtFeeOverview> list_court_fees(Database& db, const Actor& actor, int64_t account_id);

// How many fees the account has to transfer (the TODO counter; the caller has authorised).
int64_t count_court_fees_to_transfer(soci::session& sql, int64_t account_id);

// Marks the fee transferred now by the actor. Needs case_handler. Idempotent: a fee marked
// already stays as it was. not_found when the case is not the account's or it has no court
// action with that seq and created_at (deleted meanwhile).
Status mark_court_fee_transferred(Database& db, const Clock& clock, const Actor& actor,
                                  int64_t account_id, int64_t case_number, int64_t event_seq,
                                  int64_t event_created_at);

CourtFeePayment get_court_fee_payment(Database& db);

// Only an operator of the installation (forbidden otherwise). Both reg_no and account_no empty
// (not set up), or reg_no 4 digits and account_no 1..10 digits (spaces are removed); invalid
// names the field ("reg_no", "account_no", "recipient", "note"; at most 200 and 1000 bytes).
Status set_court_fee_payment(Database& db, const Clock& clock, const Actor& actor,
                             const CourtFeePayment& payment);

}  // namespace inkasso
