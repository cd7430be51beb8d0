#include <gtest/gtest.h>

#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class Migrations : public BackendTest {};

TEST_P(Migrations, ApplyEveryMigrationOnceAndAgainIsANoOp) {
  std::vector<int> applied = db().applied_migrations();
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.back(), Database::latest_migration());
  ASSERT_TRUE(db().migrate().ok());
  EXPECT_EQ(db().applied_migrations(), applied);
}

TEST_P(Migrations, TwoProcessesMigratingAtOnceAgree) {
  // A second Database on the same (already migrated) store: nothing more to do, no error.
  auto other = Database::open(url());
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE((*other)->migrate().ok());
  EXPECT_EQ((*other)->applied_migrations(), db().applied_migrations());
}

TEST_P(Migrations, TheAuditLogCannotBeEdited) {
  soci::session sql(db().pool());
  sql << "INSERT INTO audit_log (account_id, at, what, detail) VALUES (1, 1, 'delete_case', '{}')";
  EXPECT_THROW(sql << "UPDATE audit_log SET what = 'nothing'", soci::soci_error);
  EXPECT_THROW(sql << "DELETE FROM audit_log", soci::soci_error);
  int n = 0;
  sql << "SELECT COUNT(*) FROM audit_log WHERE what = 'delete_case'", soci::into(n);
  EXPECT_EQ(n, 1);
}

TEST_P(Migrations, ForeignKeysAreEnforced) {
  soci::session sql(db().pool());
  EXPECT_THROW(sql << "INSERT INTO memberships (account_id, user_id, role, created_at) "
                      "VALUES (999, 999, 'guest', 0)",
               soci::soci_error);
}

INKASSO_INSTANTIATE_BACKENDS(Migrations);

}  // namespace
}  // namespace inkasso
