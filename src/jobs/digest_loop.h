// The daily follow-up digest run beside a server or a dispatch worker: run_digest_job every
// minute until told to stop (docs/digest.md, "Running it"). Shared by `inkasso serve` and
// `inkasso dispatch run`; the database lock inside the job makes any number of such loops, in
// any number of processes, send each mail once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "app/context.h"
#include "app/secrets.h"
#include "jobs/digest.h"
#include "store/database.h"

namespace inkasso {

struct DigestLoopOptions {
  int64_t interval_seconds = 60;  // the pause after each run (at least 1)
  // Waits `seconds`, returning early once `stop` is set. Empty: sleeps in steps of a second,
  // so a stop is seen within one. Tests pass one that moves their clock instead.
  std::function<void(int64_t seconds, const std::atomic<bool>& stop)> wait;
  // A run that threw (the database unreachable, say): its what(). The loop goes on and tries
  // again after the interval; the job's lock and claims make the repeat safe. Empty: the
  // config's log, prefixed "fejl: ".
  std::function<void(const std::string& error)> on_error;
};

// Runs the job now, then after each interval, until `stop` is set (checked before every run
// and while waiting). Returns the number of runs. Never throws for a failing run.
int run_digest_loop(Database& db, const Clock& clock, const SecretBox& box, DigestMailer& mailer,
                    const DigestConfig& config, const std::atomic<bool>& stop,
                    const DigestLoopOptions& options = {});

}  // namespace inkasso
