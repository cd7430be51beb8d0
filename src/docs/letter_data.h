// The content of one letter, frozen: everything a letter shows, computed once from the case by
// the engine and stored with the document (letter_to_json) so that the document can be shown
// again exactly as it was sent, whatever happens to the case afterwards.
//
// Pure: no I/O, no clock. The letter's date is the action's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case_model.h"
#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace inkasso {

// A person or company as a letter addresses it. Empty fields are left out of the letter.
struct LetterParty {
  std::string name;
  std::string attention;  // "Att.: Bogholderiet" or "c/o Hansen": the line under the name
  std::string street;
  std::string postal_code;
  std::string city;
  std::string cvr;  // companies: 8 digits
  // Persons: in LetterInput the CPR number as registered (either shape); build_letter_data keeps
  // only mask_cpr() of it, so a LetterData never holds a full CPR number.
  std::string cpr;
  std::string phone;
  std::string email;
  bool operator==(const LetterParty&) const = default;
};

// The creditor: the letterhead and where to pay.
struct LetterCreditor : LetterParty {
  std::string bank_name;
  std::string reg_no;          // 4 digits
  std::string account_no;      // up to 10 digits
  std::string fi_creditor_no;  // 8 digits for the FI +71 payment line, or empty: no FI line
  std::string website;
  std::string logo_png;  // PNG bytes; empty: the product's own logo, drawn
  bool operator==(const LetterCreditor&) const = default;
};

// The debtor's login to the portal, printed on every letter to the debtor.
struct PortalAccess {
  std::string url;  // "https://minesager.dk"
  std::string case_id;
  std::string password;
  std::string direct_link;
  bool operator==(const PortalAccess&) const = default;
};

// The court a court document is addressed to (payment order, enforcement request).
struct CourtInfo {
  std::string name;  // "Retten i Aarhus"
  std::string street;
  std::string postal_code;
  std::string city;
  std::string email;
  bool operator==(const CourtInfo&) const = default;
};

struct LetterClaim {
  std::string ref;
  Date invoice_date;
  Date due_date;
  Money amount;
  bool operator==(const LetterClaim&) const = default;
};

struct LetterPayment {
  Date date;
  Money amount;
  bool operator==(const LetterPayment&) const = default;
};

// The case's figures on the letter's date, from the engine (engine.h CaseState), with this
// letter's own action included.
struct LetterAmounts {
  Money claims_total;  // sum of the claims
  Money credit_notes;  // sum of the credit notes up to the letter's date
  Money principal;     // claims less credit notes
  Money interest;      // all interest accrued
  Money fees;          // all fees lawfully claimed, this letter's included
  Money paid;          // all payments
  Money allocated_interest;
  Money allocated_fees;
  Money allocated_principal;
  Money outstanding_principal;
  Money outstanding_interest;
  Money outstanding_fees;
  Money outstanding_total;
  std::optional<Date> interest_from;        // the first day any claim bears interest
  std::optional<int32_t> interest_rate_bp;  // the annual rate on the letter's date, if any
  bool operator==(const LetterAmounts&) const = default;
};

// settlement_offer: core/calculators.h settlement_quote.
struct LetterSettlement {
  Date deadline;
  int32_t discount_bp = 0;  // 2000 = 20 %
  Money total;              // owed on the letter's date
  Money offered_amount;     // to pay by the deadline
  Money saving;
  Date court_date;
  Money court_fee;
  Money total_if_court;  // owed on court_date with interest, plus the court fee
  bool operator==(const LetterSettlement&) const = default;
};

// payment_agreement and the letters about it: core/calculators.h agreement_schedule, and the
// engine's AgreementStatus for warnings and termination.
struct LetterAgreement {
  Date agreed_on;
  Money debt_at_start;
  Money instalment;
  Money down_payment;
  std::optional<Date> down_date;
  Date first_date;
  Date last_date;
  int instalments = 0;  // not counting the down payment
  Money last_instalment;
  bool interest_free = false;
  std::optional<int32_t> annual_rate_bp;
  Money total_interest;
  Money total_paid;
  // agreement_default_warning, agreement_terminated: the engine's view on the letter's date.
  std::optional<Date> missed_date;
  Money due_so_far;
  Money paid_since_agreement;
  Money arrears;                         // due_so_far − paid_since_agreement, at least 0
  std::optional<Date> termination_date;  // warning: when the agreement will be terminated
  bool operator==(const LetterAgreement&) const = default;
};

// payment_order (the court's betalingspåkrav form) and enforcement_request (fogedrekvisition).
struct LetterCourt {
  CourtInfo court;
  Money court_fee;
  bool court_fee_added = false;  // the fee is claimed from the debtor
  Money reminder_fees;           // fee part of the fees: reminders and collection notice
  Money compensation;            // compensation fees (renteloven § 9 a)
  Money other_fees;              // court fees already on the case
  Money claim_total;  // what the court is asked to order paid: outstanding + this court fee
  bool continue_as_civil_case = true;  // on objection (betalingspåkrav)
  // enforcement_request: the fundament named ("skyldnererklæring", ...) and its date.
  std::string fundament;
  std::optional<Date> fundament_date;
  bool operator==(const LetterCourt&) const = default;
};

struct LetterData {
  std::string kind;  // the main template key (templates.h), e.g. "reminder"
  Date letter_date;
  int64_t case_number = 0;
  LetterCreditor creditor;
  LetterParty debtor;
  DebtorKind debtor_kind = DebtorKind::company;
  std::vector<LetterClaim> claims;
  std::vector<LetterPayment> payments;  // up to the letter's date
  LetterAmounts amounts;
  Money fee;           // this letter's own reminder fee
  Money compensation;  // this letter's own compensation fee
  std::optional<Date> pay_by;
  int reminder_number = 0;  // reminder: 1, 2, 3 ...; collection_notice: reminders before + 1
  // The last collection notice (the § 10 letter) before this letter, and its deadline.
  std::optional<Date> notice_date;
  std::optional<Date> notice_deadline;
  Money court_fee_payment_order;  // what going to court costs (retsafgift), for the warnings
  std::optional<LetterSettlement> settlement;
  std::optional<LetterAgreement> agreement;
  std::optional<LetterCourt> court;
  std::string subject;  // the free letter's subject (and an optional subject for any letter)
  std::string text;     // the free letter's text; blank lines separate paragraphs
  PortalAccess portal;
  std::string fi_line;  // "+71<...+12345678<", or empty without an FI creditor number
  bool operator==(const LetterData&) const = default;
};

struct LetterInput {
  CaseHistory history;
  size_t action_index = 0;  // the action the letter is for, into history.actions
  int64_t case_number = 0;
  LetterCreditor creditor;
  LetterParty debtor;
  PortalAccess portal;
  std::optional<CourtInfo> court;
  std::string subject;
  std::string text;
};

// The letter for history.actions[action_index]: the amounts as of the action's date with the
// action included (the engine), and the content of its type (a settlement quote, an agreement's
// schedule, the court form's fields). Errors: "invalid_input" (index out of range, an action
// that makes no document, an invalid creditor FI number), and the engine's own errors.
Result<LetterData> build_letter_data(const LetterInput& input);

// The frozen snapshot stored with each document: amounts as øre integers, dates ISO, the logo
// base64. letter_from_json(letter_to_json(d)) == d exactly.
std::string letter_to_json(const LetterData& data);
Result<LetterData> letter_from_json(std::string_view json);

}  // namespace inkasso
