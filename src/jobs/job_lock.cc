#include "jobs/job_lock.h"

#include <unistd.h>

namespace inkasso {

bool take_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                   int64_t now_unix, int64_t lease_seconds) {
  soci::session sql(db.pool());
  std::string n(name), d = day.to_iso(), h(holder);
  long long now = now_unix, free_at = now_unix + lease_seconds;
  soci::statement insert =
      (sql.prepare << "INSERT INTO job_locks (name, day, holder, taken_at, free_at) "
                      "VALUES (:n, :d, :h, :t, :f) ON CONFLICT (name, day) DO NOTHING",
       soci::use(n), soci::use(d), soci::use(h), soci::use(now), soci::use(free_at));
  insert.execute(true);
  if (insert.get_affected_rows() == 1) return true;
  // Taken before: take it over only when unfinished and free. The condition and the change are
  // one statement, so of two runners trying at once exactly one gets the row.
  soci::statement take_over =
      (sql.prepare << "UPDATE job_locks SET holder = :h, taken_at = :t, free_at = :f "
                      "WHERE name = :n AND day = :d AND finished_at IS NULL AND free_at <= :t2",
       soci::use(h), soci::use(now), soci::use(free_at), soci::use(n), soci::use(d),
       soci::use(now));
  take_over.execute(true);
  return take_over.get_affected_rows() == 1;
}

void finish_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                     int64_t now_unix) {
  soci::session sql(db.pool());
  std::string n(name), d = day.to_iso(), h(holder);
  long long now = now_unix;
  sql << "UPDATE job_locks SET finished_at = :t WHERE name = :n AND day = :d AND holder = :h",
      soci::use(now), soci::use(n), soci::use(d), soci::use(h);
}

void release_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                      int64_t retry_at_unix) {
  soci::session sql(db.pool());
  std::string n(name), d = day.to_iso(), h(holder);
  long long at = retry_at_unix;
  sql << "UPDATE job_locks SET free_at = :f WHERE name = :n AND day = :d AND holder = :h "
         "AND finished_at IS NULL",
      soci::use(at), soci::use(n), soci::use(d), soci::use(h);
}

std::string default_runner_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace inkasso
