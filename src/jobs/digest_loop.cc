#include "jobs/digest_loop.h"

#include <chrono>
#include <exception>
#include <thread>

namespace inkasso {

namespace {

void sleep_unless_stopped(int64_t seconds, const std::atomic<bool>& stop) {
  for (int64_t i = 0; i < seconds && !stop.load(); ++i)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

}  // namespace

int run_digest_loop(Database& db, const Clock& clock, const SecretBox& box, DigestMailer& mailer,
                    const DigestConfig& config, const std::atomic<bool>& stop,
                    const DigestLoopOptions& options) {
  const int64_t interval = options.interval_seconds < 1 ? 1 : options.interval_seconds;
  int runs = 0;
  while (!stop.load()) {
    try {
      ++runs;
      run_digest_job(db, clock, box, mailer, config);
    } catch (const std::exception& e) {
      // Most likely the database (soci_error): the next run tries again.
      if (options.on_error)
        options.on_error(e.what());
      else if (config.log)
        config.log(std::string("fejl: ") + e.what());
    }
    if (options.wait)
      options.wait(interval, stop);
    else
      sleep_unless_stopped(interval, stop);
  }
  return runs;
}

}  // namespace inkasso
