#include "app/followup.h"

#include <algorithm>
#include <unordered_map>

#include <soci/soci.h>

#include "app/followup_detail.h"
#include "core/engine.h"
#include "core/follow_up_group.h"
#include "store/case_store.h"
#include "store/row_values.h"

namespace inkasso {

using followup_detail::load_run;
using followup_detail::reminder_number_of;
using followup_detail::unreachable;

namespace {

struct DebtorContact {
  std::string name;
  std::string email;
  std::string mobile;
};

std::unordered_map<int64_t, DebtorContact> debtor_contacts(soci::session& sql, int64_t account_id) {
  std::unordered_map<int64_t, DebtorContact> out;
  long long account = account_id, id = 0;
  DebtorContact d;
  soci::statement st = (sql.prepare << "SELECT id, name, email, mobile FROM debtors "
                                       "WHERE account_id = :a",
                        soci::use(account), soci::into(id), soci::into(d.name), soci::into(d.email),
                        soci::into(d.mobile));
  st.execute();
  while (st.fetch()) out[id] = d;
  return out;
}

// A due step, with what grouping and the list need.
struct DueStep {
  int64_t case_id = 0;
  int64_t number = 0;
  int64_t debtor_id = 0;
  FollowUpStepGroup group;
  Money principal;
  Date due_date;
};

// The steps due on `as_of`, oldest first, then by case number: the cases whose group the list
// cache fixes straight from it (one query, no events), the others loaded and evaluated.
std::vector<DueStep> due_steps(soci::session& sql, int64_t account_id, Date as_of) {
  std::vector<DueStep> out;
  for (CachedDueStep& c : load_cached_due_steps(sql, account_id, as_of)) {
    auto group = parse_follow_up_group_key(c.group_key);
    if (!group) continue;  // written by case_store from follow_up_group_key only
    out.push_back(
        DueStep{c.case_id, c.number, c.debtor_id, std::move(*group), c.principal, c.step_date});
  }
  for (const StoredCase& c :
       load_follow_up_candidates(sql, account_id, as_of, FollowUpCandidates::group_not_cached)) {
    auto state = evaluate(c.history, as_of);
    // A history the engine cannot evaluate was refused when written; should the law table lack
    // a rate for `as_of`, the case is not listed rather than the whole list failing.
    if (!state || !state->follow_up_due) continue;
    auto group = follow_up_group(c.history, *state);
    if (!group) continue;
    out.push_back(DueStep{c.id, c.number, c.debtor_id, std::move(*group), state->principal,
                          state->next_action->date});
  }
  std::sort(out.begin(), out.end(), [](const DueStep& a, const DueStep& b) {
    if (a.due_date != b.due_date) return a.due_date < b.due_date;
    return a.number < b.number;
  });
  return out;
}

int track_rank(std::string_view track) {
  if (track == "gentle") return 0;
  if (track == "standard") return 1;
  if (track == "fast") return 2;
  return 3;
}

bool chosen(const DueStep& s, const std::vector<std::string>& choices) {
  return std::any_of(choices.begin(), choices.end(), [&](const std::string& c) {
    return c == s.group.key || c == to_string(s.group.type);
  });
}

}  // namespace

std::string_view to_string(BatchChannel c) {
  switch (c) {
    case BatchChannel::email_or_print:
      return "email_or_print";
    case BatchChannel::email:
      return "email";
    case BatchChannel::email_and_sms:
      return "email_and_sms";
    case BatchChannel::print_self:
      return "print_self";
    case BatchChannel::letter_service:
      return "letter_service";
  }
  return "email_or_print";
}

std::optional<BatchChannel> batch_channel_from_string(std::string_view s) {
  for (BatchChannel c :
       {BatchChannel::email_or_print, BatchChannel::email, BatchChannel::email_and_sms,
        BatchChannel::print_self, BatchChannel::letter_service})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

bool group_chosen(const FollowUpGroup& group, const std::vector<std::string>& choices) {
  return std::any_of(choices.begin(), choices.end(), [&](const std::string& c) {
    return c == group.key || c == to_string(group.type);
  });
}

Result<FollowUpPreview> follow_up_preview(Database& db, const Actor& actor, int64_t account_id,
                                          Date as_of) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  FollowUpPreview out;
  out.as_of = as_of;
  std::map<std::string, size_t> index;
  for (const DueStep& s : due_steps(sql, account_id, as_of)) {
    auto [it, fresh] = index.emplace(s.group.key, out.groups.size());
    if (fresh)
      out.groups.push_back(FollowUpGroup{s.group.key, s.group.track, s.group.type,
                                         s.group.reminder_number, 0, s.due_date});
    FollowUpGroup& g = out.groups[it->second];
    ++g.count;
    g.oldest = std::min(g.oldest, s.due_date);
    ++out.total;
  }
  std::sort(out.groups.begin(), out.groups.end(),
            [](const FollowUpGroup& a, const FollowUpGroup& b) {
              if (a.track != b.track) return track_rank(a.track) < track_rank(b.track);
              if (a.type != b.type) return a.type < b.type;
              return a.reminder_number < b.reminder_number;
            });
  return out;
}

Result<std::vector<FollowUpCase>> follow_up_cases(Database& db, const Actor& actor,
                                                  int64_t account_id, Date as_of,
                                                  const std::vector<std::string>& choices,
                                                  int limit) {
  if (limit < 1 || limit > kFollowUpLimitMax)
    return invalid("limit", "Antallet skal være mellem 1 og 100.000.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  auto debtors = debtor_contacts(sql, account_id);
  std::vector<FollowUpCase> out;
  for (const DueStep& s : due_steps(sql, account_id, as_of)) {
    if (!chosen(s, choices)) continue;
    if (static_cast<int>(out.size()) >= limit) break;
    FollowUpCase c;
    c.case_id = s.case_id;
    c.number = s.number;
    c.debtor_name = debtors[s.debtor_id].name;
    c.group_key = s.group.key;
    c.type = s.group.type;
    c.reminder_number = s.group.reminder_number;
    c.principal = s.principal;
    c.due_date = s.due_date;
    out.push_back(std::move(c));
  }
  return out;
}

Result<int64_t> start_follow_up_run(Database& db, const Clock& clock, const Actor& actor,
                                    int64_t account_id, Date as_of, const FollowUpOrder& order) {
  if (order.choices.empty())
    return invalid("types", "Vælg mindst én type dokument, der skal sendes.");
  if (order.limit < 1 || order.limit > kFollowUpLimitMax)
    return invalid("limit", "Antallet skal være mellem 1 og 100.000.");
  if (order.run_key.empty() || order.run_key.size() > 100)
    return invalid("run_key", "Formularen er udløbet. Start forfra.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  long long account = account_id, existing = 0;
  sql << "SELECT id FROM followup_runs WHERE account_id = :a AND run_key = :k", soci::use(account),
      soci::use(order.run_key), soci::into(existing);
  if (sql.got_data()) return static_cast<int64_t>(existing);

  auto debtors = debtor_contacts(sql, account_id);
  std::vector<DueStep> steps;
  for (DueStep& s : due_steps(sql, account_id, as_of)) {
    if (!chosen(s, order.choices)) continue;
    if (static_cast<int>(steps.size()) >= order.limit) break;
    steps.push_back(std::move(s));
  }
  if (steps.empty())
    return invalid("types", "Der er ingen sager at følge op på af de valgte typer.");

  const long long now = clock.now_unix(), user = actor.user_id;
  std::string as_of_text = as_of.to_iso(), channel(to_string(order.channel));
  soci::transaction tx(sql);
  sql << "INSERT INTO followup_runs (account_id, run_key, as_of, channel, status, created_by, "
         "created_at) VALUES (:a, :k, :d, :c, 'running', :u, :t)",
      soci::use(account), soci::use(order.run_key), soci::use(as_of_text), soci::use(channel),
      soci::use(user), soci::use(now);
  long long run_id = 0;
  sql << "SELECT id FROM followup_runs WHERE account_id = :a AND run_key = :k", soci::use(account),
      soci::use(order.run_key), soci::into(run_id);

  // The items in a few statements however many (store/row_values.h).
  RowValues items(sql, 9);
  long long seq = 0;
  for (const DueStep& s : steps) {
    const std::string type(to_string(s.group.type));
    auto at = order.send_at.find(s.group.key);
    if (at == order.send_at.end()) at = order.send_at.find(type);
    const DebtorContact& contact = debtors[s.debtor_id];
    auto why = unreachable(order.channel, contact.email, contact.mobile);
    items.add(run_id);
    items.add(++seq);
    items.add(s.case_id);
    items.add(s.number);
    items.add(s.group.key);
    items.add(type);
    items.add(at != order.send_at.end() ? at->second : order.default_send_at);
    items.add(std::string(why ? "left_out" : "pending"));
    items.add(why.value_or(""));
  }
  execute_rows(sql,
               "INSERT INTO followup_run_items (run_id, seq, case_id, case_number, group_key, "
               "action_type, send_at, status, reason) SELECT * FROM ",
               items);
  tx.commit();
  return static_cast<int64_t>(run_id);
}

Result<FollowUpRun> get_follow_up_run(Database& db, const Actor& actor, int64_t account_id,
                                      int64_t run_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  auto row = load_run(sql, account_id, run_id);
  if (!row) return not_found("Kørslen");
  FollowUpRun run;
  run.id = row->id;
  run.as_of = row->as_of;
  run.channel = row->channel;
  run.finished = row->finished;
  run.created_at = row->created_at;
  run.finished_at = row->finished_at;
  long long id = run_id, number = 0;
  std::string status, reason, key, type;
  soci::statement st = (sql.prepare << "SELECT status, reason, case_number, group_key, "
                                       "action_type FROM followup_run_items WHERE run_id = :r "
                                       "ORDER BY seq",
                        soci::use(id), soci::into(status), soci::into(reason), soci::into(number),
                        soci::into(key), soci::into(type));
  st.execute();
  while (st.fetch()) {
    ++run.total;
    if (status == "pending") ++run.pending;
    if (status == "done") ++run.done;
    if (status == "refused") ++run.refused;
    if (status == "left_out") ++run.left_out;
    if (status == "refused" || status == "left_out")
      run.problems.push_back(
          FollowUpItem{number, key, action_type_from_string(type).value_or(ActionType::letter),
                       reminder_number_of(key), status, reason});
  }
  return run;
}

}  // namespace inkasso
