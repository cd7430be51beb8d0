// A lock in the database that lets one of several servers run a daily job (table job_locks,
// migration 0015). Works the same on SQLite and PostgreSQL: the row (name, day) is the lock,
// INSERT ... ON CONFLICT DO NOTHING decides who was first, no advisory locks and no long
// transactions (a job may take minutes of SMTP).
//
// A holder that stops without finishing (killed, the machine gone) keeps the lock until its
// free_at; then the next runner takes it over and does what is left (the job itself must make
// a repeat harmless: the digest claims each mail in digest_sends first).
//
// Database failures throw (soci::soci_error); the job runner catches them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "store/database.h"

namespace inkasso {

// Takes the lock `name` for `day` for `holder` until now + lease_seconds. True when this call
// took it: the row was new, or it was unfinished and free (a stopped holder's, or released for
// a retry). False when another holds it or the day's job is finished.
bool take_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                   int64_t now_unix, int64_t lease_seconds);

// The day's job is done: nobody takes the lock again that day. Only the current holder's call
// has an effect (a holder that was taken over finishes nothing).
void finish_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                     int64_t now_unix);

// The job is not done (its mail server was down): any runner may take the lock again from
// `retry_at`.
void release_job_lock(Database& db, std::string_view name, Date day, std::string_view holder,
                      int64_t retry_at_unix);

// "<host>:<pid>", a default name for this process as a holder.
std::string default_runner_name();

}  // namespace inkasso
