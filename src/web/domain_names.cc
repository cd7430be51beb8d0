#include "web/domain_names.h"

namespace inkasso::web {

std::string_view action_key(ActionType t) {
  switch (t) {
    case ActionType::reminder:
      return "action.reminder";
    case ActionType::collection_notice:
      return "action.collection_notice";
    case ActionType::collection_demand:
      return "action.collection_demand";
    case ActionType::settlement_offer:
      return "action.settlement_offer";
    case ActionType::settlement_accepted:
      return "action.settlement_accepted";
    case ActionType::missing_payment_letter:
      return "action.missing_payment_letter";
    case ActionType::payment_agreement:
      return "action.payment_agreement";
    case ActionType::agreement_default_warning:
      return "action.agreement_default_warning";
    case ActionType::agreement_terminated:
      return "action.agreement_terminated";
    case ActionType::payment_order:
      return "action.payment_order";
    case ActionType::enforcement_request:
      return "action.enforcement_request";
    case ActionType::fundament:
      return "action.fundament";
    case ActionType::letter:
      return "action.letter";
    case ActionType::pause:
      return "action.pause";
    case ActionType::track_change:
      return "action.track_change";
    case ActionType::close:
      return "action.close";
  }
  return "action.letter";
}

std::string_view track_key(Track t) {
  switch (t) {
    case Track::gentle:
      return "track.gentle";
    case Track::standard:
      return "track.standard";
    case Track::fast:
      return "track.fast";
  }
  return "track.standard";
}

std::string_view flow_key(Flow f) {
  switch (f) {
    case Flow::track:
      return "flow.track";
    case Flow::payment_agreement:
      return "flow.payment_agreement";
    case Flow::settlement:
      return "flow.settlement";
    case Flow::court:
      return "flow.court";
    case Flow::closed:
      return "flow.closed";
    case Flow::paid:
      return "flow.paid";
  }
  return "flow.track";
}

std::string_view fundament_key(FundamentKind k) {
  switch (k) {
    case FundamentKind::dom:
      return "fundament.dom";
    case FundamentKind::forlig:
      return "fundament.forlig";
    case FundamentKind::skyldnererklaering:
      return "fundament.skyldnererklaering";
    case FundamentKind::gaeldsbrev:
      return "fundament.gaeldsbrev";
    case FundamentKind::pantebrev:
      return "fundament.pantebrev";
    case FundamentKind::betalingspaakrav:
      return "fundament.betalingspaakrav";
  }
  return "fundament.dom";
}

std::string_view payment_method_key(PaymentMethod m) {
  switch (m) {
    case PaymentMethod::cash:
      return "payment_method.cash";
    case PaymentMethod::bank_transfer:
      return "payment_method.bank_transfer";
    case PaymentMethod::card:
      return "payment_method.card";
    case PaymentMethod::accounting:
      return "payment_method.accounting";
  }
  return "payment_method.bank_transfer";
}

std::string_view interest_kind_key(InterestKind k) {
  switch (k) {
    case InterestKind::procesrente:
      return "interest_kind.procesrente";
    case InterestKind::fixed:
      return "interest_kind.fixed";
    case InterestKind::none:
      return "interest_kind.none";
  }
  return "interest_kind.procesrente";
}

std::string_view interest_start_key(InterestStart s) {
  switch (s) {
    case InterestStart::day31:
      return "interest_start.day31";
    case InterestStart::due_date:
      return "interest_start.due_date";
  }
  return "interest_start.day31";
}

std::string_view debtor_kind_key(DebtorKind k) {
  return k == DebtorKind::company ? "debtor_kind.company" : "debtor_kind.person";
}

std::string_view role_key(Role r) {
  switch (r) {
    case Role::guest:
      return "role.guest";
    case Role::case_handler:
      return "role.case_handler";
    case Role::administrator:
      return "role.administrator";
  }
  return "role.guest";
}

}  // namespace inkasso::web
