// The storage figures of issue 3, on SQLite and PostgreSQL (bench/README.md, "Storage"):
//
//   inkasso_store_bench [--db URL | --data-dir DIR] [--cases 100000] [--opens 2000]
//                       [--today YYYY-MM-DD] [--use-case-sample 300]
//
// Creates the demo account and `--cases` generated cases in it (inkasso demo-data's generator:
// about 10 events a case, one debtor per 10 cases) and prints, one line each: the bulk creation
// rate; opening a case (get_case: load + evaluate) p50/p99 over `--opens` random cases; the
// follow-up list (list_due_for_follow_up) over the whole account; search_cases by a debtor's
// name; and, last, the rate of the same generated cases written through the use cases one call
// per event (`--use-case-sample` more cases; 0 to skip). Without --db and --data-dir it works in
// a temporary SQLite file, removed at the end. Give it an empty database: the figures are for
// exactly the cases it creates.
//
// Goals (issue 3): open a case in under 2 ms p99 on SQLite; list 100,000 cases' follow-up
// status in under 1 s.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/cases.h"
#include "app/context.h"
#include "app/secrets.h"
#include "bench_support.h"
#include "cli/demo_data.h"
#include "store/database.h"

namespace inkasso {
namespace {

using bench::median;
using bench::ms_since;
using bench::percentile;
using Clock = bench::Steady;

int usage(const char* why) {
  std::cerr << "error: " << why
            << "\nusage: inkasso_store_bench [--db URL | --data-dir DIR] [--cases N] [--opens N] "
               "[--today YYYY-MM-DD] [--use-case-sample N]\n";
  return 2;
}

int run(int argc, char** argv) {
  std::string db_url, data_dir, today_text;
  int64_t cases = 100'000, opens = 2'000, use_case_sample = 300;
  bench::Options args(argc, argv);
  args.text("--db", db_url);
  args.text("--data-dir", data_dir);
  args.text("--today", today_text);
  args.number("--cases", cases);
  args.number("--opens", opens);
  args.number("--use-case-sample", use_case_sample);
  if (!args.unknown().empty()) return usage(("unknown argument " + args.unknown()).c_str());
  if (cases < 1 || opens < 1 || use_case_sample < 0) return usage("counts must be positive");

  SystemClock system;
  Date today = system.today();
  if (!today_text.empty()) {
    auto d = Date::parse(today_text);
    if (!d) return usage("--today: expected YYYY-MM-DD");
    today = *d;
  }
  const int64_t now_unix = int64_t{today.days()} * 86'400 + 11 * 3'600;
  FixedClock clock(now_unix, today);

  auto opened = bench::BenchDatabase::open(db_url, data_dir, "store-bench");
  if (!opened) return usage(opened.error().message.c_str());
  Database& db = (*opened)->db();
  const bool sqlite = (*opened)->sqlite();
  auto box = SecretBox::from_environment();
  if (!box) box = SecretBox::from_hex(SecretBox::generate_hex_key());

  std::printf("backend            %s, today %s, %lld generated cases\n",
              sqlite ? "SQLite" : "PostgreSQL", today.to_iso().c_str(),
              static_cast<long long>(cases));

  // ---- The data set.
  DemoDataOptions options;
  options.today = today;
  options.now_unix = now_unix;
  options.bulk_cases = cases;
  auto made = create_demo_data(db, *box, options);
  if (!made) return usage(made.error().message.c_str());
  const DemoDataReport& r = *made;
  const Actor actor{r.user_id};
  const int64_t account = r.account_id;
  std::printf("bulk debtors       %lld in %.1f s: %.0f debtors/s (create_debtor, one per call)\n",
              static_cast<long long>(r.bulk.debtors), r.bulk.debtor_seconds,
              static_cast<double>(r.bulk.debtors) / r.bulk.debtor_seconds);
  std::printf(
      "bulk cases         %lld cases, %lld events (%.1f a case) in %.1f s: %.0f cases/s "
      "(insert_case, one transaction a case)\n",
      static_cast<long long>(r.bulk.cases), static_cast<long long>(r.bulk.events),
      static_cast<double>(r.bulk.events) / static_cast<double>(r.bulk.cases), r.bulk.case_seconds,
      static_cast<double>(r.bulk.cases) / r.bulk.case_seconds);
  std::printf("account            %lld cases (%lld open), %lld debtors\n",
              static_cast<long long>(r.cases), static_cast<long long>(r.open_cases),
              static_cast<long long>(r.debtors));
  if (sqlite) {
    std::error_code ec;
    auto size = std::filesystem::file_size((*opened)->url().substr(7), ec);
    if (!ec) std::printf("database file      %.0f MB\n", static_cast<double>(size) / 1e6);
  }

  // ---- Opening a case: get_case (two queries, then the engine), random cases.
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int64_t> number(1, r.cases);
  auto open_one = [&]() {
    auto start = Clock::now();
    auto view = get_case(db, clock, actor, account, number(rng));
    double ms = ms_since(start);
    if (!view) {
      std::fprintf(stderr, "get_case: %s\n", view.error().message.c_str());
      std::exit(1);
    }
    return ms;
  };
  for (int i = 0; i < 200; ++i) open_one();  // warm the caches and the pool
  std::vector<double> open_ms;
  for (int64_t i = 0; i < opens; ++i) open_ms.push_back(open_one());
  std::printf(
      "open case          p50 %.3f ms, p99 %.3f ms, max %.3f ms over %lld random cases "
      "(goal on SQLite: p99 < 2 ms)\n",
      percentile(open_ms, 50), percentile(open_ms, 99), percentile(open_ms, 100),
      static_cast<long long>(opens));

  // ---- The follow-up list of the whole account.
  std::vector<double> list_ms;
  size_t due = 0;
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    auto list = list_due_for_follow_up(db, actor, account, today);
    list_ms.push_back(ms_since(start));
    if (!list) return usage(list.error().message.c_str());
    due = list->size();
  }
  std::printf(
      "follow-up list     median %.0f ms, min %.0f ms over 5 runs: %zu of %lld cases due "
      "(goal: < 1000 ms)\n",
      median(list_ms), *std::min_element(list_ms.begin(), list_ms.end()), due,
      static_cast<long long>(r.cases));

  // ---- Searching cases by the debtor's name: a common surname, and one debtor's full name.
  for (const char* text : {"Jensen", "Birthe Mølgaard"}) {
    CaseQuery q;
    q.text = text;
    q.limit = 50;
    std::vector<double> ms;
    int64_t total = 0;
    for (int i = 0; i < 5; ++i) {
      auto start = Clock::now();
      auto page = search_cases(db, actor, account, q);
      ms.push_back(ms_since(start));
      if (!page) return usage(page.error().message.c_str());
      total = page->total;
    }
    std::printf(
        "search by name     \"%s\": median %.1f ms over 5 runs (first page of 50, %lld "
        "matches)\n",
        text, median(ms), static_cast<long long>(total));
  }

  // ---- For comparison: the same kind of cases through the use cases, one call per event.
  if (use_case_sample > 0) {
    auto sample = create_bulk_cases(db, *box, actor, account, today, now_unix, use_case_sample, 7,
                                    BulkMode::use_cases);
    if (!sample) return usage(sample.error().message.c_str());
    std::printf(
        "use-case writes    %lld cases, %lld events in %.1f s: %.0f cases/s, %.0f "
        "events/s (create_case + one use case per event)\n",
        static_cast<long long>(sample->cases), static_cast<long long>(sample->events),
        sample->case_seconds, static_cast<double>(sample->cases) / sample->case_seconds,
        static_cast<double>(sample->events) / sample->case_seconds);
  }

  return 0;
}

}  // namespace
}  // namespace inkasso

int main(int argc, char** argv) {
  try {
    return inkasso::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
