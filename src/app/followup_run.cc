// Working a batch follow-up run (app/followup.h): the pending items, a chunk at a time.
//
// Speed (issue 6: 10,000 actions with fees queued in under 4 s, on SQLite and PostgreSQL): a
// chunk of items is read in a handful of queries (the items, their cases with events, their
// debtors; the account, its logo and template texts once per call), each step is checked, its
// letter built and its case's new cache computed in memory, and the chunk is written in ONE
// transaction of a few statements however many items (store/row_values.h): the claim (pending
// → done, with the seq of the item's action), the cases' version checks and caches, the events,
// the documents, the sendings, the refusals. So an item is done exactly when its action is written,
// as before; a crash loses the whole chunk, never half an item. Two workers on one run: the second
// one's claim waits for the first's commit and then finds the items done, so it writes nothing for
// them. A case changed between the read and the write (its version moved) gets nothing written and
// its item goes back to pending, for the next chunk to read afresh.
#include <algorithm>
#include <map>
#include <set>

#include <soci/soci.h>

#include "app/cases.h"
#include "app/debtors.h"
#include "app/followup.h"
#include "app/followup_detail.h"
#include "app/letters.h"
#include "core/engine.h"
#include "core/follow_up_group.h"
#include "core/rules.h"
#include "core/suggested_action.h"
#include "store/case_store.h"
#include "store/row_values.h"

namespace inkasso {

namespace followup_detail {

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

std::optional<std::string> unreachable(BatchChannel channel, const std::string& email,
                                       const std::string& mobile) {
  switch (channel) {
    case BatchChannel::email:
      if (email.empty()) return "Skyldner har ingen e-mailadresse.";
      break;
    case BatchChannel::email_and_sms:
      if (email.empty()) return "Skyldner har ingen e-mailadresse.";
      if (mobile.empty()) return "Skyldner har intet mobilnummer.";
      break;
    default:
      break;
  }
  return std::nullopt;
}

int reminder_number_of(const std::string& group_key) {
  auto group = parse_follow_up_group_key(group_key);
  return group ? group->reminder_number : 0;
}

}  // namespace followup_detail

namespace {

using followup_detail::load_run;
using followup_detail::RunRow;

// Items written per transaction: large enough that the commit and the reads are spread thin,
// small enough that a crash loses little work and the run page shows progress.
constexpr int kItemsPerTransaction = 250;

SendingChoice sending_for(BatchChannel channel, const Debtor& d, int64_t send_at) {
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

struct PendingItem {
  int64_t seq = 0;
  int64_t case_id = 0;
  int64_t case_number = 0;
  std::string group_key;
  ActionType type = ActionType::reminder;
  int64_t send_at = 0;
};

std::vector<PendingItem> pending_items(soci::session& sql, int64_t run_id, int limit) {
  std::vector<PendingItem> out;
  long long run = run_id, seq = 0, case_id = 0, number = 0, send_at = 0;
  int lim = limit;
  std::string key, type;
  soci::statement st =
      (sql.prepare << "SELECT seq, case_id, case_number, group_key, action_type, send_at FROM "
                      "followup_run_items WHERE run_id = :r AND status = 'pending' ORDER BY seq "
                      "LIMIT :n",
       soci::use(run), soci::use(lim), soci::into(seq), soci::into(case_id), soci::into(number),
       soci::into(key), soci::into(type), soci::into(send_at));
  st.execute();
  while (st.fetch()) {
    auto t = action_type_from_string(type);
    if (!t) continue;  // written by app/followup.cc only
    out.push_back(PendingItem{seq, case_id, number, key, *t, send_at});
  }
  return out;
}

// The seqs as a list for SQL: numbers, so into the text.
std::string seq_list(const std::vector<int64_t>& seqs) {
  std::string list;
  for (int64_t s : seqs) {
    if (!list.empty()) list += ',';
    list += std::to_string(s);
  }
  return list;
}

// Items whose case changed between the read and the write: pending again, for the next chunk
// to read the case afresh.
void unclaim_items(soci::session& sql, int64_t run_id, const std::vector<int64_t>& seqs) {
  if (seqs.empty()) return;
  long long run = run_id;
  sql << "UPDATE followup_run_items SET status = 'pending', reason = '', worked_at = NULL, "
         "event_seq = NULL "
         "WHERE run_id = :r AND seq IN (" +
             seq_list(seqs) + ")",
      soci::use(run);
}

// Sets `assignments` (in terms of v.column2, ...) on the run's items whose seq is v.column1, for
// each row of `rows`; `only` narrows the items further.
void update_items(soci::session& sql, int64_t run_id, RowValues& rows,
                  const std::string& assignments, const std::string& only = "",
                  const Returning* returning = nullptr) {
  execute_rows(sql, "UPDATE followup_run_items SET " + assignments + " FROM ", rows,
               " WHERE followup_run_items.seq = v.column1 AND followup_run_items.run_id = " +
                   std::to_string(run_id) + only,  // a number, so into the text
               returning);
}

// Claims the items that are still pending (pending → done), each `rows` row an item's seq and
// the seq its action's event will have, in one statement; returns the seqs claimed. Inside the
// chunk's transaction: an item another worker claimed first (its transaction committed, or
// this statement waited for it) is not returned.
std::set<int64_t> claim_items(soci::session& sql, int64_t run_id, RowValues& rows, int64_t now) {
  std::set<int64_t> claimed;
  long long seq = 0;
  const Returning seqs{[&](soci::statement& st) { st.exchange(soci::into(seq)); },
                       [&] { claimed.insert(seq); }};
  update_items(sql, run_id, rows,
               "status = 'done', worked_at = " + std::to_string(now) + ", event_seq = v.column2",
               " AND followup_run_items.status = 'pending' RETURNING seq", &seqs);
  return claimed;
}

void finish_if_done(soci::session& sql, int64_t run_id, int64_t now) {
  long long run = run_id, at = now;
  sql << "UPDATE followup_runs SET status = 'done', finished_at = :t WHERE id = :r AND "
         "status = 'running' AND NOT EXISTS (SELECT 1 FROM followup_run_items WHERE run_id = :r2 "
         "AND status = 'pending')",
      soci::use(at), soci::use(run), soci::use(run);
}

std::string step_title(ActionType type, int reminder_number) {
  return document_title(type, reminder_number, "");
}

// What an item comes to before anything is written: a refusal, or the action and its letter.
struct Prepared {
  const PendingItem* item = nullptr;
  std::string refusal;  // Danish; empty when the step is to be written
  const StoredCase* stored = nullptr;
  Action action;
  std::optional<DocumentDraft> draft;
};

// Checks an item's step on its case as the run's day sees it and builds what it writes.
Prepared prepare(soci::session& sql, const Clock& clock, const SecretBox& box,
                 const Installation& inst, const Actor& actor, const RunRow& run,
                 LetterSource& source, const PendingItem& item,
                 const std::map<int64_t, StoredCase>& cases,
                 const std::map<int64_t, Debtor>& debtors) {
  Prepared p;
  p.item = &item;
  auto found = cases.find(item.case_id);
  if (found == cases.end()) {
    p.refusal = "Sagen findes ikke længere.";
    return p;
  }
  const StoredCase& c = found->second;
  p.stored = &c;
  if (!c.batch_follow_up) {
    p.refusal = "Sagen er taget ud af multiopfølgning.";
    return p;
  }
  auto state = evaluate(c.history, run.as_of);
  if (!state) {
    p.refusal = state.error().message;
    return p;
  }
  auto group = follow_up_group(c.history, *state);
  if (!group || group->key != item.group_key) {
    p.refusal = "Sagen er ændret, siden kørslen startede: næste skridt er ikke længere " +
                step_title(item.type, followup_detail::reminder_number_of(item.group_key)) + ".";
    return p;
  }
  if (state->next_action->date > run.as_of) {
    p.refusal = "Sagens næste skridt er først klar " + state->next_action->date.to_danish() + ".";
    return p;
  }
  p.action = suggested_action(c.history, item.type, state->track, run.as_of);
  if (auto st = check_new_action(c.history, p.action); !st) {
    p.refusal = st.error().message;
    return p;
  }
  auto debtor = debtors.find(c.debtor_id);
  if (debtor == debtors.end()) {
    p.refusal = "Skyldneren findes ikke længere.";
    return p;
  }
  auto draft = draft_document(sql, clock, box, inst, actor, source, c, debtor->second, p.action,
                              sending_for(run.channel, debtor->second, item.send_at));
  if (!draft) {
    p.refusal = draft.error().message;
    return p;
  }
  p.draft = std::move(*draft);
  return p;
}

// Works one chunk of pending items in one transaction (see the top of this file).
void work_chunk(soci::session& sql, const Clock& clock, const SecretBox& box,
                const Installation& inst, const Actor& actor, const RunRow& run,
                LetterSource& source, const std::vector<PendingItem>& items) {
  std::vector<int64_t> case_ids;
  for (const PendingItem& item : items) case_ids.push_back(item.case_id);
  std::map<int64_t, StoredCase> cases;
  for (StoredCase& c : load_cases_by_ids(sql, run.account_id, case_ids))
    cases.emplace(c.id, std::move(c));
  std::vector<int64_t> debtor_ids;
  for (const auto& [id, c] : cases) debtor_ids.push_back(c.debtor_id);
  std::sort(debtor_ids.begin(), debtor_ids.end());
  debtor_ids.erase(std::unique(debtor_ids.begin(), debtor_ids.end()), debtor_ids.end());
  const std::map<int64_t, Debtor> debtors = debtors_by_id(sql, run.account_id, debtor_ids);

  std::vector<Prepared> prepared;
  prepared.reserve(items.size());
  for (const PendingItem& item : items)
    prepared.push_back(prepare(sql, clock, box, inst, actor, run, source, item, cases, debtors));

  // The cases' new caches are computed before the transaction too (the engine once more, with
  // the action): the write lock is held for the writing only.
  const int64_t now = clock.now_unix();
  const ChangeContext ctx{actor.user_id, now, clock.today()};
  CaseChunkWriter cases_out;
  RowValues to_claim(sql, 2);  // the item's seq, its action's event seq
  for (Prepared& p : prepared) {
    if (!p.refusal.empty()) continue;
    CaseEvent event = p.action;
    auto first_seq = cases_out.add(*p.stored, std::span(&event, 1), ctx);
    if (!first_seq) {
      p.refusal = first_seq.error().message;
      continue;
    }
    if (p.draft) p.draft->document.event_seq = *first_seq;
    to_claim.add(p.item->seq);
    to_claim.add(*first_seq);
  }

  soci::transaction tx(sql);
  // The claim is the first statement and writes (SQLite takes its write lock here; the reads
  // were done before, and the version check of each case catches a change made since).
  const std::set<int64_t> claimed = claim_items(sql, run.id, to_claim, now);
  for (const Prepared& p : prepared)
    if (p.refusal.empty() && !claimed.contains(p.item->seq)) cases_out.drop(p.stored->id);
  const std::set<int64_t> written = cases_out.write(sql);

  std::vector<DocumentDraft*> drafts;
  std::vector<int64_t> conflicts;
  RowValues refusals(sql, 2);
  for (Prepared& p : prepared) {
    if (!p.refusal.empty()) {
      refusals.add(p.item->seq);
      refusals.add(p.refusal);
    } else if (!claimed.contains(p.item->seq)) {
      continue;  // another worker's
    } else if (!written.contains(p.stored->id)) {
      conflicts.push_back(p.item->seq);
    } else if (p.draft) {
      drafts.push_back(&*p.draft);
    }
  }
  write_documents(sql, drafts, now);
  // Refused: only an item still pending (not one another worker has worked meanwhile).
  update_items(sql, run.id, refusals,
               "status = 'refused', reason = v.column2, worked_at = " + std::to_string(now),
               " AND followup_run_items.status = 'pending'");
  unclaim_items(sql, run.id, conflicts);
  tx.commit();
}

}  // namespace

Result<int> work_follow_up_run(Database& db, const Clock& clock, const SecretBox& box,
                               const Installation& inst, const Actor& actor, int64_t account_id,
                               int64_t run_id, int max_items) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  auto run = load_run(sql, account_id, run_id);
  if (!run) return not_found("Kørslen");
  if (run->finished) return 0;
  auto source = letter_source(db, actor, account_id);
  if (!source) return source.error();
  int worked = 0;
  while (worked < max_items) {
    auto items = pending_items(sql, run_id, std::min(kItemsPerTransaction, max_items - worked));
    if (items.empty()) break;
    worked += static_cast<int>(items.size());
    work_chunk(sql, clock, box, inst, actor, *run, *source, items);
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

}  // namespace inkasso
