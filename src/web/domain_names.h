// The Danish names of the domain's enums, as text keys (texts.h, da.names.txt), shared by every
// page that shows an action, a track, a flow, a fundament or a payment method.
#pragma once

#include <string_view>

#include "app/context.h"
#include "core/case_model.h"
#include "core/engine.h"
#include "store/case_store.h"

namespace inkasso::web {

// "action.reminder" → "Rykker", "action.collection_demand" → "Inkassopåkravsskrivelse", ...
std::string_view action_key(ActionType t);
// "track.standard" → "Standard (anbefalet)"; "track.<name>.description" holds the manual's
// one-line description.
std::string_view track_key(Track t);
std::string_view flow_key(Flow f);  // "flow.payment_agreement" → "Betalingsaftale"
std::string_view fundament_key(FundamentKind k);
std::string_view payment_method_key(PaymentMethod m);
std::string_view interest_kind_key(InterestKind k);
std::string_view interest_start_key(InterestStart s);
std::string_view debtor_kind_key(DebtorKind k);
std::string_view role_key(Role r);  // "role.case_handler" → "Sagsbehandler"

}  // namespace inkasso::web
