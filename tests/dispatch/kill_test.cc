// THE KILL TEST: `inkasso dispatch run` as a child process, sending 40 e-mails to a slow SMTP
// server (30 ms per message), is killed with SIGKILL in the middle of its batch several times and
// restarted until nothing is waiting. Nothing may arrive twice and nothing may be lost: every row
// ends received (and arrived exactly once) or failed as interrupted (arrived at most once, and at
// most one such row per kill).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <cstdlib>
#include <ctime>
#include <map>
#include <thread>

#include "store/dispatch_store.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class KillTest : public BackendTest {};

// Starts `inkasso dispatch run` with the SMTP server's configuration; its output goes to `log`.
pid_t start_worker(const std::string& db_url, const std::string& smtp_url, const std::string& log,
                   bool once) {
  std::vector<std::string> args = {INKASSO_CLI, "dispatch", "run", "--db",   db_url, "--worker",
                                   "kill-test", "--batch",  "8",   "--poll", "1"};
  if (once) args.push_back("--once");
  return testing::spawn_program(
      args,
      {"INKASSO_SMTP_URL=" + smtp_url, "INKASSO_MAIL_FROM=udsendelse@inkasso.example",
       "INKASSO_PUBLIC_URL=https://inkasso.example"},
      log);
}

TEST_P(KillTest, KilledMidBatchNothingIsSentTwiceOrLost) {
  constexpr int kRows = 40;
  constexpr int kKills = 4;
  testing::SmtpServer server({"--delay-ms", "30"});
  auto c = testing::insert_case_rows(db(), "Kreditor A/S", "Jensen Byg ApS", 1);
  const int64_t doc =
      testing::insert_document_row(db(), c, "reminder", "Rykker nr. 1", testing::sample_pdf());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));  // the child reads the clock
  std::vector<int64_t> ids;
  for (int i = 0; i < kRows; ++i)
    ids.push_back(testing::queue_dispatch(db(), c, doc, Channel::email,
                                          "debitor" + std::to_string(i) + "@example.dk", now - 60));
  // The workers' output; kept when the test fails.
  const std::string log =
      "/tmp/inkasso-kill-test-" + std::to_string(::getpid()) + "-" + GetParam() + ".log";
  std::remove(log.c_str());

  // Kill after 5, 12, 19, 26 messages have arrived, a few milliseconds into the next one
  // (different each time, so the kills land in different phases of a send).
  int kills = 0;
  for (int k = 0; k < kKills; ++k) {
    pid_t pid = start_worker(url(), server.url(), log, false);
    ASSERT_GT(pid, 0);
    const size_t target = static_cast<size_t>(5 + 7 * k);
    const bool reached = server.wait_for(target, std::chrono::seconds(30));
    std::this_thread::sleep_for(std::chrono::milliseconds(3 + 9 * k));
    const size_t arrived = server.messages().size();
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(reached) << "the worker did not send; its log: " << log;
    ASSERT_TRUE(WIFSIGNALED(status)) << "the worker had stopped before it was killed";
    ASSERT_LT(arrived, static_cast<size_t>(kRows)) << "killed after the batch, not in it";
    ++kills;
  }
  // The last run sends what is left and exits.
  pid_t pid = start_worker(url(), server.url(), log, true);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "see " << log;
  // A message whose sender was killed is still finished by the server: wait for the stragglers.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  std::map<int64_t, int> arrivals;
  for (const auto& m : server.messages()) ++arrivals[testing::dispatch_id_of(m)];
  for (const auto& [id, n] : arrivals) {
    EXPECT_NE(id, 0) << "a message without X-Inkasso-Dispatch";
    EXPECT_EQ(n, 1) << "dispatch " << id << " arrived " << n << " times";
  }
  int received = 0, interrupted = 0;
  for (int64_t id : ids) {
    auto s = testing::dispatch_state(db(), id);
    if (s.status == "received") {
      ++received;
      EXPECT_EQ(arrivals[id], 1) << "received but not arrived: " << id;
    } else if (s.status == "failed") {
      ++interrupted;
      EXPECT_EQ(s.error, kInterruptedError) << id;
      EXPECT_LE(arrivals[id], 1);
    } else {
      ADD_FAILURE() << "dispatch " << id << " left " << s.status;
    }
  }
  EXPECT_EQ(received + interrupted, kRows);
  EXPECT_LE(interrupted, kills) << "at most one row in flight per kill";
  std::cerr << "[ kill test ] " << GetParam() << ": " << kills << " kills, " << received
            << " received, " << interrupted << " interrupted (of which " <<
      [&] {
        int n = 0;
        for (int64_t id : ids)
          if (testing::dispatch_state(db(), id).status == "failed" && arrivals[id] == 1) ++n;
        return n;
      }() << " arrived), "
            << server.messages().size() << " messages at the server\n";
  std::remove(log.c_str());
}

INKASSO_INSTANTIATE_BACKENDS(KillTest);

}  // namespace
}  // namespace inkasso
