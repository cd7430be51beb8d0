// Court fees to transfer (app/court_fees.h) on SQLite and PostgreSQL: every payment order and
// enforcement request is a fee (750 kr. each under retsafgiftsloven) until marked transferred;
// the TODO counter counts them; the court is the one the document was filed with.
#include "app/court_fees.h"

#include <map>

#include <gtest/gtest.h>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/courts.h"
#include "app/debtors.h"
#include "app/letters.h"
#include "app/todo.h"
#include "app/users.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

// 2026-11-23 10:00 UTC.
constexpr int64_t kNow = 1795428000;

class CourtFees : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_.emplace(*box);
    creditor_ = {testing::insert_user(db(), "jens@hansen.dk")};
    guest_ = {testing::insert_user(db(), "gaest@hansen.dk")};
    stranger_ = {testing::insert_user(db(), "anden@firma.dk")};
    operator_ = {testing::insert_user(db(), "drift@inkasso.dk")};
    ASSERT_TRUE(set_installation_operator(db(), "drift@inkasso.dk", true));
    account_ = company(creditor_, "Hansens Tømrer ApS");
    other_account_ = company(stranger_, "Andet Firma ApS");
    testing::insert_membership(db(), account_, guest_.user_id, Role::guest);
  }

  int64_t company(const Actor& admin, const std::string& name) {
    CompanyAccount form{name,         "27355021",  "kontor@hansen.dk", "12345678",    true,
                        "Vejen 1",    "8000",      "Aarhus C",         "Danske Bank", "1234",
                        "1234567890", std::nullopt};
    auto id = create_company_account(db(), clock_, admin, form);
    EXPECT_TRUE(id) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A case of 10.000,00 kr. due 01-06-2026 against `debtor_name` in Aarhus, with a reminder and
  // a collection notice sent in June, so court steps are lawful on 23-11-2026.
  int64_t court_ready_case(const std::string& debtor_name) {
    DebtorInput in;
    in.kind = DebtorKind::company;
    in.name = debtor_name;
    in.cvr = "27355021";
    in.street = "Gaden 2";
    in.postal_code = "8000";
    in.city = "Aarhus C";
    auto debtor = create_debtor(db(), clock_, *box_, creditor_, account_, in);
    EXPECT_TRUE(debtor) << (debtor ? "" : debtor.error().message);
    NewCase c;
    c.debtor_id = debtor ? *debtor : 0;
    c.claims.push_back(
        Claim{"F-100", Date::ymd(2026, 5, 15), Date::ymd(2026, 6, 1), Money::from_kroner(10'000)});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 5), Money::from_kroner(100), false});
    c.reminders.push_back(SentReminder{Date::ymd(2026, 6, 20), Money::from_kroner(100), true});
    auto created = create_case(db(), clock_, *box_, creditor_, account_, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->number : 0;
  }

  int64_t version(int64_t number) {
    auto v = get_case(db(), clock_, creditor_, account_, number);
    return v ? v->stored.version : -1;
  }

  // A court action today with its document (rendered); returns the document id.
  int64_t court_action(int64_t number, ActionType type, bool fee_added) {
    Action a;
    a.type = type;
    a.date = clock_.today();
    a.court_fee_added = fee_added;
    auto made = add_action_with_document(db(), clock_, *box_, Installation{}, creditor_, account_,
                                         number, version(number), a, SendingChoice{});
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    if (!made || !made->document_id) return 0;
    EXPECT_GE(render_pending_documents(db(), clock_), 1);
    return *made->document_id;
  }

  int64_t todo_court_fees() {
    auto c = todo_counters(db(), creditor_, account_, clock_.today());
    EXPECT_TRUE(c);
    return c ? c->court_fees : -1;
  }

  FixedClock clock_{kNow, Date::ymd(2026, 11, 23)};
  std::optional<SecretBox> box_;
  Actor creditor_, guest_, stranger_, operator_;
  int64_t account_ = 0, other_account_ = 0;
};

TEST_P(CourtFees, EveryCourtActionIsAFeeToTransferUntilMarked) {
  EXPECT_EQ(todo_court_fees(), 0);
  const int64_t a = court_ready_case("Skyldner ApS");
  const int64_t b = court_ready_case("Anden Skyldner A/S");
  court_action(a, ActionType::payment_order, true);
  // Not added to the case: the creditor still pays the court.
  court_action(b, ActionType::payment_order, false);
  EXPECT_EQ(todo_court_fees(), 2);

  auto fees = list_court_fees(db(), guest_, account_);  // a guest may read
  ASSERT_TRUE(fees) << fees.error().message;
  ASSERT_EQ(fees->to_transfer.size(), 2u);
  const CourtFee& first = fees->to_transfer[0];
  EXPECT_EQ(first.case_number, a);
  EXPECT_EQ(first.debtor_name, "Skyldner ApS");
  EXPECT_EQ(first.type, ActionType::payment_order);
  EXPECT_EQ(first.action_date, Date::ymd(2026, 11, 23));
  EXPECT_EQ(first.amount, Money::from_kroner(750));
  EXPECT_TRUE(first.added_to_case);
  EXPECT_FALSE(fees->to_transfer[1].added_to_case);
  EXPECT_EQ(first.court_name, "") << "not filed yet";
  // 750,00 + 750,00 = 1.500,00 kr.
  EXPECT_EQ(fees->total_to_transfer, Money::from_kroner(1500));
  EXPECT_FALSE(fees->payment.configured()) << "seeded empty: no confirmed account";

  // A guest may not mark; another account's user finds nothing.
  auto by_guest = mark_court_fee_transferred(db(), clock_, guest_, account_, a, first.event_seq,
                                             first.event_created_at);
  ASSERT_FALSE(by_guest);
  EXPECT_EQ(by_guest.error().code, app_error::kForbidden);
  auto by_stranger = mark_court_fee_transferred(db(), clock_, stranger_, account_, a,
                                                first.event_seq, first.event_created_at);
  ASSERT_FALSE(by_stranger);
  EXPECT_EQ(by_stranger.error().code, app_error::kNotFound);
  auto wrong_seq = mark_court_fee_transferred(db(), clock_, creditor_, account_, a,
                                              first.event_seq - 1, first.event_created_at);
  ASSERT_FALSE(wrong_seq) << "that event is no court action";
  EXPECT_EQ(wrong_seq.error().code, app_error::kNotFound);
  EXPECT_EQ(todo_court_fees(), 2);

  ASSERT_TRUE(mark_court_fee_transferred(db(), clock_, creditor_, account_, a, first.event_seq,
                                         first.event_created_at));
  // Twice (a double submit) changes nothing.
  clock_.set(kNow + 3600, clock_.today());
  ASSERT_TRUE(mark_court_fee_transferred(db(), clock_, creditor_, account_, a, first.event_seq,
                                         first.event_created_at));
  EXPECT_EQ(todo_court_fees(), 1);
  fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 1u);
  EXPECT_EQ(fees->to_transfer[0].case_number, b);
  EXPECT_EQ(fees->total_to_transfer, Money::from_kroner(750));
  ASSERT_EQ(fees->transferred.size(), 1u);
  EXPECT_EQ(fees->transferred[0].case_number, a);
  EXPECT_EQ(fees->transferred[0].transferred_at, std::optional<int64_t>(kNow));

  // The other account sees none of it.
  auto other = list_court_fees(db(), stranger_, other_account_);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->to_transfer.empty());
  EXPECT_TRUE(other->transferred.empty());
  EXPECT_FALSE(list_court_fees(db(), stranger_, account_));
}

TEST_P(CourtFees, DeletingTheActionTakesItsFeeAwayAndANewOneIsNotMarkedByTheOld) {
  const int64_t n = court_ready_case("Skyldner ApS");
  court_action(n, ActionType::payment_order, true);
  auto fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 1u);
  const CourtFee old = fees->to_transfer[0];
  ASSERT_TRUE(mark_court_fee_transferred(db(), clock_, creditor_, account_, n, old.event_seq,
                                         old.event_created_at));
  EXPECT_EQ(todo_court_fees(), 0);

  // Delete last action: the fee is gone. The same action again a second later gets the same seq
  // but is a new fee: not transferred.
  ASSERT_TRUE(delete_last_action(db(), clock_, creditor_, account_, n, version(n)));
  fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  EXPECT_TRUE(fees->to_transfer.empty());
  EXPECT_TRUE(fees->transferred.empty());
  clock_.set(kNow + 1, clock_.today());
  court_action(n, ActionType::payment_order, true);
  fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 1u);
  EXPECT_EQ(fees->to_transfer[0].event_seq, old.event_seq);
  EXPECT_NE(fees->to_transfer[0].event_created_at, old.event_created_at);
  EXPECT_EQ(todo_court_fees(), 1);
  // The old fee's name no longer finds anything.
  auto stale = mark_court_fee_transferred(db(), clock_, creditor_, account_, n, old.event_seq,
                                          old.event_created_at);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, app_error::kNotFound);
}

TEST_P(CourtFees, TheCourtIsTheOneTheDocumentWasFiledWith) {
  const int64_t n = court_ready_case("Skyldner ApS");
  const int64_t doc = court_action(n, ActionType::payment_order, true);
  int64_t aarhus = 0;
  for (const CourtDistrict& c : list_court_districts(db()))
    if (c.name == "Retten i Aarhus") aarhus = c.id;
  ASSERT_NE(aarhus, 0);
  ASSERT_TRUE(file_court_document(db(), clock_, *box_, creditor_, account_, n, doc,
                                  {aarhus, clock_.today()}));
  auto fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 1u);
  EXPECT_EQ(fees->to_transfer[0].court_name, "Retten i Aarhus");
  EXPECT_EQ(fees->to_transfer[0].court_reg_no, "") << "Aarhus's account is not seeded";
  EXPECT_EQ(fees->to_transfer[0].court_account_no, "");
}

// Each fee shows the account of the court its document was filed with (migration 0020 seeds
// Retten i Roskilde's 0216 4069134327 and Retten på Bornholm's 0216 4069134726), found by name
// for a filing on minretssag.dk and by e-mail for one by e-mail; an operator's change shows at
// once.
TEST_P(CourtFees, AFeeShowsTheAccountOfTheCourtItWasFiledWith) {
  std::map<std::string, CourtDistrict> courts;
  for (const CourtDistrict& c : list_court_districts(db())) courts[c.name] = c;
  // Bornholm takes e-mail (an operator's choice), Roskilde the portal (as seeded).
  CourtDistrict bornholm = courts.at("Retten på Bornholm");
  ASSERT_TRUE(update_court_district(
      db(), clock_, operator_, bornholm.id,
      {bornholm.street, bornholm.postal_code, bornholm.city, bornholm.email, bornholm.phone,
       "email", bornholm.note, bornholm.fee_reg_no, bornholm.fee_account_no}));

  const int64_t by_portal = court_ready_case("Skyldner ApS");
  const int64_t doc1 = court_action(by_portal, ActionType::payment_order, true);
  ASSERT_TRUE(file_court_document(db(), clock_, *box_, creditor_, account_, by_portal, doc1,
                                  {courts.at("Retten i Roskilde").id, clock_.today()}));
  const int64_t by_email = court_ready_case("Anden Skyldner A/S");
  const int64_t doc2 = court_action(by_email, ActionType::payment_order, true);
  ASSERT_TRUE(file_court_document(db(), clock_, *box_, creditor_, account_, by_email, doc2,
                                  {bornholm.id, std::nullopt}));

  auto fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  ASSERT_EQ(fees->to_transfer.size(), 2u);
  std::map<int64_t, CourtFee> by_case;
  for (const CourtFee& f : fees->to_transfer) by_case[f.case_number] = f;
  EXPECT_EQ(by_case[by_portal].court_name, "Retten i Roskilde");
  EXPECT_EQ(by_case[by_portal].court_reg_no, "0216");
  EXPECT_EQ(by_case[by_portal].court_account_no, "4069134327");
  EXPECT_EQ(by_case[by_email].court_name, "Retten på Bornholm");
  EXPECT_EQ(by_case[by_email].court_reg_no, "0216");
  EXPECT_EQ(by_case[by_email].court_account_no, "4069134726");

  // The operator corrects Roskilde's account: the fee shows the new one.
  const CourtDistrict roskilde = courts.at("Retten i Roskilde");
  ASSERT_TRUE(
      update_court_district(db(), clock_, operator_, roskilde.id,
                            {roskilde.street, roskilde.postal_code, roskilde.city, roskilde.email,
                             roskilde.phone, "portal", roskilde.note, "0216", "4069134343"}));
  fees = list_court_fees(db(), creditor_, account_);
  ASSERT_TRUE(fees);
  for (const CourtFee& f : fees->to_transfer) {
    if (f.case_number == by_portal) {
      EXPECT_EQ(f.court_account_no, "4069134343");
    }
  }
}

TEST_P(CourtFees, OnlyAnOperatorSetsWhereToPay) {
  CourtFeePayment p{"Domstolsstyrelsen", "1234", "12 3456 7890", "Sagsnr. og skyldner", 0};
  auto refused = set_court_fee_payment(db(), clock_, creditor_, p);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, app_error::kForbidden);
  CourtFeePayment bad = p;
  bad.reg_no = "123";
  EXPECT_EQ(set_court_fee_payment(db(), clock_, operator_, bad).error().field, "reg_no");
  bad = p;
  bad.account_no = "12345678901";
  EXPECT_EQ(set_court_fee_payment(db(), clock_, operator_, bad).error().field, "account_no");
  EXPECT_FALSE(get_court_fee_payment(db()).configured());

  ASSERT_TRUE(set_court_fee_payment(db(), clock_, operator_, p));
  const CourtFeePayment got = get_court_fee_payment(db());
  EXPECT_TRUE(got.configured());
  EXPECT_EQ(got.account_no, "1234567890") << "spaces removed";
  EXPECT_EQ(got.recipient, "Domstolsstyrelsen");
  EXPECT_EQ(got.updated_at, kNow);
}

INKASSO_INSTANTIATE_BACKENDS(CourtFees);

}  // namespace
}  // namespace inkasso
