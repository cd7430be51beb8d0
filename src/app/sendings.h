// The creditor's view of the dispatch queue (dispatch_store.h): the "Udsendelseskø" search, the
// e-mail and SMS overview per month, and the documents to print ("Send selv") with their merged
// PDF. Reading needs any role of the account; marking documents printed needs case_handler.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "store/database.h"
#include "store/dispatch_store.h"

namespace inkasso {

// limit 1..200, offset >= 0 (checked: invalid otherwise).
Result<DispatchPage> search_sendings(Database& db, const Actor& actor, int64_t account_id,
                                     const DispatchQuery& query);

// E-mail and SMS per month from `from` to `to` (at most 36 months).
Result<std::vector<MonthlySendings>> sendings_per_month(Database& db, const Actor& actor,
                                                        int64_t account_id, Date from, Date to);

// The account's "send yourself" documents waiting to be printed, oldest first.
Result<std::vector<PrintItem>> documents_to_print(Database& db, const Clock& clock,
                                                  const Actor& actor, int64_t account_id);

// One PDF of the listed sendings' documents (ids from documents_to_print), in the list's order,
// each letter rendered again from its frozen content: the same pages as its own PDF. An id not
// on the list is not_found; none is invalid.
Result<std::string> print_pdf(Database& db, const Clock& clock, const Actor& actor,
                              int64_t account_id, const std::vector<int64_t>& dispatch_ids);

// The listed sendings were printed and posted: 'sent' (case_handler). Returns how many.
Result<int> mark_documents_printed(Database& db, const Clock& clock, const Actor& actor,
                                   int64_t account_id, const std::vector<int64_t>& dispatch_ids);

}  // namespace inkasso
