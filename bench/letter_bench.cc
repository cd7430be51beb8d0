// Letters rendered to PDF per second: `letter_bench [seconds] [threads]`.
//
// Renders one-page reminders (the default template, the sample creditor with the product's
// logo, a realistic case) as separate PDFs, as the dispatch worker does, for about `seconds`
// (default 3) on each of `threads` threads (default 1), and prints letters per second in total
// and per thread. Also times building the letter's data from the case (the engine), and a
// three-page collection notice. Goal (issue 5): at least 200 one-page letters per second per
// core.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <thread>
#include <vector>

#include "core/case_model.h"
#include "docs/letter_data.h"
#include "docs/letter_pdf.h"
#include "docs/sample_letters.h"
#include "docs/templates.h"

namespace {

using namespace inkasso;
using Clock = std::chrono::steady_clock;

// Case `variant` differs from the others in its amounts, invoice numbers, debtor and case
// number, as a batch of real letters does.
CaseHistory sample_case(int variant) {
  CaseHistory h;
  h.debtor = DebtorKind::company;
  h.claims.push_back({"Faktura 2026-" + std::to_string(117 + variant), Date::ymd(2026, 1, 5),
                      Date::ymd(2026, 2, 4), Money::from_ore(1'000'000 + 1'337 * variant)});
  h.claims.push_back({"Faktura 2026-131", Date::ymd(2026, 1, 12), Date::ymd(2026, 2, 11),
                      Money::from_ore(247'750)});
  Action r1;
  r1.type = ActionType::reminder;
  r1.date = Date::ymd(2026, 2, 14);
  r1.fee = Money::from_kroner(100);
  r1.compensation = true;
  h.actions.push_back(r1);
  Action notice = r1;
  notice.type = ActionType::collection_notice;
  notice.date = Date::ymd(2026, 2, 26);
  notice.compensation = false;
  h.actions.push_back(notice);
  h.payments.push_back({Date::ymd(2026, 3, 2), Money::from_kroner(1'000)});
  return h;
}

LetterInput input(size_t action_index, int variant) {
  LetterInput in;
  in.history = sample_case(variant);
  in.action_index = action_index;
  in.case_number = 1042 + variant;
  in.creditor = sample_creditor();
  in.debtor = sample_debtor(DebtorKind::company);
  in.debtor.name += " " + std::to_string(variant);
  in.portal = sample_portal(in.case_number);
  return in;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of the calling thread: "per core" figures that hold on a busy machine too.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  if (seconds <= 0 || threads <= 0) {
    std::fprintf(stderr, "usage: letter_bench [seconds] [threads]\n");
    return 2;
  }

  // 500 different letters of each kind: the per-thread layout cache sees what a real batch
  // gives it (the standard texts repeat, names and amounts do not).
  constexpr int kVariants = 500;
  std::vector<LetterDocument> one_page, three_pages;
  for (int v = 0; v < kVariants; ++v) {
    auto reminder = build_letter_data(input(0, v));
    auto notice = build_letter_data(input(1, v));
    if (!reminder || !notice) {
      std::fprintf(stderr, "error: %s\n",
                   (reminder ? notice.error() : reminder.error()).message.c_str());
      return 1;
    }
    one_page.push_back({*reminder, {std::string(default_template("reminder"))}});
    LetterDocument doc{*notice, {}};
    for (const auto& k : template_keys_for(ActionType::collection_notice))
      doc.template_texts.emplace_back(default_template(k));
    three_pages.push_back(std::move(doc));
  }

  // Building the data: the engine's evaluation, the FI line.
  {
    auto start = Clock::now();
    int n = 0;
    while (seconds_since(start) < seconds / 4) {
      for (int i = 0; i < 100; ++i)
        if (!build_letter_data(input(0, i))) return 1;
      n += 100;
    }
    std::printf("letter data:          %8.0f per second\n", n / seconds_since(start));
  }

  struct Figures {
    double per_second;      // letters per wall-clock second, all threads
    double per_cpu_second;  // letters per CPU second of one thread: per core
    size_t bytes;
  };
  auto run = [&](const std::vector<LetterDocument>& docs, double duration, int thread_count) {
    std::atomic<long> total{0};
    std::atomic<size_t> bytes{0};
    std::atomic<long> cpu_us{0};
    auto start = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < thread_count; ++t) {
      pool.emplace_back([&] {
        // The first letter on a thread builds its font map; it is not counted.
        if (!render_pdf(std::span<const LetterDocument>(&docs[0], 1))) std::abort();
        long n = 0;
        auto s = Clock::now();
        double cpu0 = thread_cpu_seconds();
        while (seconds_since(s) < duration) {
          const LetterDocument& doc = docs[static_cast<size_t>(n) % docs.size()];
          auto pdf = render_pdf(std::span<const LetterDocument>(&doc, 1));
          if (!pdf) std::abort();
          bytes = pdf->size();
          ++n;
        }
        total += n;
        cpu_us += static_cast<long>((thread_cpu_seconds() - cpu0) * 1e6);
      });
    }
    for (auto& t : pool) t.join();
    double elapsed = seconds_since(start);
    double n = static_cast<double>(total.load());
    return Figures{n / elapsed, n / (static_cast<double>(cpu_us.load()) / 1e6), bytes.load()};
  };

  auto one = run(one_page, seconds, threads);
  std::printf(
      "one-page letters:     %8.0f per second on %d thread(s); %.0f per CPU second "
      "(per core); %zu bytes each\n",
      one.per_second, threads, one.per_cpu_second, one.bytes);
  auto three = run(three_pages, seconds / 2, threads);
  std::printf(
      "3-page notice+forms:  %8.0f per second on %d thread(s); %.0f per CPU second "
      "(per core); %zu bytes each\n",
      three.per_second, threads, three.per_cpu_second, three.bytes);
  return 0;
}
