// Batch follow-up over HTTP (issue 6): step 1's groups, step 2's times, cases and paydays, the
// execution (each case's step once, also on a double submit), a sending time in the past
// refused with nothing made, the run's page, and the account boundary.
#include "app/followup.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

// Today is 2026-11-23. Each fixture case is due 01-10-2026: on the standard track reminder 1 is
// due three days later (04-10-2026), so every one is in step 1 under "Rykker nr. 1".
class FollowUpPages : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
    with_mail_ = make_debtor_case(user_, account_, "bogholderi@skyldner.dk", "", "Skyldner ApS");
    second_ = make_debtor_case(user_, account_, "post@andersen.dk", "", "Andersen & Søn");
    without_mail_ = make_debtor_case(user_, account_, "", "", "Uden Mail ApS");
  }

  size_t actions(int64_t number) {
    auto v = get_case(*db_, clock_, Actor{user_}, account_, number);
    return v ? v->stored.history.actions.size() : 999;
  }

  int count(const std::string& sql_text) {
    soci::session sql(db_->pool());
    long long n = 0;
    sql << sql_text, soci::into(n);
    return static_cast<int>(n);
  }

  // Step 2's form fields for "standard:reminder:1" at `date` `time`, with the page's run key.
  web::Fields step2_form(const HttpResult& page, const std::string& date, const std::string& time,
                         const std::string& channel = "email_or_print") {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(page.body, m, std::regex("name=\"run_key\" value=\"([^\"]+)\"")));
    return {{"run_key", m[1]},
            {"limit", "1000"},
            {"type", "standard:reminder:1"},
            {"key_0", "standard:reminder:1"},
            {"date_0", date},
            {"time_0", time},
            {"channel", channel}};
  }

  int64_t user_ = 0, account_ = 0;
  int64_t with_mail_ = 0, second_ = 0, without_mail_ = 0;
};

TEST_F(FollowUpPages, StepOneGroupsTheDueStepsAndStepTwoListsTheCasesWithPaydays) {
  WebClient c = logged_in_client(user_, account_);
  auto step1 = c.get("/opfoelgning");
  ASSERT_EQ(step1.status, 200);
  EXPECT_NE(step1.body.find("Standard (anbefalet)"), std::string::npos);
  EXPECT_NE(
      step1.body.find(
          "value=\"standard:reminder:1\" checked> Rykker nr. 1 <span class=\"count\">(3)</span>"),
      std::string::npos)
      << step1.body;

  auto step2 = c.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1&limit=2");
  ASSERT_EQ(step2.status, 200);
  // The limit takes the two oldest (all due the same day: the lower case numbers).
  EXPECT_NE(step2.body.find("Rykker nr. 1 <span class=\"count\">(2)</span>"), std::string::npos);
  EXPECT_NE(step2.body.find("Skyldner ApS"), std::string::npos);
  EXPECT_NE(step2.body.find("Andersen &amp; Søn"), std::string::npos);  // escaped
  EXPECT_EQ(step2.body.find("Uden Mail ApS"), std::string::npos);
  EXPECT_NE(step2.body.find("10.000,00"), std::string::npos);  // the principal
  // Paydays from 23-11-2026: Monday 30-11-2026, then 30-12-2026 (the 31st is a bank holiday).
  EXPECT_NE(step2.body.find("30-11-2026"), std::string::npos);
  EXPECT_NE(step2.body.find("30-12-2026"), std::string::npos);
  EXPECT_NE(step2.body.find("Vis/Skjul sager"), std::string::npos);

  // Nothing chosen: back to step 1 with a message.
  auto none = c.get("/opfoelgning/tidspunkt");
  EXPECT_EQ(none.status, 303);
}

TEST_F(FollowUpPages, ExecutingCreatesEachStepOnceAndADoubleSubmitNothingMore) {
  WebClient c = logged_in_client(user_, account_);
  auto step2 = c.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1&limit=1000");
  ASSERT_EQ(step2.status, 200);
  // Tomorrow 09:00 Danish time.
  web::Fields form = step2_form(step2, "2026-11-24", "09:00");
  auto done = c.post("/opfoelgning/koer", form);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.location, "/opfoelgning/koersler/1");
  auto run = c.follow(done);
  ASSERT_EQ(run.status, 200);
  EXPECT_NE(run.body.find("Færdig"), std::string::npos) << run.body;
  EXPECT_NE(run.body.find("<dd class=\"run-done\">3</dd>"), std::string::npos);
  EXPECT_EQ(run.body.find("http-equiv=\"refresh\""), std::string::npos);  // finished

  EXPECT_EQ(actions(with_mail_), 1u);
  EXPECT_EQ(actions(second_), 1u);
  EXPECT_EQ(actions(without_mail_), 1u);
  // E-mail where there is an address, the print list otherwise; at 24-11-2026 09:00 CET =
  // 08:00 UTC = 1795428000 (23-11 10:00 UTC) + 22 h = 1795507200.
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE channel = 'email'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE channel = 'print_self'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatches WHERE send_at = 1795507200"), 3);

  // The same form again (a double click, a reload): the same run, nothing new.
  auto again = c.post("/opfoelgning/koer", form);
  ASSERT_EQ(again.status, 303);
  EXPECT_EQ(again.location, "/opfoelgning/koersler/1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 3);
  EXPECT_EQ(actions(with_mail_), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM followup_runs"), 1);
}

// Step 2 offers the next whole hour in Copenhagen, and names each row's track (the same
// document can be due in two tracks). At 23:30 that is tomorrow's 00:00: the offer is sent as
// is and accepted, where clamping to 23:00 offered a time already past.
TEST_F(FollowUpPages, StepTwoOffersTheNextWholeHourAndNamesTheTrack) {
  WebClient c = logged_in_client(user_, account_);
  // kNow: 10:00 UTC on 23-11-2026 = 11:00 in Copenhagen (CET): 12:00 today is offered.
  auto step2 = c.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1");
  ASSERT_EQ(step2.status, 200);
  EXPECT_NE(step2.body.find("name=\"date_0\" value=\"2026-11-23\""), std::string::npos);
  EXPECT_NE(step2.body.find("name=\"time_0\" value=\"12:00\""), std::string::npos);
  EXPECT_NE(step2.body.find("<span class=\"count\">(3)</span><span class=\"followup-track\">"
                            "Standard (anbefalet)</span>"),
            std::string::npos)
      << step2.body;

  // 22:30 UTC = 23:30 in Copenhagen, still the 23rd there (a new login: the first session has
  // been idle too long by then).
  clock_.set(kNow + 12 * 3600 + 30 * 60, Date::ymd(2026, 11, 23));
  WebClient later = logged_in_client(user_, account_);
  auto late = later.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1");
  ASSERT_EQ(late.status, 200);
  EXPECT_NE(late.body.find("name=\"date_0\" value=\"2026-11-24\""), std::string::npos);
  EXPECT_NE(late.body.find("name=\"time_0\" value=\"00:00\""), std::string::npos);
  auto run = later.post("/opfoelgning/koer", step2_form(late, "2026-11-24", "00:00"));
  EXPECT_EQ(run.status, 303) << run.body;
}

TEST_F(FollowUpPages, ATimeInThePastOrAnUnreachableDebtorIsSaidNotSkipped) {
  WebClient c = logged_in_client(user_, account_);
  auto step2 = c.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1");
  auto past = c.post("/opfoelgning/koer", step2_form(step2, "2026-11-20", "09:00"));
  EXPECT_EQ(past.status, 422);
  EXPECT_NE(past.body.find("field-error"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM followup_runs"), 0);
  EXPECT_EQ(actions(with_mail_), 0u);

  // E-mail only: the debtor without an address is listed with the reason.
  auto run = c.post("/opfoelgning/koer", step2_form(past, "2026-11-24", "09:00", "email"));
  ASSERT_EQ(run.status, 303) << run.body;
  auto page = c.follow(run);
  EXPECT_NE(page.body.find("<dd class=\"run-left-out\">1</dd>"), std::string::npos);
  EXPECT_NE(page.body.find("Skyldner har ingen e-mailadresse."), std::string::npos);
  EXPECT_EQ(actions(without_mail_), 0u);
  EXPECT_EQ(actions(second_), 1u);
}

TEST_F(FollowUpPages, AGuestSeesButCannotExecuteAndOtherAccountsSeeNothing) {
  const int64_t guest = make_user("gaest@hansen.dk");
  soci::session sql(db_->pool());
  long long a = account_, u = guest;
  sql << "INSERT INTO memberships (account_id, user_id, role, created_at) VALUES (:a, :u, "
         "'guest', 0)",
      soci::use(a), soci::use(u);
  WebClient g = logged_in_client(guest, account_);
  EXPECT_EQ(g.get("/opfoelgning").status, 200);
  auto step2 = g.get("/opfoelgning/tidspunkt?type=standard%3Areminder%3A1");
  EXPECT_EQ(g.post("/opfoelgning/koer", step2_form(step2, "2026-11-24", "09:00")).status, 403);
  EXPECT_EQ(actions(with_mail_), 0u);

  WebClient c = logged_in_client(user_, account_);
  auto mine = c.post("/opfoelgning/koer", step2_form(c.get("/opfoelgning/tidspunkt?type=reminder"),
                                                     "2026-11-24", "09:00"));
  ASSERT_EQ(mine.status, 303);
  const int64_t other_user = make_user("anden@firma.dk");
  const int64_t other_account = make_company(other_user, "Anden Firma ApS");
  WebClient other = logged_in_client(other_user, other_account);
  EXPECT_EQ(other.get(mine.location).status, 404);
}

}  // namespace
}  // namespace inkasso::testing
