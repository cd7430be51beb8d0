// The case as the engine sees it: an immutable history of events (claims, credit notes,
// payments, actions) plus the settings chosen when the case was created. Everything else
// (balances, interest, the next step) is derived from this by the engine (engine.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"

namespace inkasso {

enum class DebtorKind { company, person };

// The schedule of suggested steps (forløb); see tracks.h for the steps of each.
enum class Track { gentle, standard, fast };

enum class InterestKind { procesrente, fixed, none };

// When interest starts: the product default is the 31st day after the due date; "due_date"
// is for claims whose due date was agreed in advance (renteloven § 3, stk. 1).
enum class InterestStart { day31, due_date };

struct InterestSettings {
  InterestKind kind = InterestKind::procesrente;
  InterestStart from = InterestStart::day31;
  int32_t fixed_rate_bp = 0;  // annual rate in basis points (1000 = 10.00 %), kind == fixed only
};

struct Claim {
  std::string ref;  // invoice number or text
  Date invoice_date;
  Date due_date;
  Money amount;
};

struct CreditNote {
  std::string ref;  // the claim it reduces; empty: the oldest claim
  Date date;
  Money amount;
};

struct Payment {
  Date date;
  Money amount;
};

enum class ActionType {
  reminder,
  collection_notice,
  collection_demand,
  settlement_offer,
  settlement_accepted,
  missing_payment_letter,
  payment_agreement,
  agreement_default_warning,
  agreement_terminated,
  payment_order,
  enforcement_request,
  fundament,
  letter,
  pause,
  track_change,
  close,
};

enum class FundamentKind {
  dom,
  forlig,
  skyldnererklaering,
  gaeldsbrev,
  pantebrev,
  betalingspaakrav
};

// One action on the case. A flat record: each type uses the fields its comment names and
// leaves the rest at their defaults.
struct Action {
  ActionType type = ActionType::letter;
  Date date;
  Money fee;                  // reminder, collection_notice: the reminder fee claimed
  bool compensation = false;  // reminder, collection_notice: claim 310 kr. per overdue claim
  // settlement_offer: discount in hundredths of a percent (2000 = 20 %) and the deadline.
  int32_t discount_bp = 0;
  std::optional<Date> deadline;
  // payment_agreement
  Money instalment;
  std::optional<Date> first_date;
  Money down_payment;
  std::optional<Date> down_date;
  bool interest_free = false;
  Track track = Track::standard;  // agreement_terminated, track_change: the track to follow
  bool court_fee_added = false;   // payment_order, enforcement_request: court fee on the case
  FundamentKind fundament = FundamentKind::dom;  // fundament
  std::optional<Date> until;                     // pause
};

struct CaseHistory {
  DebtorKind debtor = DebtorKind::company;
  Track track = Track::standard;
  InterestSettings interest;
  std::vector<Claim> claims;
  std::vector<CreditNote> credit_notes;
  std::vector<Payment> payments;
  std::vector<Action> actions;  // in the order they were taken
};

// The claim a credit note reduces: the one its ref names, or without a ref the claim with the
// oldest due date (legal.md). history.claims.size() when the ref names no claim.
size_t credit_note_target(const CaseHistory& history, const CreditNote& note);

// Stable names, as used in the JSON files and the API.
std::string_view to_string(ActionType t);
std::string_view to_string(Track t);
std::string_view to_string(DebtorKind k);
std::string_view to_string(FundamentKind k);
std::string_view to_string(InterestKind k);
std::string_view to_string(InterestStart s);
std::optional<ActionType> action_type_from_string(std::string_view s);
std::optional<Track> track_from_string(std::string_view s);
std::optional<DebtorKind> debtor_kind_from_string(std::string_view s);
std::optional<FundamentKind> fundament_kind_from_string(std::string_view s);
std::optional<InterestKind> interest_kind_from_string(std::string_view s);
std::optional<InterestStart> interest_start_from_string(std::string_view s);

}  // namespace inkasso
