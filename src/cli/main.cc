// The `inkasso` command. Each subcommand parses its arguments, calls the core, prints JSON on
// standard output and returns an exit code: 0 done, 2 invalid input (one line on standard
// error naming the field), 3 refused by a legal rule (`case check`). Infrastructure failures are
// caught here, once, and never crash the program.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "app/context.h"
#include "app/secret_key_file.h"
#include "cli/case_file.h"
#include "cli/case_output.h"
#include "cli/demo_data.h"
#include "cli/dispatch_command.h"
#include "cli/followup_command.h"
#include "cli/operator_command.h"
#include "cli/letter_command.h"
#include "cli/serve.h"
#include "core/calculators.h"
#include "core/engine.h"
#include "core/rules.h"
#include "store/database.h"

namespace inkasso {
namespace {

constexpr int kExitInvalid = 2;
constexpr int kExitRefused = 3;

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return kExitInvalid;
}

int fail(const Error& e) {
  return fail(e.message);
}

// The only place the product's command line reads the clock: when no date is given, "as of"
// is today in Denmark. The engine itself is always handed its date.
Date today() {
  return SystemClock().today();
}

Result<CaseFile> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io", path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto file = parse_case_file(text.str());
  if (!file) return make_error(file.error().code, path + ": " + file.error().message);
  return file;
}

Result<Date> resolve_as_of(const std::string& option, const CaseFile& file) {
  if (!option.empty()) {
    auto d = Date::parse(option);
    if (!d) return make_error("invalid_input", "--as-of: " + d.error().message);
    return *d;
  }
  return file.as_of.value_or(today());
}

Result<std::optional<Date>> optional_date(const std::string& option, const char* name) {
  if (option.empty()) return std::optional<Date>();
  auto d = Date::parse(option);
  if (!d) return make_error("invalid_input", std::string(name) + ": " + d.error().message);
  return std::optional<Date>(*d);
}

Result<Money> option_money(const std::string& option, const char* name) {
  auto m = Money::parse(option);
  if (!m) return make_error("invalid_input", std::string(name) + ": " + m.error().message);
  return *m;
}

struct Options {
  std::string file, as_of, action, instalment, first, down_payment, down_date, deadline, court_date,
      discount;
  bool interest_free = false;
  std::string data_dir = "var", db_url;  // where the product keeps its data (every command)
  int64_t demo_cases = 0;                // demo-data --cases
  std::string demo_today;                // demo-data --today
};

// The database chosen by --db, or the embedded SQLite file in --data-dir.
Result<std::unique_ptr<Database>> open_database(const Options& o) {
  std::string url = o.db_url;
  if (url.empty()) {
    auto sqlite = Database::sqlite_url_for_data_dir(o.data_dir);
    if (!sqlite) return sqlite.error();
    url = *sqlite;
  }
  return Database::open(url);
}

int migrate(const Options& o) {
  auto db = open_database(o);
  if (!db) return fail(db.error());
  if (auto st = (*db)->migrate(); !st) return fail(st.error());
  auto applied = (*db)->applied_migrations();
  std::cout << "schema at migration " << (applied.empty() ? 0 : applied.back()) << "\n";
  return 0;
}

int demo_data(const Options& o) {
  if (o.demo_cases < 0) return fail("--cases: must be 0 or more");
  SystemClock clock;
  DemoDataOptions options;
  options.today = clock.today();
  options.now_unix = clock.now_unix();
  if (!o.demo_today.empty()) {
    auto d = Date::parse(o.demo_today);
    if (!d) return fail("--today: " + d.error().message);
    options.today = *d;
    options.now_unix = int64_t{d->days()} * 86'400 + 11 * 3'600;  // late morning of that day
  }
  options.bulk_cases = o.demo_cases;

  const bool embedded = o.db_url.empty();
  auto box = secret_box_for(o.data_dir, embedded);
  if (!box) return fail(box.error());
  auto db = open_database(o);
  if (!db) return fail(db.error());
  if (auto st = (*db)->migrate(); !st) return fail(st.error());
  auto report = create_demo_data(**db, *box, options);
  if (!report) return fail(report.error());

  const DemoDataReport& r = *report;
  std::cout << "Demo data ready in "
            << (embedded ? "the SQLite database in " + o.data_dir : std::string("PostgreSQL"))
            << ".\n\n"
            << "Log in with\n"
            << "  e-mail:   " << kDemoEmail << "\n"
            << "  password: " << kDemoPassword << "\n\n"
            << "Account: " << kDemoAccountName << " (CVR " << kDemoAccountCvr << ")\n";
  if (r.demo_cases_created)
    std::cout << "Created: " << (r.user_created ? "the demo user, " : "")
              << "the demo debtors and cases at every stage as of " << options.today.to_iso()
              << "\n";
  else
    std::cout << "The demo user, account and cases were there already: nothing duplicated\n";
  if (r.bulk.cases > 0) {
    std::cout << "Generated: " << r.bulk.cases << " cases (" << r.bulk.events << " events) for "
              << r.bulk.debtors << " new debtors in "
              << static_cast<int64_t>((r.bulk.debtor_seconds + r.bulk.case_seconds) * 1000)
              << " ms ("
              << static_cast<int64_t>(static_cast<double>(r.bulk.cases) /
                                      std::max(r.bulk.case_seconds, 1e-9))
              << " cases/s)\n";
  }
  std::cout << "Totals: " << r.debtors << " debtors, " << r.cases << " cases (" << r.open_cases
            << " open), " << r.due_for_follow_up << " due for follow-up on "
            << options.today.to_iso() << "\n";
  if (embedded && !std::getenv("INKASSO_SECRET_KEY"))
    std::cout << "Secret key (CPR numbers, portal passwords): " << o.data_dir << "/"
              << kSecretKeyFileName << " (keep it with the database)\n";
  return 0;
}

int case_eval(const Options& o) {
  auto file = load(o.file);
  if (!file) return fail(file.error());
  auto as_of = resolve_as_of(o.as_of, *file);
  if (!as_of) return fail(as_of.error());
  auto state = evaluate(file->history, *as_of);
  if (!state) return fail(state.error());
  std::cout << state_json(*state) << "\n";
  return 0;
}

int case_plan(const Options& o) {
  auto file = load(o.file);
  if (!file) return fail(file.error());
  auto as_of = resolve_as_of(o.as_of, *file);
  if (!as_of) return fail(as_of.error());
  auto plan = plan_remaining_steps(file->history, *as_of);
  if (!plan) return fail(plan.error());
  std::cout << plan_json(*as_of, *plan) << "\n";
  return 0;
}

int case_check(const Options& o) {
  auto file = load(o.file);
  if (!file) return fail(file.error());
  auto action = parse_action(o.action);
  if (!action) return fail("--action: " + action.error().message);
  Status status = check_new_action(file->history, *action);
  if (!status.ok() && status.error().code == "invalid_case") return fail(status.error());
  std::cout << check_json(status) << "\n";
  return status.ok() ? 0 : kExitRefused;
}

int agreement(const Options& o) {
  auto file = load(o.file);
  if (!file) return fail(file.error());
  auto as_of = resolve_as_of(o.as_of, *file);
  if (!as_of) return fail(as_of.error());
  AgreementTerms terms;
  terms.agreed_on = *as_of;
  terms.interest_free = o.interest_free;
  if (!o.down_payment.empty()) {
    auto m = option_money(o.down_payment, "--down-payment");
    if (!m) return fail(m.error());
    terms.down_payment = *m;
    auto d = optional_date(o.down_date, "--down-date");
    if (!d) return fail(d.error());
    terms.down_date = d->value_or(*as_of);
  } else if (!o.down_date.empty()) {
    return fail("--down-date: given without --down-payment");
  }
  auto first = optional_date(o.first, "--first");
  if (!first) return fail(first.error());
  terms.first_date = first->value_or(suggest_first_instalment_date(*as_of));
  auto suggested = suggest_instalment(file->history, terms);
  if (!suggested) return fail(suggested.error());
  if (!o.instalment.empty()) {
    auto m = option_money(o.instalment, "--instalment");
    if (!m) return fail(m.error());
    terms.instalment = *m;
  } else {
    terms.instalment = *suggested;
  }
  auto schedule = agreement_schedule(file->history, terms);
  if (!schedule) return fail(schedule.error());
  std::cout << schedule_json(*schedule, *suggested) << "\n";
  return 0;
}

int settlement(const Options& o) {
  auto file = load(o.file);
  if (!file) return fail(file.error());
  auto as_of = resolve_as_of(o.as_of, *file);
  if (!as_of) return fail(as_of.error());
  int32_t discount_bp = 0;
  if (!o.discount.empty()) {
    auto m = Money::parse(o.discount);  // a percentage with at most two decimals
    if (!m || m->ore() <= 0 || m->ore() >= 10'000)
      return fail("--discount: must be a percentage above 0 and below 100, such as 20");
    discount_bp = static_cast<int32_t>(m->ore());
  }
  auto deadline = optional_date(o.deadline, "--deadline");
  if (!deadline) return fail(deadline.error());
  auto court = optional_date(o.court_date, "--court-date");
  if (!court) return fail(court.error());
  auto quote = settlement_quote(file->history, *as_of, discount_bp, *deadline, *court);
  if (!quote) return fail(quote.error());
  std::cout << quote_json(*quote) << "\n";
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"inkasso: self-service debt collection for Danish creditors"};
  app.require_subcommand(1);
  Options o;
  int (*chosen)(const Options&) = nullptr;

  auto* case_cmd = app.add_subcommand("case", "Evaluate, plan or check a case file");
  case_cmd->require_subcommand(1);
  auto* eval = case_cmd->add_subcommand("eval", "Print the case's state on a date as JSON");
  auto* plan = case_cmd->add_subcommand("plan", "Print every remaining suggested step");
  auto* check = case_cmd->add_subcommand("check", "Check a new action against the law");
  for (auto* c : {eval, plan, check}) {
    c->add_option("FILE", o.file, "Case file (JSON)")->required();
    c->add_option("--as-of", o.as_of, "Date YYYY-MM-DD (default: the file's as_of, or today)");
  }
  check->add_option("--action", o.action, "The action as JSON, as in the file's actions")
      ->required();
  eval->callback([&] { chosen = case_eval; });
  plan->callback([&] { chosen = case_plan; });
  check->callback([&] { chosen = case_check; });

  auto* agree = app.add_subcommand("agreement", "Print a payment agreement's schedule");
  agree->add_option("FILE", o.file, "Case file (JSON)")->required();
  agree->add_option("--instalment", o.instalment, "Instalment, e.g. 500.00 (default: suggested)");
  agree->add_option("--first", o.first, "First instalment date YYYY-MM-DD");
  agree->add_option("--down-payment", o.down_payment, "Down payment, e.g. 1000.00");
  agree->add_option("--down-date", o.down_date, "Down payment date YYYY-MM-DD");
  agree->add_flag("--interest-free", o.interest_free, "No interest while the agreement runs");
  agree->add_option("--as-of", o.as_of, "The agreement's date (default: the file's as_of)");
  agree->callback([&] { chosen = agreement; });

  auto* settle = app.add_subcommand("settlement", "Quote a settlement offer");
  settle->add_option("FILE", o.file, "Case file (JSON)")->required();
  settle->add_option("--discount", o.discount, "Discount in percent (default 20)");
  settle->add_option("--deadline", o.deadline, "Deadline YYYY-MM-DD (default: 14 days)");
  settle->add_option("--court-date", o.court_date, "Date for the court comparison");
  settle->add_option("--as-of", o.as_of, "The offer's date (default: the file's as_of)");
  settle->callback([&] { chosen = settlement; });

  auto* mig = app.add_subcommand("migrate", "Apply the database migrations not yet applied");
  mig->callback([&] { chosen = migrate; });
  auto* demo = app.add_subcommand(
      "demo-data", "Create a demo login and account with cases at every stage (idempotent)");
  demo->add_option("--cases", o.demo_cases,
                   "Also generate N cases (about 10 events each) for benchmarks, on every run");
  demo->add_option("--today", o.demo_today,
                   "The day the demo cases are relative to (default: "
                   "today)");
  demo->callback([&] { chosen = demo_data; });
  for (auto* c : {mig, demo}) {
    c->add_option("--data-dir", o.data_dir, "Data directory for the embedded SQLite database")
        ->capture_default_str();
    c->add_option("--db", o.db_url, "postgresql://... instead of the embedded SQLite file");
  }

  ServeOptions serve_options;
  auto* serve_cmd = app.add_subcommand("serve", "Start the web application (127.0.0.1:8080)");
  serve_cmd->add_option("--data-dir", serve_options.data_dir,
                        "Data directory for the embedded SQLite database")
      ->capture_default_str();
  serve_cmd->add_option("--db", serve_options.db_url,
                        "postgresql://... instead of the embedded SQLite file");
  serve_cmd->add_option("--port", serve_options.port, "Port")->capture_default_str();
  serve_cmd->add_option("--host", serve_options.host, "Address to listen on")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve_options.threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd->add_flag("--demo", serve_options.demo,
                      "Create the demo login and cases first (idempotent) and print the login");
  serve_cmd->add_flag("--quiet", serve_options.quiet, "No request log");
  bool serve_chosen = false;
  serve_cmd->callback([&] { serve_chosen = true; });

  // Commands that live in their own files (cli/*_command.h).
  std::function<int()> module_chosen;
  add_letter_command(app, module_chosen);
  add_dispatch_command(app, module_chosen);
  add_operator_command(app, module_chosen);
  add_followup_command(app, module_chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitInvalid;
  }
  if (serve_chosen) return serve(serve_options);
  if (module_chosen) return module_chosen();
  return chosen ? chosen(o) : kExitInvalid;
}

}  // namespace
}  // namespace inkasso

int main(int argc, char** argv) {
  try {
    return inkasso::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
