// `inkasso dispatch run` also sends the daily follow-up digest (docs/digest.md, "Running it"):
// the real program as a child process, a real SMTP server on loopback (aiosmtpd), the database
// on SQLite and PostgreSQL. The child reads the system clock, so the digest hour is 0 (Copenhagen
// midnight: always passed) and the case has been due for follow-up since 2020.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "store/dispatch_store.h"
#include "tests/app/fixtures.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class DispatchRunDigest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    log_ = "/tmp/inkasso-dispatch-digest-" + std::to_string(::getpid()) + "-" + GetParam() + ".log";
    std::remove(log_.c_str());
    case_ = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "Jensen Byg ApS", 1);
    soci::session sql(db().pool());
    long long id = case_.case_id;
    sql << "UPDATE cases SET review_date = '2020-01-01' WHERE id = :i", soci::use(id);
    sql << "INSERT INTO users (email, first_name, last_name, password_hash, digest_subscribed, "
           "created_at) VALUES ('jens@hansen.dk', 'Jens', 'Hansen', 'x', 1, 0)";
    jens_ = testing::last_id(sql, db(), "users");
    testing::insert_membership(db(), case_.account_id, jens_, Role::administrator);
  }
  void TearDown() override {
    if (!HasFailure()) std::remove(log_.c_str());
  }

  // `inkasso dispatch run --db <url> --worker cli-digest [extra]` with the SMTP server's
  // configuration and, when `with_key`, the installation's key; output appended to log_.
  pid_t start(const testing::SmtpServer& server, const std::vector<std::string>& extra,
              bool with_key) {
    std::vector<std::string> args = {INKASSO_CLI, "dispatch",   "run",    "--db", url(),
                                     "--worker",  "cli-digest", "--poll", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<std::string> env = {
        "INKASSO_SMTP_URL=" + server.url(), "INKASSO_MAIL_FROM=udsendelse@inkasso.example",
        "INKASSO_PUBLIC_URL=https://inkasso.example", "INKASSO_DIGEST_HOUR=0"};
    if (with_key) env.push_back(std::string("INKASSO_SECRET_KEY=") + testing::kTestSecretKeyHex);
    return testing::spawn_program(args, env, log_);
  }

  // Runs `--once` to the end; its exit code (-1 when it did not exit normally).
  int run_once(const testing::SmtpServer& server, bool with_key) {
    pid_t pid = start(server, {"--once"}, with_key);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string log() const {
    std::ifstream in(log_);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  // The digest as Jens gets it: his subject, and the List-Unsubscribe URL is the one-click
  // route of the unsubscribe page the text links (token "<user id>-<32 hex>").
  void expect_digest(const std::filesystem::path& file) {
    auto mail = testing::read_eml(file);
    EXPECT_EQ(mail["To"], "jens@hansen.dk");
    EXPECT_EQ(mail["Subject"], "1 sag til opfølgning hos Hansens Tømrer ApS");
    ASSERT_TRUE(mail["List-Unsubscribe"].is_string()) << mail.dump();
    const std::string header = mail["List-Unsubscribe"];
    const std::regex one_click("<(https://inkasso\\.example/opfoelgningsmail/afmeld/" +
                               std::to_string(jens_) + "-[0-9a-f]{32})/et-klik>");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(header, m, one_click)) << header;
    EXPECT_EQ(mail["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
    const std::string text = mail["text"];
    EXPECT_NE(text.find("Afmeld opfølgningsmailen med ét klik: " + m[1].str() + "\n"),
              std::string::npos)
        << "the text links the page with the button, not the POST route: " << text;
    EXPECT_EQ(text.find("/et-klik"), std::string::npos) << text;
  }

  std::string log_;
  testing::CaseRows case_;
  int64_t jens_ = 0;
};

// `--once` (cron): the queue first, then the day's digest; the next run sends no second digest.
TEST_P(DispatchRunDigest, OnceSendsTheQueueThenTheDigestOnceADay) {
  testing::SmtpServer server;
  const int64_t doc =
      testing::insert_document_row(db(), case_, "reminder", "Rykker nr. 1", testing::sample_pdf());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));  // the child reads the clock
  const int64_t letter =
      testing::queue_dispatch(db(), case_, doc, Channel::email, "debitor@example.dk", now - 60);

  ASSERT_EQ(run_once(server, true), 0) << log();
  auto files = server.messages();
  ASSERT_EQ(files.size(), 2u) << log();
  EXPECT_EQ(testing::dispatch_id_of(files[0]), letter) << "the queue before the digest";
  EXPECT_TRUE(testing::read_eml(files[0])["List-Unsubscribe"].is_null());
  expect_digest(files[1]);
  EXPECT_NE(log().find("opfølgningsmail: digest "), std::string::npos) << log();

  // Another run the same day (cron's next minute, or another worker): the day's job is done.
  ASSERT_EQ(run_once(server, true), 0) << log();
  EXPECT_EQ(server.messages().size(), 2u);
}

// Without `--once` the digest runs in its own thread beside the worker, at once on start, and
// SIGTERM stops both within seconds.
TEST_P(DispatchRunDigest, TheRunningWorkerSendsTheDigestAndStopsOnSigterm) {
  testing::SmtpServer server;
  pid_t pid = start(server, {}, true);
  ASSERT_GT(pid, 0);
  const bool arrived = server.wait_for(1, std::chrono::seconds(30));
  kill(pid, SIGTERM);
  const auto asked = std::chrono::steady_clock::now();
  int status = 0;
  waitpid(pid, &status, 0);
  const auto took = std::chrono::steady_clock::now() - asked;
  ASSERT_TRUE(arrived) << log();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << log();
  EXPECT_LT(took, std::chrono::seconds(5)) << "the digest's minute wait sees the stop";
  ASSERT_EQ(server.messages().size(), 1u);
  expect_digest(server.messages()[0]);
  EXPECT_NE(log().find("med opfølgningsmailen"), std::string::npos) << log();
  EXPECT_NE(log().find("udsendelse stoppet."), std::string::npos) << log();
}

// A worker without the installation's key (PostgreSQL or --db without INKASSO_SECRET_KEY) sends
// letters as before and says it sends no digest: it could not sign the unsubscribe link.
TEST_P(DispatchRunDigest, WithoutTheKeyNoDigestButTheQueueIsSent) {
  testing::SmtpServer server;
  const int64_t doc =
      testing::insert_document_row(db(), case_, "reminder", "Rykker nr. 1", testing::sample_pdf());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  testing::queue_dispatch(db(), case_, doc, Channel::email, "debitor@example.dk", now - 60);
  ASSERT_EQ(run_once(server, false), 0) << log();
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_NE(testing::dispatch_id_of(server.messages()[0]), 0);
  EXPECT_NE(log().find("opfølgningsmailen sendes ikke herfra"), std::string::npos) << log();
}

INKASSO_INSTANTIATE_BACKENDS(DispatchRunDigest);

}  // namespace
}  // namespace inkasso
