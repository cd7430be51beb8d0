// "Søg en sag" (/sager) and the TODO page (/todo), over HTTP: red due rows, every way of
// searching, sorting, paging, the closed toggle, the TODO counters, and that one account never
// sees another's cases.
#include "tests/web/web_fixture.h"

#include "app/todo.h"

namespace inkasso::testing {
namespace {

Date d(int y, int m, int day) {
  return Date::ymd(y, m, day);
}

Money kr(int64_t kroner) {
  return Money::from_kroner(kroner);
}

class CaseListTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    user_ = make_user("jens@hansen.dk");
    account_ = make_company(user_);
  }

  int64_t debtor(const std::string& name, const std::string& customer_no = "", int64_t account = 0,
                 int64_t user = 0) {
    DebtorInput in;
    in.kind = DebtorKind::person;
    in.name = name;
    in.customer_no = customer_no;
    auto id = create_debtor(*db_, clock_, *box_, Actor{user ? user : user_},
                            account ? account : account_, in);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A case with one claim (invoice 14 days before the due date).
  CreatedCase make_case(int64_t debtor_id, Date due, Money amount,
                        std::vector<SentReminder> reminders = {}, int64_t account = 0,
                        int64_t user = 0) {
    NewCase in;
    in.debtor_id = debtor_id;
    in.claims.push_back(Claim{"Faktura 1", due - 14, due, amount});
    in.reminders = std::move(reminders);
    auto c = create_case(*db_, clock_, *box_, Actor{user ? user : user_},
                         account ? account : account_, in);
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    return c ? *c : CreatedCase{};
  }

  // Where `text` first appears in `body` (npos when absent), to check the order of rows.
  static size_t at(const HttpResult& r, const std::string& text) { return r.body.find(text); }

  int64_t user_ = 0;
  int64_t account_ = 0;
};

using TodoTest = CaseListTest;

TEST_F(CaseListTest, ShowsOpenCasesWithTheDueOnesInRedAndAmountsInDanish) {
  int64_t anders = debtor("Anders And");
  // Due 1 November: the standard track's first reminder was due on the 4th: red.
  make_case(anders, d(2026, 11, 1), Money::from_ore(147750));
  // Due yesterday: the first reminder comes on the 25th: not yet.
  make_case(anders, d(2026, 11, 22), kr(500));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Søg en sag"));
  EXPECT_TRUE(r.has(R"(id="sag-1" class="due")")) << r.body;
  EXPECT_TRUE(r.has(R"(id="sag-2" class="")"));
  EXPECT_TRUE(r.has(R"(href="/sager/1")"));
  EXPECT_TRUE(r.has("Anders And"));
  // The worked example: 1.477,50 kr. principal, nothing else owed yet.
  EXPECT_TRUE(r.has("1.477,50 kr.")) << r.body;
  EXPECT_TRUE(r.has("500,00 kr."));
  // Next step and its date: the first reminder on 04-11-2026 and 25-11-2026.
  EXPECT_TRUE(r.has("Rykker"));
  EXPECT_TRUE(r.has("04-11-2026"));
  EXPECT_TRUE(r.has("25-11-2026"));
  EXPECT_TRUE(r.has("Viser 1–2 af 2 sager"));
  EXPECT_TRUE(r.has(R"(class="button" href="/sager/ny")"));
}

TEST_F(CaseListTest, LastActionIsNamedInDanishWithItsDate) {
  int64_t anders = debtor("Anders And");
  make_case(anders, d(2026, 10, 1), kr(1000),
            {SentReminder{d(2026, 10, 5), kr(100), false, false}});
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager");
  EXPECT_TRUE(r.has("Rykker<span class=\"cell-sub\">05-10-2026</span>")) << r.body;
}

TEST_F(CaseListTest, AnEmptyAccountOffersToCreateTheFirstCase) {
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Du har ingen sager endnu"));
  EXPECT_TRUE(r.has(R"(href="/sager/ny")"));
}

TEST_F(CaseListTest, ClosedCasesAreHiddenUnlessAskedFor) {
  int64_t anders = debtor("Anders And");
  make_case(anders, d(2026, 11, 1), kr(100));
  auto second = make_case(anders, d(2026, 11, 1), kr(200));
  ASSERT_TRUE(close_case(*db_, clock_, Actor{user_}, account_, second.number, second.version,
                         d(2026, 11, 23)));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager");
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));
  r = c.get("/sager?lukkede=1");
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_TRUE(r.has(R"(id="sag-2" class="closed")")) << r.body;
  EXPECT_TRUE(r.has("Lukket"));
  EXPECT_TRUE(r.has(R"(name="lukkede" value="1" checked)"));
}

TEST_F(CaseListTest, SearchesByNumberDebtorCustomerNumberAndNote) {
  int64_t anders = debtor("Anders And", "K-77");
  int64_t ole = debtor("Ole Olsen", "K-12");
  make_case(anders, d(2026, 11, 1), kr(100));
  auto second = make_case(ole, d(2026, 11, 1), kr(200));
  make_case(ole, d(2026, 11, 1), kr(300));
  ASSERT_TRUE(add_note(*db_, clock_, Actor{user_}, account_, second.number, second.version,
                       "Skyldner lovede at betale efter jul"));
  WebClient c = logged_in_client(user_, account_);

  auto r = c.get("/sager?q=1");
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(value="1")"));  // the text searched for stays in the box

  r = c.get("/sager?q=ander");  // part of the name, any case
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));

  r = c.get("/sager?q=K-12");  // the customer number
  EXPECT_FALSE(r.has(R"(id="sag-1")"));
  EXPECT_TRUE(r.has(R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(id="sag-3")"));

  r = c.get("/sager?q=" + web::url_encode("efter jul"));  // a note
  EXPECT_FALSE(r.has(R"(id="sag-1")"));
  EXPECT_TRUE(r.has(R"(id="sag-2")"));
  EXPECT_FALSE(r.has(R"(id="sag-3")"));

  r = c.get("/sager?q=ingen-saadan");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Ingen sager passer til søgningen"));
}

TEST_F(CaseListTest, SearchesByLastActionAndFollowUpDates) {
  int64_t anders = debtor("Anders And");
  // Review 04-11 (first reminder due), 25-11, and a reminder sent 05-10 (review 17-10).
  make_case(anders, d(2026, 11, 1), kr(100));
  make_case(anders, d(2026, 11, 22), kr(200));
  make_case(anders, d(2026, 9, 1), kr(300), {SentReminder{d(2026, 10, 5), kr(100), false, false}});
  WebClient c = logged_in_client(user_, account_);

  auto r = c.get("/sager?handling=reminder");
  EXPECT_FALSE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(id="sag-3")"));
  EXPECT_TRUE(r.has(R"(<option value="reminder" selected>Rykker</option>)"));

  r = c.get("/sager?fra=2026-11-01&til=2026-11-30");
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_TRUE(r.has(R"(id="sag-2")"));
  EXPECT_FALSE(r.has(R"(id="sag-3")"));

  r = c.get("/sager?til=10-11-2026");  // typed the Danish way
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(value="2026-11-10")"));

  r = c.get("/sager?fra=31-02-2026");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Datoen findes ikke."));

  r = c.get("/sager?fra=2026-12-01&til=2026-11-01");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.has("Til-datoen ligger før fra-datoen."));
}

TEST_F(CaseListTest, FollowUpShowsOnlyTheCasesDueTodayOrEarlier) {
  int64_t anders = debtor("Anders And");
  make_case(anders, d(2026, 11, 1), kr(100));
  make_case(anders, d(2026, 11, 22), kr(200));
  make_case(anders, d(2026, 10, 1), kr(300));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager?opfoelgning=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Sager til opfølgning"));
  EXPECT_TRUE(r.has(R"(id="sag-1" class="due")"));
  EXPECT_FALSE(r.has(R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(id="sag-3" class="due")"));
  // The oldest follow-up first: case 3 (04-10) before case 1 (04-11).
  EXPECT_LT(at(r, R"(id="sag-3")"), at(r, R"(id="sag-1")"));
  // A later "til" cannot bring in a case that is not due.
  r = c.get("/sager?opfoelgning=1&til=2026-12-31");
  EXPECT_FALSE(r.has(R"(id="sag-2")"));

  WebClient other = logged_in_client(user_, account_);
  r = other.get("/sager?opfoelgning=1&q=ingen");
  EXPECT_TRUE(r.has("Ingen sager til opfølgning i dag"));
}

TEST_F(CaseListTest, SortsByColumn) {
  make_case(debtor("Bent Berg"), d(2026, 11, 1), kr(300));
  make_case(debtor("Anders And"), d(2026, 11, 10), kr(100));
  make_case(debtor("Carl Clausen"), d(2026, 10, 1), kr(200));
  WebClient c = logged_in_client(user_, account_);

  auto r = c.get("/sager");  // newest first
  EXPECT_LT(at(r, R"(id="sag-3")"), at(r, R"(id="sag-2")"));
  EXPECT_LT(at(r, R"(id="sag-2")"), at(r, R"(id="sag-1")"));
  // The header links keep the search and change the order.
  EXPECT_TRUE(r.has(R"(href="/sager?sortering=skyldner")"));
  EXPECT_TRUE(r.has(R"(href="/sager?sortering=aeldste")"));

  r = c.get("/sager?sortering=aeldste");
  EXPECT_LT(at(r, R"(id="sag-1")"), at(r, R"(id="sag-2")"));

  r = c.get("/sager?sortering=skyldner");
  EXPECT_LT(at(r, "Anders And"), at(r, "Bent Berg"));
  EXPECT_LT(at(r, "Bent Berg"), at(r, "Carl Clausen"));
  EXPECT_TRUE(r.has(R"(<option value="skyldner" selected>)"));

  r = c.get("/sager?sortering=udestaaende");
  EXPECT_LT(at(r, R"(id="sag-1")"), at(r, R"(id="sag-3")"));
  EXPECT_LT(at(r, R"(id="sag-3")"), at(r, R"(id="sag-2")"));

  r = c.get("/sager?sortering=opfoelgning&q=" + web::url_encode("a"));
  EXPECT_FALSE(r.has(R"(id="sag-1")"));  // Bent Berg has no "a"
  EXPECT_LT(at(r, R"(id="sag-3")"), at(r, R"(id="sag-2")"));
  EXPECT_TRUE(r.has(R"(href="/sager?q=a&amp;sortering=skyldner")")) << r.body;
}

TEST_F(CaseListTest, PagesFiftyCasesAtATime) {
  int64_t anders = debtor("Anders And");
  for (int i = 0; i < 53; ++i) make_case(anders, d(2026, 11, 20), kr(100 + i));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/sager");
  EXPECT_TRUE(r.has("Viser 1–50 af 53 sager"));
  EXPECT_TRUE(r.has(R"(id="sag-53")"));
  EXPECT_TRUE(r.has(R"(id="sag-4")"));
  EXPECT_FALSE(r.has(R"(id="sag-3")"));
  EXPECT_TRUE(r.has("Side 1 af 2"));
  EXPECT_TRUE(r.has(R"(href="/sager?sortering=nyeste&amp;side=2")"));
  r = c.get("/sager?sortering=nyeste&side=2");
  EXPECT_TRUE(r.has("Viser 51–53 af 53 sager"));
  EXPECT_TRUE(r.has(R"(id="sag-3")"));
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(id="sag-4")"));
  EXPECT_TRUE(r.has("Forrige"));
  // A page past the end, or nonsense, is no error.
  EXPECT_EQ(c.get("/sager?side=99").status, 200);
  EXPECT_EQ(c.get("/sager?side=abc").status, 200);
}

TEST_F(CaseListTest, AUserOfAnotherAccountNeverSeesTheCases) {
  make_case(debtor("Anders And", "K-77"), d(2026, 11, 1), Money::from_ore(147750));
  int64_t other_user = make_user("mette@madsen.dk");
  int64_t other_account = make_company(other_user, "Madsens Maling ApS");
  WebClient c = logged_in_client(other_user, other_account);
  for (const char* path : {"/sager", "/sager?q=1", "/sager?q=Anders", "/sager?q=K-77",
                           "/sager?lukkede=1", "/sager?opfoelgning=1"}) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_FALSE(r.has("Anders And")) << path;
    EXPECT_FALSE(r.has("1.477,50")) << path;
    EXPECT_FALSE(r.has(R"(id="sag-1")")) << path;
  }
  auto todo = c.get("/todo");
  EXPECT_FALSE(todo.has("Anders And"));
}

TEST_F(CaseListTest, AGuestSeesTheListWithoutTheCreateButton) {
  make_case(debtor("Anders And"), d(2026, 11, 1), kr(100));
  int64_t guest = make_user("gaest@hansen.dk");
  ASSERT_TRUE(attach_user(*db_, clock_, Actor{user_}, account_, "gaest@hansen.dk", Role::guest));
  WebClient c = logged_in_client(guest, account_);
  auto r = c.get("/sager");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.has(R"(id="sag-1")"));
  EXPECT_FALSE(r.has(R"(class="button" href="/sager/ny")"));
}

TEST_F(CaseListTest, NeedsALogin) {
  WebClient c = client();
  EXPECT_EQ(c.get("/sager").status, 303);
  EXPECT_EQ(c.get("/todo").status, 303);
}

TEST_F(TodoTest, ShowsTheCountersInRedWhenThereIsSomethingToDo) {
  int64_t anders = debtor("Anders And");
  make_case(anders, d(2026, 11, 1), kr(100));
  make_case(anders, d(2026, 10, 1), kr(100));
  make_case(anders, d(2026, 11, 22), kr(100));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/todo");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Sager til opfølgning"));
  EXPECT_TRUE(r.has("Dokumenter til udskrivning"));
  EXPECT_TRUE(r.has("Retsafgift til overførsel"));
  EXPECT_TRUE(r.has("Misligholdte aftaler"));
  EXPECT_TRUE(r.has("Betalingsaftale anmodninger"));
  EXPECT_TRUE(r.has("todo-item alert"));
  EXPECT_TRUE(r.has(R"(<span class="todo-count">2</span>)")) << r.body;
  EXPECT_TRUE(r.has(R"(<a href="/sager?opfoelgning=1">Sager til opfølgning</a>)"));
  // The counters whose source comes later say so.
  EXPECT_TRUE(r.has("Skyldnere kan endnu ikke bede om en betalingsaftale i skyldnerportalen."));
  EXPECT_FALSE(r.has("Misligholdte betalingsaftaler"));  // no list without any
}

TEST_F(TodoTest, NothingToDoShowsNoRedCounter) {
  make_case(debtor("Anders And"), d(2026, 11, 22), kr(100));
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/todo");
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(r.has("todo-item alert"));
}

TEST_F(TodoTest, ListsTheDefaultedPaymentAgreements) {
  int64_t anders = debtor("Anders And");
  make_case(anders, d(2026, 11, 22), kr(100));
  auto c2 = make_case(anders, d(2026, 8, 1), kr(3000));
  Action agreement;
  agreement.type = ActionType::payment_agreement;
  agreement.date = d(2026, 8, 20);
  agreement.instalment = kr(500);
  agreement.first_date = d(2026, 9, 1);
  auto v = add_action(*db_, clock_, Actor{user_}, account_, c2.number, c2.version, agreement);
  ASSERT_TRUE(v) << v.error().message;
  auto counts = todo_counters(*db_, Actor{user_}, account_, clock_.today());
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->defaulted_agreements, 1);
  WebClient c = logged_in_client(user_, account_);
  auto r = c.get("/todo");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.has("Misligholdte betalingsaftaler"));
  EXPECT_TRUE(r.has(R"(id="sag-2" class="due")")) << r.body;
  EXPECT_FALSE(r.has(R"(id="sag-1")"));
  EXPECT_TRUE(r.has("Varsel om opsigelse af betalingsaftale"));
  EXPECT_TRUE(r.has(R"(href="#misligholdte")"));
}

}  // namespace
}  // namespace inkasso::testing
