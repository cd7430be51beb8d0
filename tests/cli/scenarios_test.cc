// Runs every scenario file in tests/scenarios/: a case in the engine's JSON format, and what
// the engine must answer. A domain expert can read and extend these without reading C++; see
// tests/scenarios/README.md for the format.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/case_file.h"
#include "cli/case_output.h"
#include "core/calculators.h"
#include "core/engine.h"
#include "core/rules.h"

namespace inkasso {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kScenarioDir = fs::path(INKASSO_SOURCE_DIR) / "tests" / "scenarios";

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kScenarioDir))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

json read_json(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

// Every key in `expected` must be in `actual` with a matching value; arrays must have the same
// length and match element by element. Keys absent from `expected` are not checked.
void expect_subset(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_object()) {
    ASSERT_TRUE(actual.is_object()) << path << ": expected an object, got " << actual.dump();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      ASSERT_TRUE(actual.contains(it.key()))
          << path << "." << it.key() << " missing in " << actual.dump();
      expect_subset(it.value(), actual.at(it.key()), path + "." + it.key());
    }
  } else if (expected.is_array()) {
    ASSERT_TRUE(actual.is_array()) << path << ": expected a list, got " << actual.dump();
    ASSERT_EQ(expected.size(), actual.size()) << path << ": " << actual.dump(2);
    for (size_t i = 0; i < expected.size(); ++i)
      expect_subset(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(expected, actual) << path;
  }
}

Date date_of(const json& j) {
  auto d = Date::parse(j.get<std::string>());
  EXPECT_TRUE(d.ok());
  return *d;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, MatchesExpectation) {
  json s = read_json(kScenarioDir / (GetParam() + ".json"));
  ASSERT_TRUE(s.contains("description")) << "every scenario says what it shows";
  auto file = parse_case_file(s.at("case").dump());
  ASSERT_TRUE(file.ok()) << file.error().message;
  const CaseHistory& h = file->history;
  Date as_of = s.contains("as_of") ? date_of(s["as_of"]) : *file->as_of;

  if (s.contains("expect")) {
    auto state = evaluate(h, as_of);
    ASSERT_TRUE(state.ok()) << state.error().message;
    expect_subset(s["expect"], json::parse(state_json(*state)), "expect");
  }
  if (s.contains("expect_error")) {
    auto state = evaluate(h, as_of);
    ASSERT_FALSE(state.ok());
    expect_subset(s["expect_error"],
                  json{{"code", state.error().code}, {"field", state.error().field}},
                  "expect_error");
  }
  for (const json& c : s.value("checks", json::array())) {
    auto action = parse_action(c.at("action").dump());
    ASSERT_TRUE(action.ok()) << action.error().message;
    Status st = check_new_action(h, *action);
    json got = json::parse(check_json(st));
    expect_subset(c.at("expect"), got, "checks");
    if (!st.ok()) {
      EXPECT_FALSE(st.error().message.empty());
    }
  }
  if (s.contains("plan")) {
    auto plan = plan_remaining_steps(h, as_of);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    expect_subset(s["plan"], json::parse(plan_json(as_of, *plan))["steps"], "plan");
  }
  if (s.contains("agreement")) {
    const json& a = s["agreement"];
    AgreementTerms t;
    t.agreed_on = as_of;
    t.instalment = *Money::parse(a.at("instalment").get<std::string>());
    t.first_date = date_of(a.at("first_date"));
    if (a.contains("down_payment")) {
      t.down_payment = *Money::parse(a["down_payment"].get<std::string>());
      t.down_date = date_of(a.at("down_date"));
    }
    t.interest_free = a.value("interest_free", false);
    auto schedule = agreement_schedule(h, t);
    ASSERT_TRUE(schedule.ok()) << schedule.error().message;
    auto suggested = suggest_instalment(h, t);
    ASSERT_TRUE(suggested.ok()) << suggested.error().message;
    expect_subset(a.at("expect"), json::parse(schedule_json(*schedule, *suggested)), "agreement");
  }
  if (s.contains("settlement")) {
    const json& q = s["settlement"];
    int32_t bp = q.contains("discount_percent") ? q["discount_percent"].get<int32_t>() * 100 : 0;
    std::optional<Date> deadline, court;
    if (q.contains("deadline")) deadline = date_of(q["deadline"]);
    if (q.contains("court_date")) court = date_of(q["court_date"]);
    auto quote = settlement_quote(h, as_of, bp, deadline, court);
    ASSERT_TRUE(quote.ok()) << quote.error().message;
    expect_subset(q.at("expect"), json::parse(quote_json(*quote)), "settlement");
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Scenario, ::testing::ValuesIn(scenario_names()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param;
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace inkasso
