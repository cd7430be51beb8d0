#include "app/todo.h"

#include "app/court_fees.h"

namespace inkasso {

Result<TodoCounters> todo_counters(Database& db, const Actor& actor, int64_t account_id,
                                   Date today) {
  soci::session sql(db.pool());
  if (auto role = role_in_account(sql, account_id, actor); !role) return role.error();
  TodoCounters c;
  long long account = account_id, due = 0, defaulted = 0;
  std::string day = today.to_iso();
  soci::indicator defaulted_ind = soci::i_ok;
  sql << "SELECT COUNT(*), SUM(CASE WHEN next_action_type = 'agreement_default_warning' "
         "THEN 1 ELSE 0 END) FROM cases "
         "WHERE account_id = :a AND closed = 0 AND review_date <= :d",
      soci::use(account), soci::use(day), soci::into(due), soci::into(defaulted, defaulted_ind);
  c.follow_up = due;
  c.defaulted_agreements = defaulted_ind == soci::i_ok ? defaulted : 0;
  long long to_print = 0;
  sql << "SELECT COUNT(*) FROM dispatches "
         "WHERE account_id = :a AND channel = 'print_self' AND status = 'waiting'",
      soci::use(account), soci::into(to_print);
  c.documents_to_print = to_print;
  c.court_fees = count_court_fees_to_transfer(sql, account_id);
  return c;
}

}  // namespace inkasso
