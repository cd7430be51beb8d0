// "Send senere" on the action form over HTTP: the sending time typed in Danish time is stored in
// UTC (summer and winter), a time that is past, too far ahead or in the spring's missing hour is
// refused beside the field with nothing written, and the form offers "Send nu" by default. The
// case's timeline shows when a later sending is planned.
#include "app/letters.h"
#include "tests/web/web_fixture.h"

namespace inkasso::testing {
namespace {

class SendLater : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
    CaseSpec spec = small_case();
    spec.email = "post@skyldner.dk";
    number_ = make_spec_case(user_, account_, spec);
    ASSERT_GT(number_, 0);
  }

  std::string form_page() const {
    return "/sager/" + std::to_string(number_) + "/handling/ny?type=reminder";
  }

  // A reminder dated today, sent by e-mail and "Send selv", at the time the fields say.
  HttpResult submit_reminder(WebClient& c, web::Fields when) {
    web::Fields form{{"type", "reminder"},
                     {"version", std::to_string(case_version(user_, account_, number_))},
                     {"date", "2026-11-23"},
                     {"fee", "100,00"},
                     {"deadline", "2026-12-05"},
                     {"send_email", "1"},
                     {"send_print", "1"}};
    for (auto& f : when) form.push_back(std::move(f));
    return c.submit(form_page(), "/sager/" + std::to_string(number_) + "/handling", form);
  }

  std::vector<int64_t> send_times() {
    soci::session sql(db_->pool());
    std::vector<long long> times(100);
    sql << "SELECT send_at FROM dispatches ORDER BY id", soci::into(times);
    return {times.begin(), times.end()};
  }

  int actions() {
    auto v = get_case(*db_, clock_, Actor{user_}, account_, number_);
    return v ? static_cast<int>(v->stored.history.actions.size()) : -1;
  }

  int64_t user_ = 0;
  int64_t account_ = 0;
  int64_t number_ = 0;
};

// Unix seconds of `day` at h:00 UTC: its day number since 1970 × 86,400 + h × 3,600.
int64_t utc(Date day, int h) {
  return int64_t{day.days()} * 86'400 + h * 3'600;
}

TEST_F(SendLater, TheFormOffersSendNowByDefaultAndTomorrowAtNineForLater) {
  WebClient c = logged_in_client(user_, account_);
  auto page = c.get(form_page());
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("name=\"send_when\" value=\"now\" checked")) << page.body;
  EXPECT_TRUE(page.has("name=\"send_when\" value=\"later\" >"));
  EXPECT_TRUE(page.has("Send senere"));
  EXPECT_TRUE(page.has("name=\"send_date\" type=\"date\" value=\"2026-11-24\""));
  EXPECT_TRUE(page.has("name=\"send_time\" type=\"time\" value=\"09:00\""));
  // Forms without a document have no sending time.
  EXPECT_FALSE(
      c.get("/sager/" + std::to_string(number_) + "/handling/ny?type=note").has("send_when"));
}

TEST_F(SendLater, SendNowQueuesAtTheClocksTime) {
  WebClient c = logged_in_client(user_, account_);
  // "now" with a date and time filled in (the defaults) ignores them.
  auto r = submit_reminder(
      c, {{"send_when", "now"}, {"send_date", "2026-12-01"}, {"send_time", "10:00"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(send_times(), (std::vector<int64_t>{kNow, kNow}));
}

TEST_F(SendLater, WinterTimeIsStoredAsUtc) {
  WebClient c = logged_in_client(user_, account_);
  // 01-12-2026 10:00 CET (UTC+1) = 09:00 UTC = 1,796,115,600; both channels wait for it.
  auto r = submit_reminder(
      c, {{"send_when", "later"}, {"send_date", "01-12-2026"}, {"send_time", "10:00"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const int64_t at = utc(Date::ymd(2026, 12, 1), 9);
  EXPECT_EQ(at, 1'796'115'600);
  EXPECT_EQ(send_times(), (std::vector<int64_t>{at, at}));
}

TEST_F(SendLater, SummerTimeIsStoredAsUtc) {
  WebClient c = logged_in_client(user_, account_);
  // 01-07-2027 10:00 CEST (UTC+2) = 08:00 UTC = 20,635 + 365 days → 21,000 × 86,400 + 28,800.
  auto r = submit_reminder(
      c, {{"send_when", "later"}, {"send_date", "2027-07-01"}, {"send_time", "10.00"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const int64_t at = utc(Date::ymd(2027, 7, 1), 8);
  EXPECT_EQ(at, int64_t{21'000} * 86'400 + 28'800);
  EXPECT_EQ(send_times(), (std::vector<int64_t>{at, at}));
}

TEST_F(SendLater, TheCasePageShowsWhenALaterSendingIsPlanned) {
  WebClient c = logged_in_client(user_, account_);
  // 24-11-2026 08:00 in Copenhagen (CET, UTC+1) is 07:00 UTC, after now (23-11-2026 10:00 UTC).
  auto r = submit_reminder(
      c, {{"send_when", "later"}, {"send_date", "2026-11-24"}, {"send_time", "08:00"}});
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(send_times(), (std::vector<int64_t>{kNow + 21 * 3'600, kNow + 21 * 3'600}));
  auto page = c.get("/sager/" + std::to_string(number_));
  ASSERT_EQ(page.status, 200);
  // Both sendings (e-mail and "Send selv") wait for it, shown in Danish time as the queue does.
  EXPECT_EQ(page.count("<span class=\"sending-planned\">Planlagt til 24-11-2026 08:00</span>"), 2u)
      << page.body;
  // The queue says the same.
  EXPECT_TRUE(c.get("/udsendelser").has("Planlagt til 24-11-2026 08:00"));
}

TEST_F(SendLater, ASendingMadeNowIsNotPlanned) {
  WebClient c = logged_in_client(user_, account_);
  auto r = submit_reminder(c, {{"send_when", "now"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto page = c.get("/sager/" + std::to_string(number_));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("case-tl-sendings")) << "the sendings are listed";
  EXPECT_FALSE(page.has("Planlagt til")) << page.body;
}

TEST_F(SendLater, RefusedTimesWriteNothingAndSayWhyBesideTheField) {
  WebClient c = logged_in_client(user_, account_);
  const int before = actions();
  struct Case {
    const char* date;
    const char* time;
    const char* message;
  };
  // Now is 23-11-2026 11:00 in Copenhagen.
  const Case refused[] = {
      {"2026-11-23", "10:30", "23-11-2026 10:30 er allerede passeret"},
      {"2027-11-25", "09:00", "højst et år frem"},
      {"2027-03-28", "02:30", "Klokken 02:30 findes ikke den 28-03-2027"},
      {"", "09:00", "Vælg datoen for afsendelsen."},
      {"2026-12-01", "25:00", "Skriv klokkeslættet som tt:mm"},
      {"2026-12-01", "", "Skriv klokkeslættet som tt:mm"},
  };
  for (const Case& t : refused) {
    auto r =
        submit_reminder(c, {{"send_when", "later"}, {"send_date", t.date}, {"send_time", t.time}});
    EXPECT_EQ(r.status, 422) << t.date << " " << t.time;
    EXPECT_TRUE(r.has(t.message)) << t.date << " " << t.time;
    // The form comes back as typed, "later" still chosen.
    EXPECT_TRUE(r.has("name=\"send_when\" value=\"later\" checked")) << t.date;
    EXPECT_TRUE(r.has("value=\"" + std::string(t.time) + "\"")) << t.time;
  }
  EXPECT_EQ(actions(), before);
  EXPECT_TRUE(send_times().empty());
}

}  // namespace
}  // namespace inkasso::testing
