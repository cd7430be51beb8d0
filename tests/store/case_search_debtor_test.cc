// CaseQuery::debtor_id: the cases of one debtor, for the debtor's page.
#include <gtest/gtest.h>

#include "app/cases.h"
#include "store/case_store.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class CaseSearchDebtor : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    account_ = testing::insert_company_account(db(), "Kreditor A/S");
    other_account_ = testing::insert_company_account(db(), "Anden Kreditor ApS");
    handler_ = {testing::insert_user(db(), "handler@a.dk")};
    other_handler_ = {testing::insert_user(db(), "handler@b.dk")};
    testing::insert_membership(db(), account_, handler_.user_id, Role::case_handler);
    testing::insert_membership(db(), other_account_, other_handler_.user_id, Role::case_handler);
    jensen_ = testing::insert_debtor(db(), account_, "Jensen Byg ApS");
    hansen_ = testing::insert_debtor(db(), account_, "Hansen VVS");
    other_ = testing::insert_debtor(db(), other_account_, "Fremmed ApS");
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_ = *box;
  }

  // A case of `debtor` with one claim of `kroner` kr.
  int64_t create(const Actor& actor, int64_t account, int64_t debtor, int64_t kroner) {
    NewCase in;
    in.debtor_id = debtor;
    in.claims.push_back(Claim{"Faktura 1", Date::ymd(2025, 1, 1), Date::ymd(2025, 1, 15),
                              Money::from_kroner(kroner)});
    auto c = create_case(db(), clock_, box_, actor, account, in);
    EXPECT_TRUE(c.ok()) << c.error().code << ": " << c.error().message;
    return c.ok() ? c->number : 0;
  }

  CasePage search(int64_t account, const CaseQuery& q) {
    soci::session sql(db().pool());
    return search_cases(sql, account, q);
  }

  FixedClock clock_{1'748'736'000, Date::ymd(2025, 6, 1)};
  SecretBox box_;
  int64_t account_ = 0, other_account_ = 0, jensen_ = 0, hansen_ = 0, other_ = 0;
  Actor handler_, other_handler_;
};

TEST_P(CaseSearchDebtor, ListsOnlyTheDebtorsCases) {
  const int64_t first = create(handler_, account_, jensen_, 1500);
  create(handler_, account_, hansen_, 700);
  const int64_t third = create(handler_, account_, jensen_, 300);
  create(other_handler_, other_account_, other_, 900);

  CaseQuery q;
  q.debtor_id = jensen_;
  q.sort = CaseSort::number_asc;
  const CasePage page = search(account_, q);
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].number, first);
  EXPECT_EQ(page.items[0].principal, Money::from_kroner(1500));
  EXPECT_EQ(page.items[1].number, third);
  for (const CaseListItem& item : page.items) EXPECT_EQ(item.debtor_id, jensen_);

  // Combined with the other filters: the text still narrows, the paging still counts all.
  q.text = "Jensen";
  q.limit = 1;
  const CasePage narrowed = search(account_, q);
  EXPECT_EQ(narrowed.total, 2);
  EXPECT_EQ(narrowed.items.size(), 1u);
  q.text = "Hansen";
  EXPECT_EQ(search(account_, q).total, 0);

  // Without the filter every case of the account, as before.
  EXPECT_EQ(search(account_, CaseQuery{}).total, 3);
}

TEST_P(CaseSearchDebtor, ADebtorOfAnotherAccountMatchesNothing) {
  create(handler_, account_, jensen_, 1500);
  create(other_handler_, other_account_, other_, 900);
  CaseQuery q;
  q.debtor_id = other_;
  EXPECT_EQ(search(account_, q).total, 0);
  EXPECT_TRUE(search(account_, q).items.empty());
  // And through the use case, for the other account's own user it works.
  auto page = search_cases(db(), other_handler_, other_account_, q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

TEST_P(CaseSearchDebtor, ADebtorWithoutCasesHasAnEmptyList) {
  create(handler_, account_, jensen_, 1500);
  CaseQuery q;
  q.debtor_id = hansen_;
  q.only_open = true;
  EXPECT_EQ(search(account_, q).total, 0);
}

INKASSO_INSTANTIATE_BACKENDS(CaseSearchDebtor);

}  // namespace
}  // namespace inkasso
