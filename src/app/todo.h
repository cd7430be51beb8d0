// The counters of the TODO menu ("TODO" with red numbers in the manual, seed 002), counted from
// the case list cache (store/case_store.h) with the index on (account_id, closed, review_date):
// a range count, cheap even with 100,000 cases.
//
// Documents to print are the account's "send yourself" sendings still waiting (dispatch_store.h);
// court fees to transfer are the payment orders and enforcement requests not yet marked
// transferred (app/court_fees.h). Still to come: debtor agreement requests (the portal's second
// part); until then that counter is 0.
//
// The same counts make the daily follow-up digest e-mail (jobs/digest.h).
#pragma once

#include <cstdint>

#include "app/context.h"
#include "store/database.h"

namespace inkasso {

struct TodoCounters {
  int64_t follow_up = 0;             // open cases whose next step is due (red in the list)
  int64_t documents_to_print = 0;    // "send yourself" sendings waiting to be printed
  int64_t court_fees = 0;            // court fees to transfer (app/court_fees.h)
  int64_t defaulted_agreements = 0;  // payment agreements whose warning step is due
  int64_t agreement_requests = 0;    // 0 until the portal takes requests (see above)
  int64_t total() const {
    return documents_to_print + court_fees + defaulted_agreements + agreement_requests;
  }
};

// Any role may read them.
Result<TodoCounters> todo_counters(Database& db, const Actor& actor, int64_t account_id,
                                   Date today);

}  // namespace inkasso
