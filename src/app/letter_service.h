// The letter service's print room: the letters creditors of every account asked the
// installation to print and post ("Brevservice", channel letter_service in dispatch_store.h).
// The installation's operator (users.h is_installation_operator) lists what waits, takes one
// merged PDF to print, and marks the letters printed and posted, which makes them 'sent' on their
// cases. Every use case here refuses anyone else with forbidden (an account role is not enough:
// the list crosses accounts).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "store/database.h"
#include "store/dispatch_store.h"

namespace inkasso {

// Every account's letter-service letters that are waiting, due and rendered, oldest first, each
// with its account's name, case, document title and postal address.
Result<std::vector<PrintItem>> letter_service_queue(Database& db, const Clock& clock,
                                                    const Actor& actor);

// One PDF of the listed sendings' documents (ids from letter_service_queue), in the list's
// order, each letter rendered again from its frozen content: the same pages as its own PDF.
// None is invalid (field "ids"); an id not on the list now is not_found.
Result<std::string> letter_service_pdf(Database& db, const Clock& clock, const Actor& actor,
                                       const std::vector<int64_t>& dispatch_ids);

// The listed sendings were printed and posted: 'sent', sent_at = now. Only rows still waiting
// and due are changed (what the list showed); returns how many. None is invalid.
Result<int> mark_letter_service_posted(Database& db, const Clock& clock, const Actor& actor,
                                       const std::vector<int64_t>& dispatch_ids);

}  // namespace inkasso
