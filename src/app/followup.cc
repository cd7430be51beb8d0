#include "app/followup.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>

#include <soci/soci.h>

#include "app/cases.h"
#include "core/engine.h"
#include "core/suggested_action.h"
#include "store/case_store.h"

namespace inkasso {

namespace {

constexpr std::string_view kDefaultedAgreement = "defaulted_agreement";

// Thrown inside an item's transaction when another worker has worked the item first: the
// action written with it is rolled back.
struct ItemAlreadyWorked {};

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

// One debtor's contact details (working a run: one case at a time, not the whole register).
DebtorContact debtor_contact(soci::session& sql, int64_t account_id, int64_t debtor_id) {
  long long account = account_id, id = debtor_id;
  DebtorContact d;
  sql << "SELECT name, email, mobile FROM debtors WHERE id = :i AND account_id = :a", soci::use(id),
      soci::use(account), soci::into(d.name), soci::into(d.email), soci::into(d.mobile);
  return d;
}

int reminders_in(const CaseHistory& h) {
  return static_cast<int>(std::count_if(h.actions.begin(), h.actions.end(), [](const Action& a) {
    return a.type == ActionType::reminder;
  }));
}

std::string group_key(std::string_view track, ActionType type, int reminder_number) {
  std::string key = std::string(track) + ":" + std::string(to_string(type));
  if (reminder_number > 0) key += ":" + std::to_string(reminder_number);
  return key;
}

// A due step, with what grouping and the list need.
struct DueStep {
  int64_t case_id = 0;
  int64_t number = 0;
  int64_t debtor_id = 0;
  std::string track;
  ActionType type = ActionType::reminder;
  int reminder_number = 0;
  Money principal;
  Date due_date;
  std::string key;
};

// The group a case's next step belongs to, as step 1 shows it.
DueStep step_of(const StoredCase& c, const CaseState& state) {
  DueStep s;
  s.case_id = c.id;
  s.number = c.number;
  s.debtor_id = c.debtor_id;
  s.track = state.flow == Flow::payment_agreement ? std::string(kDefaultedAgreement)
                                                  : std::string(to_string(state.track));
  s.type = state.next_action->type;
  s.reminder_number = s.type == ActionType::reminder ? reminders_in(c.history) + 1 : 0;
  s.principal = state.principal;
  s.due_date = state.next_action->date;
  s.key = group_key(s.track, s.type, s.reminder_number);
  return s;
}

// The steps due on `as_of`, evaluated exactly (the list cache only picks the candidates), oldest
// first, then by case number.
std::vector<DueStep> due_steps(soci::session& sql, int64_t account_id, Date as_of) {
  std::vector<DueStep> out;
  for (const StoredCase& c : load_follow_up_candidates(sql, account_id, as_of)) {
    auto state = evaluate(c.history, as_of);
    // A history the engine cannot evaluate was refused when written; should the law table lack
    // a rate for `as_of`, the case is not listed rather than the whole list failing.
    if (!state || !state->follow_up_due) continue;
    out.push_back(step_of(c, *state));
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
  return std::any_of(choices.begin(), choices.end(),
                     [&](const std::string& c) { return c == s.key || c == to_string(s.type); });
}

// Whether the debtor can be reached on `channel`; the Danish reason when not.
std::optional<std::string> unreachable(BatchChannel channel, const DebtorContact& d) {
  switch (channel) {
    case BatchChannel::email:
      if (d.email.empty()) return "Skyldner har ingen e-mailadresse.";
      break;
    case BatchChannel::email_and_sms:
      if (d.email.empty()) return "Skyldner har ingen e-mailadresse.";
      if (d.mobile.empty()) return "Skyldner har intet mobilnummer.";
      break;
    default:
      break;
  }
  return std::nullopt;
}

SendingChoice sending_for(BatchChannel channel, const DebtorContact& d, int64_t send_at) {
  SendingChoice s;
  switch (channel) {
    case BatchChannel::email_or_print:
      (d.email.empty() ? s.print_self : s.email) = true;
      break;
    case BatchChannel::email:
      s.email = true;
      break;
    case BatchChannel::email_and_sms:
      s.email = s.sms = true;
      break;
    case BatchChannel::print_self:
      s.print_self = true;
      break;
    case BatchChannel::letter_service:
      s.letter_service = true;
      break;
  }
  if (send_at > 0) s.send_at = send_at;
  return s;
}

// Marks a pending item refused or left out; false when it was no longer pending.
bool settle_item(soci::session& sql, int64_t run_id, int64_t seq, std::string_view status,
                 const std::string& reason, int64_t now) {
  long long run = run_id, s = seq, at = now;
  std::string st_text(status);
  soci::statement st =
      (sql.prepare << "UPDATE followup_run_items SET status = :st, reason = :r, "
                      "worked_at = :t WHERE run_id = :run AND seq = :s AND "
                      "status = 'pending'",
       soci::use(st_text), soci::use(reason), soci::use(at), soci::use(run), soci::use(s));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

struct RunRow {
  int64_t id = 0;
  int64_t account_id = 0;
  Date as_of;
  BatchChannel channel = BatchChannel::email_or_print;
  bool finished = false;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
};

std::optional<RunRow> load_run(soci::session& sql, int64_t account_id, int64_t run_id) {
  long long account = account_id, id = run_id, created_by = 0, created_at = 0, finished_at = 0;
  std::string as_of, channel, status;
  soci::indicator finished_i = soci::i_null;
  sql << "SELECT as_of, channel, status, created_by, created_at, finished_at FROM followup_runs "
         "WHERE id = :id AND account_id = :a",
      soci::use(id), soci::use(account), soci::into(as_of), soci::into(channel), soci::into(status),
      soci::into(created_by), soci::into(created_at), soci::into(finished_at, finished_i);
  if (!sql.got_data()) return std::nullopt;
  RunRow r;
  r.id = run_id;
  r.account_id = account_id;
  if (auto d = Date::parse(as_of)) r.as_of = *d;
  r.channel = batch_channel_from_string(channel).value_or(BatchChannel::email_or_print);
  r.finished = status == "done";
  r.created_by = created_by;
  r.created_at = created_at;
  if (finished_i == soci::i_ok) r.finished_at = finished_at;
  return r;
}

struct PendingItem {
  int64_t seq = 0;
  int64_t case_number = 0;
  std::string group_key;
  ActionType type = ActionType::reminder;
  int64_t send_at = 0;
};

std::vector<PendingItem> pending_items(soci::session& sql, int64_t run_id, int limit) {
  std::vector<PendingItem> out;
  long long run = run_id, seq = 0, number = 0, send_at = 0;
  int lim = limit;
  std::string key, type;
  soci::statement st =
      (sql.prepare << "SELECT seq, case_number, group_key, action_type, send_at FROM "
                      "followup_run_items WHERE run_id = :r AND status = 'pending' ORDER BY seq "
                      "LIMIT :n",
       soci::use(run), soci::use(lim), soci::into(seq), soci::into(number), soci::into(key),
       soci::into(type), soci::into(send_at));
  st.execute();
  while (st.fetch()) {
    auto t = action_type_from_string(type);
    if (!t) continue;  // written by this file only
    out.push_back(PendingItem{seq, number, key, *t, send_at});
  }
  return out;
}

void finish_if_done(soci::session& sql, int64_t run_id, int64_t now) {
  long long run = run_id, at = now;
  sql << "UPDATE followup_runs SET status = 'done', finished_at = :t WHERE id = :r AND "
         "status = 'running' AND NOT EXISTS (SELECT 1 FROM followup_run_items WHERE run_id = :r2 "
         "AND status = 'pending')",
      soci::use(at), soci::use(run), soci::use(run);
}

// The reminder number of a group key ("standard:reminder:2" → 2; 0 without one).
int reminder_number_of(const std::string& key) {
  size_t colon = key.rfind(':');
  if (colon == std::string::npos || colon + 1 >= key.size() ||
      !std::isdigit(static_cast<unsigned char>(key[colon + 1])))
    return 0;
  return std::atoi(key.c_str() + colon + 1);
}

std::string step_title(ActionType type, int reminder_number) {
  return document_title(type, reminder_number, "");
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
    auto [it, fresh] = index.emplace(s.key, out.groups.size());
    if (fresh)
      out.groups.push_back(FollowUpGroup{s.key, s.track, s.type, s.reminder_number, 0, s.due_date});
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
    c.group_key = s.key;
    c.type = s.type;
    c.reminder_number = s.reminder_number;
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

  long long seq = 0, case_id = 0, number = 0, send_at = 0;
  std::string key, type, status, reason;
  soci::statement insert =
      (sql.prepare << "INSERT INTO followup_run_items (run_id, seq, case_id, case_number, "
                      "group_key, action_type, send_at, status, reason) VALUES (:r, :s, :c, :n, "
                      ":k, :t, :at, :st, :why)",
       soci::use(run_id), soci::use(seq), soci::use(case_id), soci::use(number), soci::use(key),
       soci::use(type), soci::use(send_at), soci::use(status), soci::use(reason));
  for (const DueStep& s : steps) {
    ++seq;
    case_id = s.case_id;
    number = s.number;
    key = s.key;
    type = std::string(to_string(s.type));
    auto at = order.send_at.find(s.key);
    if (at == order.send_at.end()) at = order.send_at.find(type);
    send_at = at != order.send_at.end() ? at->second : order.default_send_at;
    auto why = unreachable(order.channel, debtors[s.debtor_id]);
    status = why ? "left_out" : "pending";
    reason = why.value_or("");
    insert.execute(true);
  }
  tx.commit();
  return static_cast<int64_t>(run_id);
}

Result<int> work_follow_up_run(Database& db, const Clock& clock, const SecretBox& box,
                               const Installation& inst, const Actor& actor, int64_t account_id,
                               int64_t run_id, int max_items) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  auto run = load_run(sql, account_id, run_id);
  if (!run) return not_found("Kørslen");
  if (run->finished) return 0;
  int worked = 0;
  for (const PendingItem& item : pending_items(sql, run_id, max_items)) {
    ++worked;
    const int64_t now = clock.now_unix();
    auto refuse = [&](const std::string& reason) {
      settle_item(sql, run_id, item.seq, "refused", reason, now);
    };
    auto view = get_case(db, clock, actor, account_id, item.case_number);
    if (!view) {
      refuse("Sagen findes ikke længere.");
      continue;
    }
    const CaseState& state = view->state;
    if (!view->stored.batch_follow_up) {
      refuse("Sagen er taget ud af multiopfølgning.");
      continue;
    }
    if (!state.next_action || step_of(view->stored, state).key != item.group_key) {
      refuse("Sagen er ændret, siden kørslen startede: næste skridt er ikke længere " +
             step_title(item.type, reminder_number_of(item.group_key)) + ".");
      continue;
    }
    if (state.next_action->date > run->as_of) {
      refuse("Sagens næste skridt er først klar " + state.next_action->date.to_danish() + ".");
      continue;
    }
    Action action = suggested_action(view->stored.history, item.type, state.track, run->as_of);
    SendingChoice sending = sending_for(
        run->channel, debtor_contact(sql, account_id, view->stored.debtor_id), item.send_at);
    // The item becomes 'done' in the action's own transaction, or the action is not written.
    std::optional<int64_t> written_document;
    AlongWithEvents mark_done = [&](soci::session& tx_sql, int64_t) {
      long long run_ll = run_id, seq = item.seq, at = now;
      soci::statement st =
          (tx_sql.prepare << "UPDATE followup_run_items SET status = 'done', worked_at = :t "
                             "WHERE run_id = :r AND seq = :s AND status = 'pending'",
           soci::use(at), soci::use(run_ll), soci::use(seq));
      st.execute(true);
      if (st.get_affected_rows() != 1) throw ItemAlreadyWorked{};
    };
    try {
      auto made =
          add_action_with_document(db, clock, box, inst, actor, account_id, item.case_number,
                                   view->stored.version, action, sending, LetterText{}, mark_done);
      if (!made) {
        refuse(made.error().message);
        continue;
      }
      if (made->document_id) {
        long long run_ll = run_id, seq = item.seq, doc = *made->document_id;
        sql << "UPDATE followup_run_items SET document_id = :d WHERE run_id = :r AND seq = :s",
            soci::use(doc), soci::use(run_ll), soci::use(seq);
      }
    } catch (const ItemAlreadyWorked&) {
      // Another worker did this case first; nothing was written here.
    }
  }
  finish_if_done(sql, run_id, clock.now_unix());
  return worked;
}

int resume_follow_up_runs(Database& db, const Clock& clock, const SecretBox& box,
                          const Installation& inst, int max_items) {
  struct Open {
    int64_t id, account_id, created_by;
  };
  std::vector<Open> open;
  {
    soci::session sql(db.pool());
    long long id = 0, account = 0, user = 0;
    soci::statement st = (sql.prepare << "SELECT id, account_id, created_by FROM followup_runs "
                                         "WHERE status = 'running' ORDER BY id",
                          soci::into(id), soci::into(account), soci::into(user));
    st.execute();
    while (st.fetch()) open.push_back(Open{id, account, user});
  }
  int worked = 0;
  for (const Open& r : open) {
    if (worked >= max_items) break;
    auto n = work_follow_up_run(db, clock, box, inst, Actor{r.created_by}, r.account_id, r.id,
                                max_items - worked);
    if (n) {
      worked += *n;
    } else {
      // The user who started it is no longer a case handler of the account: nobody may act for
      // them, so the rest is refused with the reason rather than waiting forever.
      soci::session sql(db.pool());
      long long run = r.id, at = clock.now_unix();
      std::string reason = "Brugeren, der startede kørslen, har ikke længere adgang til kontoen.";
      sql << "UPDATE followup_run_items SET status = 'refused', reason = :why, worked_at = :t "
             "WHERE run_id = :r AND status = 'pending'",
          soci::use(reason), soci::use(at), soci::use(run);
      finish_if_done(sql, r.id, at);
    }
  }
  return worked;
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
                       reminder_number_of(key), status, reason, std::nullopt});
  }
  return run;
}

}  // namespace inkasso
