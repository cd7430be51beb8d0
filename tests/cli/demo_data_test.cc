// `inkasso demo-data` as a user runs it: a real process on a fresh data directory.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/cli/run_cli.h"

namespace {

namespace fs = std::filesystem;

using inkasso::testing::Outcome;
using inkasso::testing::slurp;

// The number after `label` in the "Totals:" line, e.g. total(out, "cases") for "20 cases".
long total(const std::string& out, const std::string& label) {
  std::smatch m;
  std::regex totals("Totals: ([0-9]+) debtors, ([0-9]+) cases \\(([0-9]+) open\\), ([0-9]+) due");
  if (!std::regex_search(out, m, totals)) return -1;
  if (label == "debtors") return std::stol(m[1]);
  if (label == "cases") return std::stol(m[2]);
  if (label == "open") return std::stol(m[3]);
  if (label == "due") return std::stol(m[4]);
  return -1;
}

class DemoData : public inkasso::testing::CliProcessTest {
 protected:
  // Without INKASSO_SECRET_KEY, so the key file in the data directory is used.
  Outcome run(const std::string& args) {
    return CliProcessTest::run(args, "env -u INKASSO_SECRET_KEY");
  }

  std::string data() const { return (dir_ / "data").string(); }
};

TEST_F(DemoData, CreatesTheLoginAndCasesOnceAndAddsGeneratedCases) {
  Outcome first = run("demo-data --data-dir " + data() + " --today 2026-11-23");
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_NE(first.out.find("e-mail:   demo@inkasso.dk"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("password: demo-inkasso-2026"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("Demo Tømrer ApS (CVR 27355021)"), std::string::npos) << first.out;
  EXPECT_EQ(total(first.out, "debtors"), 12) << first.out;
  EXPECT_EQ(total(first.out, "cases"), 20) << first.out;
  EXPECT_GT(total(first.out, "due"), 3) << first.out;    // the cases waiting for a step
  EXPECT_LT(total(first.out, "open"), 20) << first.out;  // paid and closed ones are not open
  EXPECT_TRUE(first.err.empty()) << first.err;

  // The key that sealed the CPR numbers and portal passwords: 64 hex digits, owner only.
  fs::path key = fs::path(data()) / "secret.key";
  ASSERT_TRUE(fs::exists(key));
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_TRUE(std::regex_match(slurp(key), std::regex("[0-9a-f]{64}\n")));

  // Again: the same login and the same counts, nothing duplicated.
  Outcome second = run("demo-data --data-dir " + data() + " --today 2026-11-23");
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  EXPECT_NE(second.out.find("password: demo-inkasso-2026"), std::string::npos);
  EXPECT_NE(second.out.find("nothing duplicated"), std::string::npos) << second.out;
  EXPECT_EQ(total(second.out, "debtors"), 12);
  EXPECT_EQ(total(second.out, "cases"), 20);
  EXPECT_EQ(total(second.out, "open"), total(first.out, "open"));
  EXPECT_EQ(total(second.out, "due"), total(first.out, "due"));

  // --cases 50: 50 generated cases more, for 5 more debtors.
  Outcome bulk = run("demo-data --data-dir " + data() + " --today 2026-11-23 --cases 50");
  ASSERT_EQ(bulk.exit_code, 0) << bulk.err << bulk.out;
  EXPECT_NE(bulk.out.find("Generated: 50 cases"), std::string::npos) << bulk.out;
  EXPECT_EQ(total(bulk.out, "cases"), 70) << bulk.out;
  EXPECT_EQ(total(bulk.out, "debtors"), 17) << bulk.out;
}

TEST_F(DemoData, RefusesABadDate) {
  Outcome r = run("demo-data --data-dir " + data() + " --today 2026-13-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--today"), std::string::npos) << r.err;
}

TEST_F(DemoData, PostgresqlNeedsTheKeyFromTheEnvironment) {
  // No data directory to keep a key in: the secret must come from the environment, and the
  // command says so before it connects anywhere.
  Outcome r = run("demo-data --db postgresql://nobody@127.0.0.1:1/none");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("INKASSO_SECRET_KEY"), std::string::npos) << r.err;
}

}  // namespace
