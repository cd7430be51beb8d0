#include "cli/dispatch_command.h"

#include <signal.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "app/secret_key_file.h"
#include "app/sms_delivery.h"
#include "dispatch/worker.h"
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
  // The SMS delivery reports' callback URL holds a secret derived from the installation's key,
  // found as `inkasso serve` finds it; a worker without SMS needs no key.
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

  auto db = Database::open(url, 1);
  if (!db) return fail(db.error().message);
  if (auto st = (*db)->migrate(); !st) return fail(st.error().message);

  try {
    DispatchWorker worker(**db, *config);
    if (o.once) {
      // Everything due now, round after round, then exit (for cron and the tests).
      while (!g_stop.load() &&
             worker.run_once(static_cast<int64_t>(std::time(nullptr))) >= o.batch) {
      }
      return 0;
    }
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::cerr << "udsendelse kører som \"" << worker.name() << "\"; stop med Ctrl+C.\n";
    worker.run(g_stop);
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
      "Send what is due, as its own process (configuration from INKASSO_SMTP_*, "
      "INKASSO_MAIL_FROM*, INKASSO_SMS_*, INKASSO_PUBLIC_URL)");
  run->add_option("--data-dir", options->data_dir,
                  "Data directory for the embedded SQLite database")
      ->capture_default_str();
  run->add_option("--db", options->db_url, "postgresql://... instead of the embedded SQLite file");
  run->add_flag("--once", options->once, "Send everything due now, then exit");
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
