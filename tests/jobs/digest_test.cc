// The daily follow-up digest (jobs/digest.h) end to end, on SQLite and PostgreSQL: a real SMTP
// server on loopback (aiosmtpd, tests/dispatch/smtp_server.py) receives the mails, read back with
// Python's own parser; the clock is injected and walks through 60 simulated days.
#include "jobs/digest.h"

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "app/local_time.h"
#include "jobs/digest_loop.h"
#include "jobs/digest_unsubscribe.h"
#include "jobs/job_lock.h"
#include "tests/app/fixtures.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// 60 days from 10-02-2026, across the change to summer time on 29-03-2026 (the digest hour is
// Copenhagen time: 07:00 is 06:00 UTC in winter, 05:00 UTC in summer).
const Date kStart = Date::ymd(2026, 2, 10);
constexpr int kDays = 60;
constexpr const char* kPublicUrl = "https://inkasso.example";

int64_t at(Date day, int hour, int minute) {
  auto t = copenhagen_to_unix(day, hour, minute);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : 0;
}

// One mail as the SMTP server stored it.
struct Received {
  std::string to;
  std::string subject;
  std::string text;
  std::string html;
  std::string list_unsubscribe;       // the header as Python's parser reads it; "" when none
  std::string list_unsubscribe_post;  // likewise
};

class Digest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_.emplace(*box);
  }

  int64_t user(const std::string& email, const std::string& first_name, bool subscribed) {
    soci::session sql(db().pool());
    int flag = subscribed ? 1 : 0;
    sql << "INSERT INTO users (email, first_name, last_name, password_hash, digest_subscribed, "
           "created_at) VALUES (:e, :f, 'Hansen', 'x', :s, 0)",
        soci::use(email), soci::use(first_name), soci::use(flag);
    return testing::last_id(sql, db(), "users");
  }

  // An open case of the account that is due for follow-up from `due` on (review_date, the case
  // list cache that todo_counters counts).
  int64_t due_case(int64_t account, int64_t debtor, int64_t number, Date due) {
    soci::session sql(db().pool());
    long long a = account, d = debtor, n = number;
    std::string review = due.to_iso();
    sql << "INSERT INTO cases (account_id, number, debtor_id, debtor_kind, track, interest_kind, "
           "interest_from, created_at, review_date) VALUES (:a, :n, :d, 'company', 'standard', "
           "'procesrente', 'day31', 0, :r)",
        soci::use(a), soci::use(n), soci::use(d), soci::use(review);
    return testing::last_id(sql, db(), "cases");
  }

  void set_closed(int64_t account, bool closed) {
    soci::session sql(db().pool());
    long long a = account;
    int c = closed ? 1 : 0;
    sql << "UPDATE cases SET closed = :c WHERE account_id = :a", soci::use(c), soci::use(a);
  }

  DigestConfig config(const std::string& runner) const {
    DigestConfig c;
    c.hour = 7;
    c.public_url = kPublicUrl;
    c.runner_name = runner;
    return c;
  }

  SmtpConfig smtp(const testing::SmtpServer& server) const {
    SmtpConfig c;
    c.url = server.url();
    c.from_address = "opfoelgning@inkasso.example";
    c.from_name = "Inkasso";
    c.connect_timeout_seconds = 5;
    c.timeout_seconds = 20;
    return c;
  }

  static Received read(const std::filesystem::path& file) {
    const nlohmann::json j = testing::read_eml(file);
    auto str = [&](const char* k) {
      return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
    };
    return Received{str("To"),   str("Subject"),          str("text"),
                    str("html"), str("List-Unsubscribe"), str("List-Unsubscribe-Post")};
  }

  std::optional<SecretBox> box_;
  FixedClock clock_{0, kStart};
};

// The simulation. Jens is subscribed and a member of two accounts; Lone is a member of the first
// but unsubscribed. Hansens Tømrer's cases become due on days 0, 3 and 20 (indexes from
// 10-02-2026); on index 40 all its cases are closed, on 45 reopened. Andersens Vvs has one case
// due from index 1 and nothing else ever changes there.
TEST_P(Digest, SixtySimulatedDaysSendOnTheRuleDaysOnly) {
  testing::SmtpServer server;
  SmtpDigestMailer mailer(smtp(server));

  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  {  // the fixture's case is not due (no review date): make it the one due from index 0
    soci::session sql(db().pool());
    std::string day = kStart.to_iso();
    long long id = tomrer.case_id;
    sql << "UPDATE cases SET review_date = :r WHERE id = :i", soci::use(day), soci::use(id);
  }
  due_case(tomrer.account_id, tomrer.debtor_id, 2, kStart + 3);
  due_case(tomrer.account_id, tomrer.debtor_id, 3, kStart + 20);
  const testing::CaseRows vvs = testing::insert_case_rows(db(), "Andersens Vvs", "B ApS", 1);
  {
    soci::session sql(db().pool());
    std::string day = (kStart + 1).to_iso();
    long long id = vvs.case_id;
    sql << "UPDATE cases SET review_date = :r WHERE id = :i", soci::use(day), soci::use(id);
  }
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  const int64_t lone = user("lone@hansen.dk", "Lone", false);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);
  testing::insert_membership(db(), vvs.account_id, jens, Role::case_handler);
  testing::insert_membership(db(), tomrer.account_id, lone, Role::administrator);

  std::map<std::string, std::vector<int>> days_by_account;  // account name → day indexes
  size_t seen = 0;
  for (int i = 0; i < kDays; ++i) {
    const Date day = kStart + i;
    if (i == 40) set_closed(tomrer.account_id, true);
    if (i == 45) set_closed(tomrer.account_id, false);

    // Before the hour nothing happens, whatever there is to do.
    clock_.set(at(day, 6, 59), day);
    DigestReport early = run_digest_job(db(), clock_, *box_, mailer, config("a"));
    EXPECT_FALSE(early.ran);
    EXPECT_EQ(early.why_not, "before_hour");
    EXPECT_EQ(server.messages().size(), seen) << "index " << i;

    clock_.set(at(day, 7, 0), day);
    DigestReport report = run_digest_job(db(), clock_, *box_, mailer, config("a"));
    EXPECT_TRUE(report.ran) << "index " << i;
    EXPECT_EQ(report.recipients, 2) << "Jens in two accounts; Lone is not subscribed";
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(report.retrying, 0);

    // Later the same day: the day's job is done.
    clock_.set(at(day, 15, 30), day);
    DigestReport later = run_digest_job(db(), clock_, *box_, mailer, config("b"));
    EXPECT_FALSE(later.ran);
    EXPECT_EQ(later.why_not, "locked");

    const auto files = server.messages();
    ASSERT_EQ(files.size(), seen + static_cast<size_t>(report.sent)) << "index " << i;
    for (; seen < files.size(); ++seen) {
      const Received mail = read(files[seen]);
      EXPECT_EQ(mail.to, "jens@hansen.dk") << "Lone unsubscribed gets nothing";
      if (mail.subject.ends_with("hos Hansens Tømrer ApS"))
        days_by_account["tomrer"].push_back(i);
      else if (mail.subject.ends_with("hos Andersens Vvs"))
        days_by_account["vvs"].push_back(i);
      else
        ADD_FAILURE() << "unexpected subject " << mail.subject;
    }
  }

  // Hansens Tømrer: 1 case from index 0 (day 1) → 0, 1 (day 2); 2 cases from index 3 → 3, 4,
  // 7 (day 5), 13 (day 11); 3 cases from index 20 → 20, 21, 24, 30 (day 42 would be index 61);
  // closed on 40..44 (nothing to do: no mail); 1 case again from 45 → 45, 46, 49, 55.
  EXPECT_EQ(days_by_account["tomrer"],
            (std::vector<int>{0, 1, 3, 4, 7, 13, 20, 21, 24, 30, 45, 46, 49, 55}));
  // Andersens Vvs: 1 case from index 1, never changed: days 1, 2, 5, 11, 42 are indexes 1, 2,
  // 5, 11, 42.
  EXPECT_EQ(days_by_account["vvs"], (std::vector<int>{1, 2, 5, 11, 42}));
  (void)lone;
}

TEST_P(Digest, TheMailHasTheCountsLinksAndAOneClickUnsubscribe) {
  testing::SmtpServer server;
  SmtpDigestMailer mailer(smtp(server));
  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  due_case(tomrer.account_id, tomrer.debtor_id, 2, kStart - 5);
  due_case(tomrer.account_id, tomrer.debtor_id, 3, kStart - 1);
  due_case(tomrer.account_id, tomrer.debtor_id, 4, kStart + 1);  // not due yet
  testing::queue_dispatch(
      db(), tomrer,
      testing::insert_document_row(db(), tomrer, "reminder", "Rykker nr. 1", testing::sample_pdf()),
      Channel::print_self, "Skyldner, Gaden 1, 8000 Aarhus C", 0);
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);

  clock_.set(at(kStart, 8, 0), kStart);
  DigestReport report = run_digest_job(db(), clock_, *box_, mailer, config("a"));
  ASSERT_EQ(report.sent, 1);
  ASSERT_EQ(server.messages().size(), 1u);
  const Received mail = read(server.messages()[0]);
  // Cases 2 and 3 are due (review dates 05-02 and 09-02 ≤ 10-02), case 4 is not (11-02).
  EXPECT_EQ(mail.subject, "2 sager til opfølgning hos Hansens Tømrer ApS");
  EXPECT_NE(
      mail.text.find("Sager til opfølgning: 2\n  https://inkasso.example/sager?opfoelgning=1"),
      std::string::npos)
      << mail.text;
  EXPECT_NE(mail.text.find("Dokumenter til udskrivning: 1\n  https://inkasso.example/udskriv"),
            std::string::npos);
  EXPECT_NE(mail.text.find("Retsafgifter til overførsel: 0\n"), std::string::npos);
  EXPECT_NE(mail.text.find("Misligholdte aftaler: 0\n"), std::string::npos);
  EXPECT_NE(mail.text.find("Betalingsaftale anmodninger: 0\n"), std::string::npos);
  EXPECT_NE(mail.text.find("https://inkasso.example/todo"), std::string::npos);
  const std::string unsubscribe =
      "https://inkasso.example/opfoelgningsmail/afmeld/" + digest_unsubscribe_token(*box_, jens);
  EXPECT_NE(mail.text.find(unsubscribe), std::string::npos) << mail.text;
  EXPECT_NE(mail.html.find("href=\"" + unsubscribe + "\""), std::string::npos);
  EXPECT_NE(mail.html.find("href=\"https://inkasso.example/sager?opfoelgning=1\""),
            std::string::npos);
  // The list headers (RFC 2369, RFC 8058) name the one-click POST route of the same token,
  // /opfoelgningsmail/afmeld/<token>/et-klik (web/digest_pages.cc); the links a person clicks
  // stay the page with the button.
  EXPECT_EQ(mail.list_unsubscribe, "<" + unsubscribe + "/et-klik>");
  EXPECT_EQ(mail.list_unsubscribe_post, "List-Unsubscribe=One-Click");
  EXPECT_EQ(mail.text.find("/et-klik"), std::string::npos);
  EXPECT_EQ(mail.html.find("/et-klik"), std::string::npos);
  {  // exactly these lines on the wire, once each
    std::vector<std::string> lines;
    for (const std::string& line : testing::raw_header_lines(server.messages()[0]))
      if (line.rfind("List-", 0) == 0) lines.push_back(line);
    EXPECT_EQ(lines,
              (std::vector<std::string>{"List-Unsubscribe: <" + unsubscribe + "/et-klik>",
                                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click"}));
  }

  // Unsubscribing with the mail's token stops the next day's mail (day 2 would send).
  const std::string token = unsubscribe.substr(unsubscribe.rfind('/') + 1);
  ASSERT_TRUE(unsubscribe_digest(db(), *box_, token));
  clock_.set(at(kStart + 1, 8, 0), kStart + 1);
  report = run_digest_job(db(), clock_, *box_, mailer, config("a"));
  EXPECT_TRUE(report.ran);
  EXPECT_EQ(report.recipients, 0);
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST_P(Digest, UnsubscribeTokensAreTheUsersOwn) {
  const std::string token = digest_unsubscribe_token(*box_, 42);
  EXPECT_EQ(user_of_unsubscribe_token(*box_, token), std::optional<int64_t>(42));
  // Another user's id with 42's hash, a changed digit, a cut token, garbage: none is accepted.
  EXPECT_FALSE(user_of_unsubscribe_token(*box_, "43" + token.substr(2)));
  std::string changed = token;
  changed.back() = changed.back() == '0' ? '1' : '0';
  EXPECT_FALSE(user_of_unsubscribe_token(*box_, changed));
  EXPECT_FALSE(user_of_unsubscribe_token(*box_, token.substr(0, token.size() - 1)));
  EXPECT_FALSE(user_of_unsubscribe_token(*box_, "-" + token));
  EXPECT_FALSE(user_of_unsubscribe_token(*box_, ""));
  // Another installation's key makes other tokens.
  auto other = SecretBox::from_hex(std::string(64, 'f'));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(user_of_unsubscribe_token(*other, token));
  // A valid token of a user that does not exist: not found, nothing changed.
  EXPECT_FALSE(unsubscribe_digest(db(), *box_, token));
}

// Two runners with their own database connections race for the same day: one runs, one mail
// per (user, account) arrives.
TEST_P(Digest, TwoRunnersRacingSendOneMail) {
  testing::SmtpServer server;
  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  const testing::CaseRows vvs = testing::insert_case_rows(db(), "Andersens Vvs", "B ApS", 1);
  for (const auto* c : {&tomrer, &vvs}) due_case(c->account_id, c->debtor_id, 2, kStart);
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  const int64_t mette = user("mette@vvs.dk", "Mette", true);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);
  testing::insert_membership(db(), vvs.account_id, jens, Role::guest);
  testing::insert_membership(db(), vvs.account_id, mette, Role::administrator);

  size_t expected = 0;
  for (int i = 0; i < 5; ++i) {  // days 1..5: mails on days 1, 2 and 5 (indexes 0, 1, 4)
    const Date day = kStart + i;
    const FixedClock clock(at(day, 7, 3), day);
    std::atomic<int> ran{0}, sent{0};
    std::atomic<bool> go{false};
    auto runner = [&](const std::string& name) {
      auto own = Database::open(url(), 2);
      ASSERT_TRUE(own.ok());
      SmtpDigestMailer mailer(smtp(server));
      while (!go) std::this_thread::yield();
      DigestReport r = run_digest_job(**own, clock, *box_, mailer, config(name));
      ran += r.ran ? 1 : 0;
      sent += r.sent;
    };
    std::thread a(runner, "server-a"), b(runner, "server-b");
    go = true;
    a.join();
    b.join();
    EXPECT_EQ(ran.load(), 1) << "index " << i;
    const bool mail_day = i == 0 || i == 1 || i == 4;
    EXPECT_EQ(sent.load(), mail_day ? 3 : 0) << "index " << i;
    expected += mail_day ? 3 : 0;
    EXPECT_EQ(server.messages().size(), expected) << "index " << i;
  }
  std::multiset<std::string> recipients;
  for (const auto& f : server.messages()) recipients.insert(read(f).to);
  EXPECT_EQ(recipients.count("jens@hansen.dk"), 6u) << "2 accounts × 3 days";
  EXPECT_EQ(recipients.count("mette@vvs.dk"), 3u);
}

// A runner that stopped holding the lock is taken over after its lease, and a mail it had
// claimed is not sent again by the one taking over.
TEST_P(Digest, AStoppedRunnerIsTakenOverWithoutSendingTwice) {
  testing::SmtpServer server;
  SmtpDigestMailer mailer(smtp(server));
  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  const testing::CaseRows vvs = testing::insert_case_rows(db(), "Andersens Vvs", "B ApS", 1);
  for (const auto* c : {&tomrer, &vvs}) due_case(c->account_id, c->debtor_id, 2, kStart);
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);
  testing::insert_membership(db(), vvs.account_id, jens, Role::administrator);

  // "server-a" took the lock at 07:00 and had claimed (and maybe sent) Hansens Tømrer's mail
  // when it stopped.
  const int64_t seven = at(kStart, 7, 0);
  ASSERT_TRUE(take_job_lock(db(), "digest", kStart, "server-a", seven, 1800));
  {
    soci::session sql(db().pool());
    long long u = jens, a = tomrer.account_id, t = seven;
    std::string day = kStart.to_iso();
    sql << "INSERT INTO digest_sends (user_id, account_id, day, status, holder, subject, "
           "created_at) VALUES (:u, :a, :d, 'sending', 'server-a', 's', :t)",
        soci::use(u), soci::use(a), soci::use(day), soci::use(t);
  }
  // Within the lease (29 minutes later) server-b keeps off.
  FixedClock clock(seven + 29 * 60, kStart);
  DigestReport r = run_digest_job(db(), clock, *box_, mailer, config("server-b"));
  EXPECT_FALSE(r.ran);
  EXPECT_EQ(r.why_not, "locked");
  // After the lease (30 minutes) it takes over: Andersens Vvs's mail goes, Hansens Tømrer's
  // (claimed by server-a) does not.
  clock.set(seven + 30 * 60, kStart);
  r = run_digest_job(db(), clock, *box_, mailer, config("server-b"));
  EXPECT_TRUE(r.ran);
  EXPECT_EQ(r.sent, 1);
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(read(server.messages()[0]).subject, "1 sag til opfølgning hos Andersens Vvs");
  // Finished: nobody runs it again that day.
  clock.set(seven + 300 * 60, kStart);
  EXPECT_FALSE(run_digest_job(db(), clock, *box_, mailer, config("server-c")).ran);
}

// A mail server that answers "try later" leaves the job to be tried again in 5 minutes; the
// mails that went are not sent again.
TEST_P(Digest, ATemporaryFailureIsRetriedLaterOnce) {
  testing::SmtpServer server({"--temp-fail", "jens@hansen.dk:1"});
  SmtpDigestMailer mailer(smtp(server));
  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  due_case(tomrer.account_id, tomrer.debtor_id, 2, kStart);
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  const int64_t lone = user("lone@hansen.dk", "Lone", true);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);
  testing::insert_membership(db(), tomrer.account_id, lone, Role::guest);

  const int64_t seven = at(kStart, 7, 0);
  FixedClock clock(seven, kStart);
  DigestReport r = run_digest_job(db(), clock, *box_, mailer, config("a"));
  EXPECT_TRUE(r.ran);
  EXPECT_EQ(r.retrying, 1) << "Jens's: 451";
  EXPECT_EQ(r.sent, 1) << "Lone's";
  clock.set(seven + 60, kStart);
  EXPECT_FALSE(run_digest_job(db(), clock, *box_, mailer, config("a")).ran) << "not yet";
  clock.set(seven + 300, kStart);
  r = run_digest_job(db(), clock, *box_, mailer, config("b"));
  EXPECT_TRUE(r.ran);
  EXPECT_EQ(r.sent, 1) << "Jens's now; Lone's not again";
  ASSERT_EQ(server.messages().size(), 2u);
  EXPECT_EQ(read(server.messages()[0]).to, "lone@hansen.dk");
  EXPECT_EQ(read(server.messages()[1]).to, "jens@hansen.dk");
}

// A clock whose reading fails while `fail` is set: run_digest_job reads it first, so this is a
// run that throws before it touches anything (as when the database is unreachable).
class FailingClock : public Clock {
 public:
  explicit FailingClock(FixedClock& inner) : inner_(inner) {}
  int64_t now_unix() const override {
    if (fail) throw std::runtime_error("simulated failure");
    return inner_.now_unix();
  }
  Date today() const override { return inner_.today(); }
  bool fail = false;

 private:
  FixedClock& inner_;
};

// run_digest_loop (what `inkasso serve` and `inkasso dispatch run` run) with an injected wait
// that moves the clock a minute: from 06:57 to 07:05 it runs nine times; before 07:00 nothing,
// the run at 07:00 fails (and the loop goes on), the one at 07:01 sends the mail, the rest find
// the day's job done. A stop ends it at once.
TEST_P(Digest, TheLoopRunsEveryMinuteSendsOnceAndSurvivesAFailedRun) {
  testing::SmtpServer server;
  SmtpDigestMailer mailer(smtp(server));
  const testing::CaseRows tomrer = testing::insert_case_rows(db(), "Hansens Tømrer ApS", "A/S", 1);
  due_case(tomrer.account_id, tomrer.debtor_id, 2, kStart);
  const int64_t jens = user("jens@hansen.dk", "Jens", true);
  testing::insert_membership(db(), tomrer.account_id, jens, Role::administrator);

  const int64_t start = at(kStart, 6, 57);
  const int64_t last = at(kStart, 7, 5);
  clock_.set(start, kStart);
  FailingClock clock(clock_);
  std::atomic<bool> stop{false};
  std::vector<std::string> errors;
  std::vector<size_t> mails_after_run;  // the server's count after each run, minute by minute
  DigestLoopOptions options;
  options.on_error = [&](const std::string& e) { errors.push_back(e); };
  options.wait = [&](int64_t seconds, const std::atomic<bool>&) {
    EXPECT_EQ(seconds, 60);
    mails_after_run.push_back(server.messages().size());
    const int64_t next = clock_.now_unix() + seconds;
    clock_.set(next, kStart);
    clock.fail = next == at(kStart, 7, 0);
    if (next > last) stop = true;
  };
  const int runs = run_digest_loop(db(), clock, *box_, mailer, config("loop"), stop, options);

  // 06:57, 06:58, 06:59, 07:00 (fails), 07:01 (sends), 07:02 .. 07:05 (done for the day).
  EXPECT_EQ(runs, 9);
  EXPECT_EQ(mails_after_run, (std::vector<size_t>{0, 0, 0, 0, 1, 1, 1, 1, 1}));
  EXPECT_EQ(errors, (std::vector<std::string>{"simulated failure"}));
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(read(server.messages()[0]).subject, "1 sag til opfølgning hos Hansens Tømrer ApS");

  // Stopped before it starts: no run at all. The default wait (a second at a time) returns at
  // once when stopped.
  EXPECT_EQ(run_digest_loop(db(), clock, *box_, mailer, config("loop"), stop), 0);
  std::atomic<bool> stop_later{false};
  std::thread loop([&] {
    DigestLoopOptions o;
    o.interval_seconds = 3600;
    run_digest_loop(db(), clock, *box_, mailer, config("loop"), stop_later, o);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto asked = std::chrono::steady_clock::now();
  stop_later = true;
  loop.join();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(3));
}

INKASSO_INSTANTIATE_BACKENDS(Digest);

}  // namespace
}  // namespace inkasso
