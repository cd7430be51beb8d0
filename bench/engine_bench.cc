// The engine's throughput (issue 2: at least 1,000,000 evaluations per second on one core).
//
// 1,000,000 cases of the benchmark's shape (3 claims, 2 payments, 6 actions over 3 years
// between 2019 and 2026, so reference-rate changes and leap years are crossed) are generated
// once, outside the timed loops; `evaluate` then runs over them round-robin, each on its own
// as-of date. The calculators, which evaluate many times per call, run on a smaller set.
// See bench/README.md for how to run it and the figures measured.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/calculators.h"
#include "core/engine.h"
#include "core/rules.h"
#include "testing/random_case.h"

namespace inkasso {
namespace {

constexpr uint64_t kSeedBase = 0xBE7C'0000'0000'0000ULL;

struct Corpus {
  std::vector<CaseHistory> cases;
  std::vector<Date> as_of;  // a month after each case's last event
};

Date last_event(const CaseHistory& h) {
  Date d = h.claims.front().due_date;
  for (const Claim& c : h.claims) d = std::max(d, c.due_date);
  for (const CreditNote& n : h.credit_notes) d = std::max(d, n.date);
  for (const Payment& p : h.payments) d = std::max(d, p.date);
  for (const Action& a : h.actions) d = std::max(d, a.date);
  return d;
}

Corpus make_corpus(size_t n, int unlawful_percent = -1) {
  Corpus c;
  c.cases.reserve(n);
  c.as_of.reserve(n);
  testing::RandomCaseShape shape = testing::bench_shape();
  if (unlawful_percent >= 0) shape.unlawful_percent = unlawful_percent;
  for (size_t i = 0; i < n; ++i) {
    c.cases.push_back(testing::random_case(kSeedBase + i, shape));
    c.as_of.push_back(last_event(c.cases.back()) + static_cast<int32_t>(i % 61));
  }
  return c;
}

// Built on first use and kept for the whole run (about 1 KB a case).
const Corpus& big_corpus() {
  static const Corpus c = make_corpus(1'000'000);
  return c;
}
// The same shape with no unlawful action (so no adjustment): cases made with the product.
const Corpus& lawful_corpus() {
  static const Corpus c = make_corpus(200'000, 0);
  return c;
}
const Corpus& small_corpus() {
  static const Corpus c = make_corpus(10'000);
  return c;
}

// `evaluate` over a corpus, round-robin, each case on its own as-of date.
void evaluate_round_robin(benchmark::State& state, const Corpus& c) {
  const size_t n = c.cases.size();
  size_t i = 0;
  for (auto _ : state) {
    auto r = evaluate(c.cases[i], c.as_of[i]);
    benchmark::DoNotOptimize(r);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["cases"] = static_cast<double>(n);
}

void BM_Evaluate(benchmark::State& state) {
  evaluate_round_robin(state, big_corpus());
}
BENCHMARK(BM_Evaluate);

void BM_EvaluateLawfulOnly(benchmark::State& state) {
  evaluate_round_robin(state, lawful_corpus());
}
BENCHMARK(BM_EvaluateLawfulOnly);

// Round-robin over 10,000 cases: small enough to run under callgrind, whose instruction count
// per evaluation is a figure that does not move with the machine's load:
//   valgrind --tool=callgrind --toggle-collect='inkasso::evaluate*'
//     build-release/inkasso_bench --benchmark_filter=BM_EvaluateSmallCorpus
//     --benchmark_min_time=0.2
void BM_EvaluateSmallCorpus(benchmark::State& state) {
  evaluate_round_robin(state, small_corpus());
}
BENCHMARK(BM_EvaluateSmallCorpus);

// One case over and over: the cost without cache misses on the corpus.
void BM_EvaluateOneCase(benchmark::State& state) {
  const Corpus& c = small_corpus();
  for (auto _ : state) {
    auto r = evaluate(c.cases[7], c.as_of[7]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateOneCase);

// validate_history alone: the part of every evaluation spent on checking the input.
void BM_ValidateHistory(benchmark::State& state) {
  const Corpus& c = big_corpus();
  const size_t n = c.cases.size();
  size_t i = 0;
  for (auto _ : state) {
    auto r = validate_history(c.cases[i]);
    benchmark::DoNotOptimize(r);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateHistory);

// A lawful reminder with the maximum fee, a little after the last action.
void BM_CheckNewAction(benchmark::State& state) {
  const Corpus& c = small_corpus();
  std::vector<Action> actions;
  for (size_t i = 0; i < c.cases.size(); ++i) {
    Action a;
    a.type = ActionType::reminder;
    a.date = c.as_of[i];
    a.fee = Money::from_kroner(100);
    actions.push_back(a);
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = check_new_action(c.cases[i], actions[i]);
    benchmark::DoNotOptimize(r);
    if (++i == c.cases.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckNewAction);

void BM_PlanRemainingSteps(benchmark::State& state) {
  const Corpus& c = small_corpus();
  size_t i = 0;
  for (auto _ : state) {
    auto r = plan_remaining_steps(c.cases[i], c.as_of[i]);
    benchmark::DoNotOptimize(r);
    if (++i == c.cases.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlanRemainingSteps);

// A schedule of about 12 monthly instalments from the day after the last action.
void BM_AgreementSchedule(benchmark::State& state) {
  const Corpus& c = small_corpus();
  std::vector<AgreementTerms> terms;
  std::vector<size_t> usable;
  for (size_t i = 0; i < c.cases.size(); ++i) {
    AgreementTerms t;
    t.agreed_on = c.as_of[i];
    t.first_date = suggest_first_instalment_date(t.agreed_on);
    auto s = evaluate(c.cases[i], t.agreed_on);
    Money owed = s ? s->outstanding.total() : Money::zero();
    // 1/11 of the debt in whole tens of kroner: a year's instalments with room for interest.
    t.instalment = Money::from_ore(std::max<int64_t>(1, owed.ore() / 11 / 1000 + 1) * 1000);
    terms.push_back(t);
    if (agreement_schedule(c.cases[i], t).ok()) usable.push_back(i);
  }
  if (usable.empty()) {
    state.SkipWithError("no case takes an agreement");
    return;
  }
  size_t k = 0;
  int64_t rows = 0;
  for (auto _ : state) {
    const size_t i = usable[k];
    auto r = agreement_schedule(c.cases[i], terms[i]);
    benchmark::DoNotOptimize(r);
    if (r) rows += static_cast<int64_t>(r->rows.size());
    if (++k == usable.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rows_per_schedule"] =
      static_cast<double>(rows) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_AgreementSchedule);

}  // namespace
}  // namespace inkasso

BENCHMARK_MAIN();
