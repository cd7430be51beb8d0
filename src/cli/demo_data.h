// `inkasso demo-data`: a demo login with an account full of realistic cases, for a newcomer to
// click through, and (with --cases N) a large generated data set for benchmarks
// (bench/store_bench.cc).
//
// Everything is made through the use cases (src/app) as a user would have made it: the user
// signs up, creates the account and the debtors, creates cases and takes the engine's suggested
// steps, each on its own date (a clock that walks through the past), so the histories, time
// stamps and list caches are what the product itself writes. The bulk cases are the one
// exception, for speed: their histories are built in memory, every action checked with the
// engine's check_new_action exactly as add_action does, and each case is written with
// case_store's insert_case (one transaction per case) after one role check for the whole batch.
//
// Idempotent: the demo user is reused when it exists (with the demo password), and the demo
// account, debtors and cases are made only once. The bulk cases are added on every run.
#pragma once

#include <cstdint>
#include <string>

#include "app/context.h"
#include "app/secrets.h"
#include "core/date.h"
#include "core/result.h"
#include "store/database.h"

namespace inkasso {

inline constexpr const char* kDemoEmail = "demo@inkasso.dk";
inline constexpr const char* kDemoPassword = "demo-inkasso-2026";
inline constexpr const char* kDemoAccountName = "Demo Tømrer ApS";
inline constexpr const char* kDemoAccountCvr = "27355021";

// How the bulk cases are written.
enum class BulkMode {
  insert_case,  // built in memory, one insert_case per case (fast)
  use_cases,    // create_case, then one use-case call per later event (as the web would)
};

struct DemoDataOptions {
  Date today;            // the cases stand at every stage relative to this day
  int64_t now_unix = 0;  // "now", for what is created today
  int64_t bulk_cases = 0;
  BulkMode bulk_mode = BulkMode::insert_case;
  uint64_t seed = 20261123;  // the bulk generator's seed (the same seed, the same cases)
};

struct BulkReport {
  int64_t cases = 0;
  int64_t events = 0;
  int64_t debtors = 0;
  double debtor_seconds = 0;  // creating the debtors (create_debtor, one per call)
  double case_seconds = 0;    // creating the cases
};

struct DemoDataReport {
  int64_t user_id = 0;
  int64_t account_id = 0;
  bool user_created = false;
  bool demo_cases_created = false;  // false: the demo cases were there already
  BulkReport bulk;
  // The account's totals after the run.
  int64_t debtors = 0;
  int64_t cases = 0;
  int64_t open_cases = 0;
  int64_t due_for_follow_up = 0;  // list_due_for_follow_up on `today`
};

// Migrates nothing (the caller does); creates what is missing. Errors: a use case's error, or
// "demo_user" when demo@inkasso.dk exists with another password. Database failures throw.
Result<DemoDataReport> create_demo_data(Database& db, const SecretBox& box,
                                        const DemoDataOptions& options);

// `n` generated cases (about 10 events each) for `n / 10` new debtors in the account, which
// `actor` must be a case handler of. Used by create_demo_data and the storage benchmark.
Result<BulkReport> create_bulk_cases(Database& db, const SecretBox& box, const Actor& actor,
                                     int64_t account_id, Date today, int64_t now_unix, int64_t n,
                                     uint64_t seed, BulkMode mode = BulkMode::insert_case);

}  // namespace inkasso
