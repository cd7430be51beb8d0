// `inkasso followup preview|run`: batch follow-up (app/followup.h) for operators and tests.
//
//   inkasso followup preview [--data-dir DIR | --db URL] [--account N] [--as-of DATE]
//     prints step 1's groups as a JSON array of {"track", "type", "reminder_number", "key",
//     "title", "count", "oldest"}.
//   inkasso followup run ... --types T1,T2 [--limit N] [--send-at DATETIME] [--channel C]
//     [--run-key K] executes: creates the steps with their documents, queues the sendings, and
//     prints {"run_id", "total", "done", "refused", "left_out", "problems": [...]}.
//
// The account defaults to the only one there is; the acting user to the account's first
// administrator (--user EMAIL to choose). --send-at is Copenhagen time ("2026-11-25 09:00",
// "2026-11-25T09:00", or "now"). A run with the same --run-key is the same run: running the
// command again finishes it rather than starting another. Exit codes: 0 done, 2 invalid input
// (one line on standard error), 1 anything else.
#include "cli/followup_command.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/followup.h"
#include "app/local_time.h"
#include "app/secret_key_file.h"
#include "app/sms_delivery.h"
#include "app/users.h"
#include "dispatch/worker.h"
#include "store/database.h"

namespace inkasso {

namespace {

constexpr int kExitInvalid = 2;

struct FollowUpOptions {
  std::string data_dir = "var";
  std::string db_url;
  int64_t account = 0;
  std::string user;
  std::string as_of;
  std::string types;
  int limit = kFollowUpLimitDefault;
  std::string send_at = "now";
  std::string channel = "email_or_print";
  std::string run_key;
};

struct Failure {
  int code;
  std::string message;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// "now" → 0; "YYYY-MM-DD HH:MM" or with a 'T', Copenhagen time.
int64_t parse_send_at(const std::string& text, int64_t now) {
  if (text.empty() || text == "now") return 0;
  std::string s = text;
  if (s.size() == 16 && (s[10] == 'T' || s[10] == ' ')) {
    auto day = Date::parse(s.substr(0, 10));
    if (day && s[13] == ':') {
      try {
        int hour = std::stoi(s.substr(11, 2)), minute = std::stoi(s.substr(14, 2));
        auto at = sending_time(*day, hour, minute, now);
        if (!at) throw Failure{kExitInvalid, "--send-at: " + at.error().message};
        return *at;
      } catch (const std::invalid_argument&) {
      }
    }
  }
  throw Failure{kExitInvalid, "--send-at: expected \"YYYY-MM-DD HH:MM\" (Copenhagen) or now"};
}

struct Opened {
  std::unique_ptr<Database> db;
  int64_t account_id = 0;
  Actor actor;
  Date as_of;
};

Opened open(const FollowUpOptions& o, const Clock& clock) {
  std::string url = o.db_url;
  if (url.empty()) {
    auto sqlite = Database::sqlite_url_for_data_dir(o.data_dir);
    if (!sqlite) throw Failure{1, sqlite.error().message};
    url = *sqlite;
  }
  auto db = Database::open(url, 2);
  if (!db) throw Failure{1, db.error().message};
  if (auto st = (*db)->migrate(); !st) throw Failure{1, st.error().message};
  Opened out;
  out.db = std::move(*db);
  out.as_of = clock.today();
  if (!o.as_of.empty()) {
    auto d = Date::parse(o.as_of);
    if (!d) throw Failure{kExitInvalid, "--as-of: expected YYYY-MM-DD"};
    out.as_of = *d;
  }
  soci::session sql(out.db->pool());
  long long account = o.account;
  if (!account) {
    long long count = 0;
    sql << "SELECT COUNT(*), MIN(id) FROM accounts", soci::into(count), soci::into(account);
    if (count != 1)
      throw Failure{kExitInvalid, "--account: the installation has " + std::to_string(count) +
                                      " accounts; name one"};
  }
  long long user = 0;
  if (!o.user.empty()) {
    auto email = normalize_email(o.user);
    std::string e = email.value_or("");
    sql << "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id "
           "WHERE u.email = :e AND m.account_id = :a",
        soci::use(e), soci::use(account), soci::into(user);
    if (!sql.got_data())
      throw Failure{kExitInvalid, "--user: " + o.user + " is no member of account " +
                                      std::to_string(account)};
  } else {
    sql << "SELECT MIN(user_id) FROM memberships WHERE account_id = :a AND role = 'administrator'",
        soci::use(account), soci::into(user);
    if (!user) throw Failure{kExitInvalid, "--account: no account " + std::to_string(account)};
  }
  out.account_id = account;
  out.actor = Actor{user};
  return out;
}

int fail(const Error& e) {
  std::cerr << "error: " << (e.field.empty() ? "" : e.field + ": ") << e.message << "\n";
  return e.code == app_error::kInvalid ? kExitInvalid : 1;
}

int preview(const FollowUpOptions& o) {
  SystemClock clock;
  Opened x = open(o, clock);
  auto p = follow_up_preview(*x.db, x.actor, x.account_id, x.as_of);
  if (!p) return fail(p.error());
  nlohmann::json out = nlohmann::json::array();
  for (const FollowUpGroup& g : p->groups)
    out.push_back({{"track", g.track},
                   {"type", std::string(to_string(g.type))},
                   {"reminder_number", g.reminder_number},
                   {"key", g.key},
                   {"title", document_title(g.type, g.reminder_number, "")},
                   {"count", g.count},
                   {"oldest", g.oldest.to_iso()}});
  std::cout << out.dump(2) << "\n";
  return 0;
}

int run(const FollowUpOptions& o) {
  SystemClock clock;
  Opened x = open(o, clock);
  FollowUpOrder order;
  order.choices = split_list(o.types);
  order.limit = o.limit;
  order.default_send_at = parse_send_at(o.send_at, clock.now_unix());
  auto channel = batch_channel_from_string(o.channel);
  if (!channel)
    throw Failure{kExitInvalid,
                  "--channel: one of email_or_print, email, email_and_sms, print_self, "
                  "letter_service"};
  order.channel = *channel;
  order.run_key = o.run_key.empty() ? "cli-" + std::to_string(clock.now_unix()) + "-" +
                                          std::to_string(::getpid())
                                    : o.run_key;
  auto secret_box = secret_box_for(o.data_dir, o.db_url.empty());
  if (!secret_box) throw Failure{1, secret_box.error().message};
  auto dispatch = dispatch_config_from_env(sms_callback_secret(*secret_box));
  if (!dispatch) throw Failure{1, dispatch.error().message};
  Installation inst{dispatch->public_url};

  auto run_id = start_follow_up_run(*x.db, clock, x.actor, x.account_id, x.as_of, order);
  if (!run_id) return fail(run_id.error());
  for (;;) {
    auto worked = work_follow_up_run(*x.db, clock, *secret_box, inst, x.actor, x.account_id,
                                     *run_id, 500);
    if (!worked) return fail(worked.error());
    if (*worked == 0) break;
  }
  auto r = get_follow_up_run(*x.db, x.actor, x.account_id, *run_id);
  if (!r) return fail(r.error());
  nlohmann::json problems = nlohmann::json::array();
  for (const FollowUpItem& i : r->problems)
    problems.push_back({{"case", i.case_number},
                        {"key", i.group_key},
                        {"status", i.status},
                        {"reason", i.reason}});
  nlohmann::json out = {{"run_id", r->id},         {"total", r->total},
                        {"done", r->done},         {"refused", r->refused},
                        {"left_out", r->left_out}, {"problems", problems}};
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace

void add_followup_command(CLI::App& app, std::function<int()>& chosen) {
  auto o = std::make_shared<FollowUpOptions>();
  auto* cmd = app.add_subcommand("followup", "Batch follow-up: the steps now due, and doing them");
  cmd->require_subcommand(1);
  auto common = [o](CLI::App* sub) {
    sub->add_option("--data-dir", o->data_dir, "Where the embedded SQLite file lives");
    sub->add_option("--db", o->db_url, "A database URL instead (postgresql://...)");
    sub->add_option("--account", o->account, "The account's id (default: the only one)");
    sub->add_option("--user", o->user, "Act as this user (default: the first administrator)");
    sub->add_option("--as-of", o->as_of, "The day (YYYY-MM-DD; default today)");
  };
  auto* pre = cmd->add_subcommand("preview", "Print step 1's groups as JSON");
  common(pre);
  auto* run_cmd = cmd->add_subcommand("run", "Create the chosen steps and queue their documents");
  common(run_cmd);
  run_cmd->add_option("--types", o->types, "Group keys or action types, comma-separated")
      ->required();
  run_cmd->add_option("--limit", o->limit, "At most this many cases, oldest first")
      ->check(CLI::Range(1, kFollowUpLimitMax))
      ->capture_default_str();
  run_cmd->add_option("--send-at", o->send_at, "\"YYYY-MM-DD HH:MM\" in Copenhagen, or now")
      ->capture_default_str();
  run_cmd->add_option("--channel", o->channel,
                      "email_or_print, email, email_and_sms, print_self or letter_service")
      ->capture_default_str();
  run_cmd->add_option("--run-key", o->run_key, "The same key finishes the same run");
  auto wrap = [&chosen, o](int (*fn)(const FollowUpOptions&)) {
    chosen = [o, fn] {
      try {
        return fn(*o);
      } catch (const Failure& f) {
        std::cerr << "error: " << f.message << "\n";
        return f.code;
      } catch (const std::exception& e) {
        std::cerr << "error: " << database_error(e).message << "\n";
        return 1;
      }
    };
  };
  pre->callback([wrap] { wrap(preview); });
  run_cmd->callback([wrap] { wrap(run); });
}

}  // namespace inkasso
