// Databases for the storage tests: every test runs against SQLite (a temporary file) and
// PostgreSQL (a throwaway cluster this test binary starts on loopback, once, as the postgres
// user when run as root). Each test gets a fresh, migrated database.
//
// When PostgreSQL cannot be started (initdb not installed), the PostgreSQL runs are skipped
// loudly: GTEST_SKIP with the reason, and a banner at the start and the end of the run.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/database.h"

namespace inkasso::testing {

// "sqlite" or "postgresql", the parameter of the storage test suites.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  Database& db() { return *db_; }
  std::string url() const { return url_; }

 private:
  std::unique_ptr<Database> db_;
  std::string url_;
};

// A fresh, empty (not migrated) database URL of the given backend, or "" with `why` set when
// the backend is not available.
std::string fresh_database_url(const std::string& backend, std::string* why);

#define INKASSO_INSTANTIATE_BACKENDS(Suite)                                              \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), \
                           [](const ::testing::TestParamInfo<std::string>& p) { return p.param; })

}  // namespace inkasso::testing
