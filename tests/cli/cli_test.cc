// The `inkasso` command as a user runs it: a real process, real files, exit codes and output.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli/run_cli.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using inkasso::testing::Outcome;

class Cli : public inkasso::testing::CliProcessTest {
 protected:
  fs::path write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }

  std::string example() { return std::string(INKASSO_SOURCE_DIR) + "/examples/case.json"; }
};

// A minimal valid case, to vary one field at a time.
const char* kCase = R"({
  "as_of": "2025-03-01",
  "debtor": {"kind": "person"},
  "claims": [{"ref": "F-1", "invoice_date": "2025-01-01", "due_date": "2025-01-15", "amount": "1000.00"}]
})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kCase;
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST_F(Cli, EvalPrintsTheIssuesWorkedExample) {
  Outcome r = run("case eval " + example());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["outstanding"]["total"], "1804.12");
  EXPECT_EQ(j["next_action"]["type"], "collection_demand");
  EXPECT_TRUE(r.err.empty());
}

TEST_F(Cli, AsOfOptionOverridesTheFile) {
  // Before the payment of 2025-03-10: nothing paid yet.
  Outcome r = run("case eval " + example() + " --as-of 2025-03-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["paid"], "0.00");
}

void expect_invalid(const Outcome& r, const std::string& field) {
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  // One clear line naming the field.
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(field), std::string::npos) << r.err;
}

TEST_F(Cli, InvalidInputExitsTwoWithOneLineNamingTheField) {
  expect_invalid(run("case eval " + write("a.json", with("\"1000.00\"", "\"10.001\"")).string()),
                 "claims[0].amount");
  expect_invalid(
      run("case eval " + write("b.json", with("\"2025-01-15\"", "\"2025-02-30\"")).string()),
      "claims[0].due_date");
  expect_invalid(run("case eval " + write("c.json", with("\"as_of\"", "\"as_off\"")).string()),
                 "as_off: unknown key");
  expect_invalid(run("case eval " + write("d.json", with("\"person\"", "\"alien\"")).string()),
                 "debtor.kind");
  expect_invalid(run("case eval " + write("e.json", "{\"debtor\": ").string()), "not valid JSON");
  expect_invalid(run("case eval " + write("f.json", with("\"1000.00\"", "1000")).string()),
                 "claims[0].amount");
  expect_invalid(run("case eval " + (dir_ / "missing.json").string()), "cannot be read");
  expect_invalid(run("case eval " + example() + " --as-of 2025-13-01"), "--as-of");
  expect_invalid(run("case eval"), "FILE");
  expect_invalid(
      run("case eval " + write("g.json", with("\"claims\": [",
                                              "\"actions\": [{\"type\": \"letter\", \"date\": "
                                              "\"2025-02-01\", \"fee\": \"1.00\"}], \"claims\": ["))
                             .string()),
      "actions[0].fee");
}

TEST_F(Cli, ErrorsStayOneLineWhateverTheInput) {
  // Found by the fuzzer: a JSON-escaped newline inside a bad value was echoed raw.
  Outcome r = run("case check " + example() +
                  " --action '{\"type\": \"fundament\", \"date\": \"40\\nererklaering\"}'");
  expect_invalid(r, "action.date");
  EXPECT_NE(r.err.find("\\n"), std::string::npos) << r.err;
}

TEST_F(Cli, CheckRefusesWithRuleAndDanishReason) {
  fs::path f = write("c.json", with("\"claims\"",
                                    "\"actions\": [{\"type\": \"reminder\", \"date\": "
                                    "\"2025-01-18\", \"fee\": \"100.00\"}], \"claims\""));
  Outcome r =
      run("case check " + f.string() +
          " --action '{\"type\": \"reminder\", \"date\": \"2025-01-20\", \"fee\": \"100.00\"}'");
  EXPECT_EQ(r.exit_code, 3);
  json j = json::parse(r.out);
  EXPECT_EQ(j["allowed"], false);
  EXPECT_EQ(j["rule"], "reminder_fee_spacing");
  EXPECT_NE(j["message"].get<std::string>().find("10 dage"), std::string::npos);

  Outcome ok =
      run("case check " + f.string() +
          " --action '{\"type\": \"reminder\", \"date\": \"2025-01-28\", \"fee\": \"100.00\"}'");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(json::parse(ok.out)["allowed"], true);
}

TEST_F(Cli, PlanListsRemainingSteps) {
  Outcome r = run("case plan " + example());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json steps = json::parse(r.out)["steps"];
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0]["type"], "collection_demand");
  EXPECT_EQ(steps[2]["type"], "payment_order");
}

TEST_F(Cli, AgreementPrintsTheSchedule) {
  // No interest: 1000.00 in 300.00 instalments after a 100.00 down payment: 300, 300, 300.
  fs::path f =
      write("a.json", with("\"claims\"", "\"interest\": {\"kind\": \"none\"}, \"claims\""));
  Outcome r =
      run("agreement " + f.string() +
          " --instalment 300.00 --first 2025-04-01 --down-payment 100.00 --down-date 2025-03-10");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["instalments"], 3);
  EXPECT_EQ(j["last_date"], "2025-06-01");
  EXPECT_EQ(j["schedule"][0]["amount"], "100.00");
  EXPECT_EQ(j["schedule"][3]["amount"], "300.00");
  EXPECT_EQ(j["total_paid"], "1000.00");

  Outcome free =
      run("agreement " + example() + " --instalment 500.00 --first 2025-07-01 --interest-free");
  ASSERT_EQ(free.exit_code, 0) << free.err;
  EXPECT_EQ(json::parse(free.out)["total_interest"], "0.00");

  expect_invalid(run("agreement " + f.string() + " --instalment 0.00 --first 2025-04-01"),
                 "instalment");
  expect_invalid(run("agreement " + f.string() + " --instalment 300.00 --first 2025-02-01"),
                 "first_date");
}

TEST_F(Cli, MigrateCreatesTheDatabaseOnceAndIsIdempotent) {
  fs::path data = dir_ / "var";
  Outcome first = run("migrate --data-dir " + data.string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(fs::exists(data / "inkasso.db"));
  Outcome again = run("migrate --data-dir " + data.string());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(first.out, again.out);
  expect_invalid(run("migrate --db mysql://localhost/x"), "--db");
  // An unreachable server: one line, no crash.
  expect_invalid(run("migrate --db postgresql://nobody@127.0.0.1:1/x"), "PostgreSQL");
}

TEST_F(Cli, SettlementQuotes) {
  Outcome r = run("settlement " + example() + " --discount 25 --deadline 2025-06-20");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  // 1804.12 x 0.75 = 1353.09
  EXPECT_EQ(j["offered_amount"], "1353.09");
  EXPECT_EQ(j["deadline"], "2025-06-20");
}

}  // namespace
