// The batch follow-up figures of issue 6, on SQLite and PostgreSQL (bench/README.md,
// "Batch follow-up"):
//
//   inkasso_followup_bench [--db URL | --data-dir DIR] [--cases 100000] [--actions 10000]
//                          [--as-of YYYY-MM-DD] [--channel email_or_print] [--reuse]
//
// Makes the demo account and `--cases` more cases whose next step is due on the day (one
// debtor per four cases, half of them with an e-mail address; 1–3 invoices 40–400 days old;
// the gentle, standard and fast tracks; 0–3 of the track's steps already taken, each as the
// product suggests it on its day and checked by the engine), then prints:
//  - step 1: follow_up_preview over the whole account (the counts per group), median of 5;
//    goal under 1 s;
//  - step 2's list of the cases `--actions` takes (follow_up_cases), median of 3;
//  - executing: start_follow_up_run for `--actions` cases of every group, then
//    work_follow_up_run until none is pending: every step with its fee, checked by the engine,
//    its document (letter data, not the PDF: the worker renders later) and its sendings queued;
//    goal 10,000 in under 4 s.
// Without --db and --data-dir it works in a temporary SQLite file, removed at the end. Give it
// an empty database, or with --reuse one an earlier run set up (the set-up is then skipped; a
// run moves the cases it works a step on, so copy the set-up first and reuse the copy).
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/context.h"
#include "app/debtors.h"
#include "app/followup.h"
#include "app/secrets.h"
#include "bench_support.h"
#include "cli/demo_data.h"
#include "core/engine.h"
#include "core/rules.h"
#include "core/suggested_action.h"
#include "store/case_store.h"
#include "store/database.h"

namespace inkasso {
namespace {

using bench::median;
using bench::ms_since;
using bench::Steady;

int usage(const std::string& why) {
  std::fprintf(stderr,
               "error: %s\nusage: inkasso_followup_bench [--db URL | --data-dir DIR] [--cases N] "
               "[--actions N] [--as-of YYYY-MM-DD] [--channel CHANNEL] [--reuse]\n",
               why.c_str());
  return 2;
}

// A case whose next step is due on `as_of`, or nullopt when the drawn one is not (the caller
// draws again).
std::optional<CaseHistory> due_case(std::mt19937_64& rng, DebtorKind kind, Date as_of) {
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  CaseHistory h;
  h.debtor = kind;
  h.track = std::array{Track::gentle, Track::standard, Track::fast}[between(0, 2)];
  h.interest.kind = InterestKind::procesrente;
  const int claims = between(1, 3);
  for (int i = 0; i < claims; ++i) {
    Date invoice = as_of - between(40, 400);
    h.claims.push_back(Claim{"F-" + std::to_string(between(10'000, 99'999)), invoice,
                             invoice + between(8, 30),
                             Money::from_ore(between(500, 50'000) * 100)});
  }
  std::sort(h.claims.begin(), h.claims.end(),
            [](const Claim& a, const Claim& b) { return a.invoice_date < b.invoice_date; });
  // The track's steps already taken, each on its day as the product suggests it.
  const int taken = between(0, 3);
  for (int i = 0; i < taken; ++i) {
    auto state = evaluate(h, as_of);
    if (!state || !state->follow_up_due) break;
    Action a =
        suggested_action(h, state->next_action->type, state->track, state->next_action->date);
    if (!check_new_action(h, a)) break;
    h.actions.push_back(a);
  }
  auto state = evaluate(h, as_of);
  if (!state || !state->follow_up_due) return std::nullopt;
  return h;
}

// The bench's data set: `cases` cases whose next step is due on the clock's day, for one
// debtor per four cases.
Status make_due_cases(Database& db, const FixedClock& clock, const SecretBox& box,
                      const Actor& actor, int64_t account, int64_t cases, bool sqlite) {
  const Date as_of = clock.today();
  const int64_t now_unix = clock.now_unix();
  auto started = Steady::now();
  std::mt19937_64 rng(20261124);
  std::vector<std::pair<int64_t, DebtorKind>> debtors;
  const int64_t debtor_count = std::max<int64_t>(1, cases / 4);
  for (int64_t i = 0; i < debtor_count; ++i) {
    DebtorInput d;
    d.kind = i % 5 < 3 ? DebtorKind::company : DebtorKind::person;
    d.name = (d.kind == DebtorKind::company ? "Bench Firma " : "Bench Person ") + std::to_string(i);
    if (d.kind == DebtorKind::company) d.cvr = "27355021";  // a valid check digit; repeats
    d.customer_no = "B" + std::to_string(i);
    if (i % 2 == 0) d.email = "skyldner" + std::to_string(i) + "@example.dk";
    d.street = "Benchvej " + std::to_string(1 + i % 200);
    d.postal_code = "8000";
    d.city = "Aarhus C";
    auto id = create_debtor(db, clock, box, actor, account, d);
    if (!id) return make_error("bench", "create_debtor: " + id.error().message);
    debtors.emplace_back(*id, d.kind);
  }
  int64_t events = 0;
  {
    soci::session sql(db.pool());
    if (!sqlite) sql << "SET synchronous_commit = off";  // set-up only; see bench/README.md
    const ChangeContext ctx{actor.user_id, now_unix, as_of};
    for (int64_t i = 0; i < cases;) {
      const auto& [debtor, kind] = debtors[static_cast<size_t>(i % debtor_count)];
      auto h = due_case(rng, kind, as_of);
      if (!h) continue;
      NewCaseRecord record;
      record.account_id = account;
      record.debtor_id = debtor;
      record.portal_password_sealed_hex = to_hex(box.seal(random_password()));
      record.settings = *h;
      for (const Claim& c : h->claims) record.events.emplace_back(c);
      for (const Action& a : h->actions) record.events.emplace_back(a);
      events += static_cast<int64_t>(record.events.size());
      auto created = insert_case(sql, record, ctx);
      if (!created) return make_error("bench", "insert_case: " + created.error().message);
      ++i;
    }
    if (!sqlite) sql << "RESET synchronous_commit";
  }
  std::printf("set-up           %lld due cases (%lld events) for %lld debtors in %.1f s\n",
              static_cast<long long>(cases), static_cast<long long>(events),
              static_cast<long long>(debtor_count), ms_since(started) / 1000);
  return {};
}

int run(int argc, char** argv) {
  std::string db_url, data_dir, as_of_text = "2026-11-24", channel_text = "email_or_print";
  int64_t cases = 100'000, actions = 10'000;
  bool reuse = false;
  bench::Options args(argc, argv);
  args.text("--db", db_url);
  args.text("--data-dir", data_dir);
  args.text("--as-of", as_of_text);
  args.text("--channel", channel_text);
  args.number("--cases", cases);
  args.number("--actions", actions);
  args.flag("--reuse", reuse);
  if (!args.unknown().empty()) return usage("unknown argument " + args.unknown());
  auto as_of = Date::parse(as_of_text);
  if (!as_of) return usage("--as-of: expected YYYY-MM-DD");
  auto channel = batch_channel_from_string(channel_text);
  if (!channel) return usage("--channel: email_or_print, email, email_and_sms, print_self, ...");
  if (cases < 1 || actions < 1 || actions > kFollowUpLimitMax)
    return usage("--cases >= 1, --actions 1..100000");

  // 07:00 Danish time on the day (06:00 UTC in winter): the documents are sent at once.
  const int64_t now_unix = int64_t{as_of->days()} * 86'400 + 6 * 3'600;
  FixedClock clock(now_unix, *as_of);

  auto opened = bench::BenchDatabase::open(db_url, data_dir, "followup-bench");
  if (!opened) return usage(opened.error().message);
  Database& db = (*opened)->db();
  const bool sqlite = (*opened)->sqlite();
  auto box = SecretBox::from_environment();
  if (!box) box = SecretBox::from_hex(SecretBox::generate_hex_key());

  std::printf("backend          %s, as of %s\n", sqlite ? "SQLite" : "PostgreSQL",
              as_of->to_iso().c_str());

  // ---- The data set: the demo account, then the due cases.
  DemoDataOptions options;
  options.today = *as_of;
  options.now_unix = now_unix;
  auto made = create_demo_data(db, *box, options);
  if (!made) return usage(made.error().message);
  const Actor actor{made->user_id};
  const int64_t account = made->account_id;

  if (reuse && made->cases > cases) {
    std::printf("set-up           reused: %lld cases in the account\n",
                static_cast<long long>(made->cases));
  } else if (auto made_cases = make_due_cases(db, clock, *box, actor, account, cases, sqlite);
             !made_cases) {
    return usage(made_cases.error().message);
  }

  // ---- Step 1: the groups with their counts.
  std::vector<double> preview_ms;
  FollowUpPreview preview;
  for (int i = 0; i < 5; ++i) {
    auto start = Steady::now();
    auto p = follow_up_preview(db, actor, account, *as_of);
    preview_ms.push_back(ms_since(start));
    if (!p) return usage("follow_up_preview: " + p.error().message);
    preview = std::move(*p);
  }
  std::printf(
      "step 1           median %.0f ms, min %.0f ms over 5 runs: %d due steps in %zu groups "
      "(goal: < 1000 ms)\n",
      median(preview_ms), *std::min_element(preview_ms.begin(), preview_ms.end()), preview.total,
      preview.groups.size());
  for (const FollowUpGroup& g : preview.groups)
    std::printf("                   %-40s %6d\n", g.key.c_str(), g.count);

  // ---- Step 2's list ("Vis sager") for every group, up to --actions.
  std::vector<std::string> every;
  for (const FollowUpGroup& g : preview.groups) every.push_back(g.key);
  std::vector<double> list_ms;
  size_t listed = 0;
  for (int i = 0; i < 3; ++i) {
    auto start = Steady::now();
    auto list = follow_up_cases(db, actor, account, *as_of, every, static_cast<int>(actions));
    list_ms.push_back(ms_since(start));
    if (!list) return usage("follow_up_cases: " + list.error().message);
    listed = list->size();
  }
  std::printf("step 2 list      median %.0f ms over 3 runs: %zu cases\n", median(list_ms), listed);

  // ---- Executing: the run's items, then working them to the end.
  FollowUpOrder order;
  order.choices = every;
  order.limit = static_cast<int>(actions);
  order.channel = *channel;
  order.run_key = "bench-" + std::to_string(::getpid());  // a new run each time (--reuse)
  auto start = Steady::now();
  auto run_id = start_follow_up_run(db, clock, actor, account, *as_of, order);
  if (!run_id) return usage("start_follow_up_run: " + run_id.error().message);
  const double start_ms = ms_since(start);
  const Installation inst;
  auto work_start = Steady::now();
  for (;;) {
    auto n = work_follow_up_run(db, clock, *box, inst, actor, account, *run_id, 1000);
    if (!n) return usage("work_follow_up_run: " + n.error().message);
    if (*n == 0) break;
  }
  const double work_ms = ms_since(work_start);
  const double total_ms = ms_since(start);
  auto result = get_follow_up_run(db, actor, account, *run_id);
  if (!result) return usage("get_follow_up_run: " + result.error().message);
  long long documents = 0, sendings = 0;
  {
    soci::session sql(db.pool());
    sql << "SELECT COUNT(*) FROM documents WHERE account_id = :a", soci::use(account),
        soci::into(documents);
    sql << "SELECT COUNT(*) FROM dispatches WHERE account_id = :a", soci::use(account),
        soci::into(sendings);
  }
  std::printf(
      "execute          %d steps: start %.0f ms + work %.0f ms = %.2f s, %.0f steps/s "
      "(goal: 10,000 in < 4 s)\n",
      result->done, start_ms, work_ms, total_ms / 1000, result->done / (total_ms / 1000));
  std::printf(
      "                 %d done, %d refused, %d left out; %lld documents, %lld sendings "
      "queued; channel %s\n",
      result->done, result->refused, result->left_out, documents, sendings,
      std::string(to_string(*channel)).c_str());
  for (size_t i = 0; i < std::min<size_t>(result->problems.size(), 10); ++i) {
    const FollowUpItem& p = result->problems[i];
    std::printf("                 case %lld %s: %s\n", static_cast<long long>(p.case_number),
                p.status.c_str(), p.reason.c_str());
  }

  return result->refused == 0 ? 0 : 1;
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
