// The starting point of the use-case tests that check who may do what: "Kreditor A/S" with a
// case handler and a guest, "Anden Kreditor ApS" whose administrator is a stranger to the first
// account, and the tests' SecretBox. On both databases (BackendTest).
#pragma once

#include <gtest/gtest.h>

#include "app/secrets.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso::testing {

class TwoCreditorsTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    account_ = insert_company_account(db(), "Kreditor A/S");
    other_account_ = insert_company_account(db(), "Anden Kreditor ApS");
    handler_ = {insert_user(db(), "handler@a.dk")};
    guest_ = {insert_user(db(), "guest@a.dk")};
    outsider_ = {insert_user(db(), "b@b.dk")};
    insert_membership(db(), account_, handler_.user_id, Role::case_handler);
    insert_membership(db(), account_, guest_.user_id, Role::guest);
    insert_membership(db(), other_account_, outsider_.user_id, Role::administrator);
    auto box = SecretBox::from_hex(kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    box_ = *box;
  }

  SecretBox box_;
  int64_t account_ = 0, other_account_ = 0;
  Actor handler_, guest_, outsider_;
};

}  // namespace inkasso::testing
