#include "cli/serve.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "app/followup.h"
#include "app/letters.h"
#include "app/secret_key_file.h"
#include "app/sms_delivery.h"
#include "cli/demo_data.h"
#include "dispatch/worker.h"
#include "jobs/digest.h"
#include "jobs/digest_loop.h"
#include "web/app_server.h"

namespace inkasso {

namespace {
// Batch follow-up items worked per round of the worker (a few seconds' work).
constexpr int kFollowUpItemsPerRound = 1000;
}  // namespace

int serve(const ServeOptions& o) {
  // SIGINT/SIGTERM are taken by one thread with sigwait: blocked here, before any thread
  // starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const bool embedded = o.db_url.empty();
  std::string url = o.db_url;
  if (embedded) {
    auto sqlite = Database::sqlite_url_for_data_dir(o.data_dir);
    if (!sqlite) {
      std::cerr << "error: " << sqlite.error().message << "\n";
      return 1;
    }
    url = *sqlite;
  }
  auto box = secret_box_for(o.data_dir, embedded);
  if (!box) {
    std::cerr << "error: " << box.error().message << "\n";
    return 1;
  }
  auto db = Database::open(url, static_cast<size_t>(o.threads));
  if (!db) {
    std::cerr << "error: " << db.error().message << "\n";
    return 1;
  }
  if (auto st = (*db)->migrate(); !st) {
    std::cerr << "error: " << st.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  if (o.demo) {
    DemoDataOptions demo;
    demo.today = clock.today();
    demo.now_unix = clock.now_unix();
    auto report = create_demo_data(**db, *box, demo);
    if (!report) {
      std::cerr << "error: " << report.error().message << "\n";
      return 1;
    }
  }
  auto dispatch = dispatch_config_from_env(sms_callback_secret(*box));
  if (!dispatch) {
    std::cerr << "error: " << dispatch.error().message << "\n";
    return 1;
  }
  dispatch->log = [](const std::string& line) { spdlog::info("dispatch: {}", line); };
  auto digest = digest_config_from_env();
  if (!digest) {
    std::cerr << "error: " << digest.error().message << "\n";
    return 1;
  }
  digest->public_url = dispatch->public_url;
  digest->log = [](const std::string& line) { spdlog::info("digest: {}", line); };

  web::ServerConfig config;
  config.host = o.host;
  config.port = o.port;
  config.threads = o.threads;
  config.log_requests = !o.quiet;
  web::WebConfig web_config;
  web_config.public_url = dispatch->public_url;
  auto server = web::AppServer::start(**db, clock, *box, config, web_config);
  if (!server) {
    std::cerr << "error: " << server.error().message << "\n";
    return 1;
  }
  std::cout << "inkasso kører på http://" << o.host << ":" << (*server)->port() << "/\n";
  if (o.demo)
    std::cout << "Log ind med demo-brugeren\n"
              << "  e-mail:   " << kDemoEmail << "\n"
              << "  kodeord:  " << kDemoPassword << "\n";
  std::cout << "Stop med Ctrl+C.\n" << std::flush;

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("stopping (signal {})", sig);
    (*server)->stop();
  });
  // The dispatch worker beside the server: renders new documents, then sends what is due.
  // More workers may run elsewhere (`inkasso dispatch run`): they never take the same row.
  std::atomic<bool> stop_worker{false};
  std::thread worker([&] {
    DispatchWorker w(**db, *dispatch);
    // Before each round: batch follow-up runs not finished by their request (or by a server that
    // stopped half-way), then the PDFs of new documents, then the sending.
    const Installation inst{dispatch->public_url};
    w.run(stop_worker, [&](int64_t) {
      resume_follow_up_runs(**db, clock, *box, inst, kFollowUpItemsPerRound);
      render_pending_documents(**db, clock);
    });
  });
  // The daily follow-up digest (docs/digest.md): tried every minute; a lock in the database lets
  // one of several servers send it. Its own thread and SMTP connection: it never delays letters.
  std::thread digest_thread([&] {
    if (!dispatch->smtp) return;  // no e-mail on this installation: no digest
    SmtpDigestMailer mailer(*dispatch->smtp);
    DigestLoopOptions loop;
    loop.on_error = [](const std::string& e) { spdlog::error("digest: {}", e); };
    run_digest_loop(**db, clock, *box, mailer, *digest, stop_worker, loop);
  });
  (*server)->run();
  // run() returns after stop(); if it returned for another reason, wake the watcher.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  stop_worker = true;
  worker.join();
  digest_thread.join();
  return 0;
}

}  // namespace inkasso
