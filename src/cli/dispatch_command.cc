#include "cli/dispatch_command.h"

#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/secret_key_file.h"
#include "app/sms_delivery.h"
#include "dispatch/worker.h"
#include "jobs/digest.h"
#include "jobs/digest_loop.h"
#include "store/database.h"

namespace inkasso {

namespace {

struct DispatchRunOptions {
  std::string data_dir = "var";
  std::string db_url;  // empty: the embedded SQLite file in data_dir
  bool once = false;
  std::string worker;
  int batch = 20;
  int64_t lease_seconds = 600;
  int poll_seconds = 5;
};

// Set by SIGINT/SIGTERM; a lock-free atomic store is async-signal-safe.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

int dispatch_run(const DispatchRunOptions& o) {
  std::string url = o.db_url;
  if (url.empty()) {
    auto sqlite = Database::sqlite_url_for_data_dir(o.data_dir);
    if (!sqlite) return fail(sqlite.error().message);
    url = *sqlite;
  }
  // The installation's key, found as `inkasso serve` finds it: the SMS delivery reports'
  // callback URL holds a secret derived from it, and the digest's unsubscribe links are signed
  // with it. A worker without SMS needs no key; without one it sends no digest.
  auto box = secret_box_for(o.data_dir, o.db_url.empty());
  auto config = dispatch_config_from_env(box ? sms_callback_secret(*box) : std::string());
  if (!config) return fail(config.error().message);
  if (config->sms && !box) return fail(box.error().message);
  config->worker_name = o.worker;
  config->batch_size = o.batch;
  config->lease_seconds = o.lease_seconds;
  config->poll_seconds = o.poll_seconds;
  config->log = [](const std::string& line) { std::cerr << line << "\n"; };
  if (!config->smtp) std::cerr << "advarsel: INKASSO_SMTP_URL er ikke sat: e-mails fejler\n";
  if (!config->sms) std::cerr << "advarsel: INKASSO_SMS_URL er ikke sat: SMS'er fejler\n";

  // The daily follow-up digest (docs/digest.md), as `inkasso serve` runs it: only with e-mail
  // and the key. Its lock in the database lets one of all the servers and workers send it.
  auto digest = digest_config_from_env();
  if (!digest) return fail(digest.error().message);
  digest->public_url = config->public_url;
  digest->runner_name = o.worker;  // "" for host:pid, as the worker's name
  digest->log = [](const std::string& line) { std::cerr << "opfølgningsmail: " << line << "\n"; };
  const bool run_digest = config->smtp && box;
  if (config->smtp && !box)
    std::cerr << "advarsel: ingen nøgle (" << box.error().message
              << "): opfølgningsmailen sendes ikke herfra\n";

  // The worker and the digest each hold at most one connection at a time.
  auto db = Database::open(url, run_digest ? 2 : 1);
  if (!db) return fail(db.error().message);
  if (auto st = (*db)->migrate(); !st) return fail(st.error().message);

  SystemClock clock;
  try {
    DispatchWorker worker(**db, *config);
    if (o.once) {
      // Everything due now, round after round, then the digest once, then exit (for cron and
      // the tests). Before the digest's hour, or when another runner has sent today's, the
      // digest does nothing.
      while (!g_stop.load() && worker.run_once(clock.now_unix()) >= o.batch) {
      }
      if (run_digest && !g_stop.load()) {
        SmtpDigestMailer mailer(*config->smtp);
        // Silent when there is nothing to do (cron mails any output); the job logs what it sent.
        run_digest_job(**db, clock, *box, mailer, *digest);
      }
      return 0;
    }
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // Its own thread and SMTP connection, so the digest never delays letters; tried every
    // minute, as in `inkasso serve`.
    std::optional<std::thread> digest_thread;
    // Stops and joins the digest also when the worker throws (a joinable std::thread must not
    // be destroyed).
    struct StopAndJoin {
      std::optional<std::thread>& thread;
      void now() {
        g_stop.store(true);
        if (thread && thread->joinable()) thread->join();
      }
      ~StopAndJoin() { now(); }
    } stop_and_join{digest_thread};
    if (run_digest)
      digest_thread.emplace([&] {
        SmtpDigestMailer mailer(*config->smtp);
        run_digest_loop(**db, clock, *box, mailer, *digest, g_stop);
      });
    std::cerr << "udsendelse kører som \"" << worker.name() << "\""
              << (run_digest ? " med opfølgningsmailen" : "") << "; stop med Ctrl+C.\n";
    worker.run(g_stop);
    stop_and_join.now();
    std::cerr << "udsendelse stoppet.\n";
  } catch (const std::exception& e) {
    return fail(database_error(e).message);
  }
  return 0;
}

}  // namespace

void add_dispatch_command(CLI::App& app, std::function<int()>& chosen) {
  auto* dispatch = app.add_subcommand("dispatch", "The dispatch queue (e-mail and SMS sending)");
  dispatch->require_subcommand(1);
  auto options = std::make_shared<DispatchRunOptions>();
  auto* run = dispatch->add_subcommand(
      "run",
      "Send what is due, and the daily follow-up digest, as its own process (configuration "
      "from INKASSO_SMTP_*, INKASSO_MAIL_FROM*, INKASSO_SMS_*, INKASSO_PUBLIC_URL, "
      "INKASSO_DIGEST_HOUR)");
  run->add_option("--data-dir", options->data_dir,
                  "Data directory for the embedded SQLite database")
      ->capture_default_str();
  run->add_option("--db", options->db_url, "postgresql://... instead of the embedded SQLite file");
  run->add_flag("--once", options->once,
                "Send everything due now, then the day's digest if it is due, then exit");
  run->add_option("--worker", options->worker,
                  "This worker's name, unique among running workers (default host:pid)");
  run->add_option("--batch", options->batch, "Rows taken per round")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  run->add_option("--lease", options->lease_seconds,
                  "Seconds after which another worker's unfinished row counts as interrupted")
      ->check(CLI::Range(int64_t{1}, int64_t{86400}))
      ->capture_default_str();
  run->add_option("--poll", options->poll_seconds, "Seconds between rounds when idle")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  run->callback([&chosen, options] { chosen = [options] { return dispatch_run(*options); }; });
}

}  // namespace inkasso
