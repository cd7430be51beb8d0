// The dispatch queue on disk (store/dispatch_store.h), on SQLite and PostgreSQL: claiming,
// the outcomes and their back-off, recovery after a stopped worker, two workers racing for the
// same rows, tracking, delivery reports and the pages' queries.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "store/dispatch_store.h"
#include "tests/dispatch/dispatch_fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

constexpr int64_t kNow = 1'750'000'000;  // 2025-06-15 15:06:40 UTC

class DispatchQueue : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    case_ = testing::insert_case_rows(db(), "Kreditor A/S", "Jensen Byg ApS", 1042);
    doc_ = testing::insert_document_row(db(), case_, "reminder", "Rykker nr. 2",
                                        testing::sample_pdf());
  }
  int64_t queue(Channel ch = Channel::email, int64_t send_at = kNow - 60,
                const std::string& to = "jensen@example.dk") {
    return testing::queue_dispatch(db(), case_, doc_, ch, to, send_at);
  }
  testing::DispatchState state(int64_t id) { return testing::dispatch_state(db(), id); }

  testing::CaseRows case_;
  int64_t doc_ = 0;
};

TEST_P(DispatchQueue, ClaimsOnlyDueRenderedRowsOfTheWorkersChannels) {
  const int64_t due = queue();
  queue(Channel::email, kNow + 3600);                 // not yet
  queue(Channel::print_self, kNow - 60, "Vej 1");     // printed, not sent by the worker
  queue(Channel::court_portal, kNow - 60, "portal");  // filed by the creditor
  const int64_t sms = queue(Channel::sms, kNow - 30, "12345678");
  const int64_t unrendered_doc = testing::insert_document_row(db(), case_, "reminder", "R", "");
  testing::queue_dispatch(db(), case_, unrendered_doc, Channel::email, "a@b.dk", kNow - 60);

  soci::session sql(db().pool());
  auto claimed = claim_due_dispatches(sql, "w1", kNow, 10);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, due);  // oldest first
  EXPECT_EQ(claimed[1].id, sms);
  EXPECT_EQ(claimed[0].pdf, testing::sample_pdf()) << "the PDF decoded byte for byte";
  EXPECT_EQ(claimed[0].file_name, "rykker-nr-2-sag-1042.pdf");
  EXPECT_EQ(claimed[0].case_number, 1042);
  EXPECT_EQ(claimed[0].reply_to, "bogholderi@kreditor.dk");
  EXPECT_EQ(claimed[0].body, "Se brevet her: {{link}}");
  EXPECT_EQ(state(due).status, "sending");
  EXPECT_EQ(state(due).claimed_by, "w1");
  EXPECT_TRUE(claim_due_dispatches(sql, "w2", kNow, 10).empty()) << "taken rows are not due";
}

TEST_P(DispatchQueue, WithdrawnDocumentsAreNotSentAndCancellingLeavesSentRows) {
  const int64_t a = queue();
  {
    soci::session sql(db().pool());
    sql << "UPDATE documents SET withdrawn_at = 1";
    EXPECT_TRUE(claim_due_dispatches(sql, "w1", kNow, 10).empty());
    sql << "UPDATE documents SET withdrawn_at = NULL";
  }
  const int64_t b = queue();
  soci::session sql(db().pool());
  auto claimed = claim_due_dispatches(sql, "w1", kNow, 1);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, a);
  ASSERT_TRUE(begin_attempt(sql, a, "w1", std::string(64, 'a'), kNow));
  ASSERT_TRUE(mark_received(sql, a, "w1", "<m1@x>", kNow));
  EXPECT_EQ(cancel_dispatches_for_document(sql, doc_), 1);  // b only
  EXPECT_EQ(state(a).status, "received");
  EXPECT_EQ(state(b).status, "cancelled");
}

TEST_P(DispatchQueue, TemporaryFailuresBackOffThenBecomePermanent) {
  const int64_t id = queue();
  soci::session sql(db().pool());
  // Back-off after attempt n: 1 min, 5 min, 30 min, 2 h, 12 h; the 6th failure is final.
  const int64_t waits[] = {60, 300, 1800, 7200, 43200};
  int64_t now = kNow;
  for (int attempt = 1; attempt <= 6; ++attempt) {
    auto claimed = claim_due_dispatches(sql, "w1", now, 10);
    ASSERT_EQ(claimed.size(), 1u) << "attempt " << attempt;
    EXPECT_EQ(claimed[0].attempts, attempt - 1);
    ASSERT_TRUE(
        begin_attempt(sql, id, "w1", std::string(64, static_cast<char>('a' + attempt)), now));
    auto status = mark_failed_temporary(sql, id, "w1", "Mailserveren svarede 451.", now);
    ASSERT_TRUE(status.has_value());
    const auto s = state(id);
    EXPECT_EQ(s.attempts, attempt);
    EXPECT_EQ(s.error, "Mailserveren svarede 451.");
    if (attempt < 6) {
      EXPECT_EQ(*status, DispatchStatus::waiting);
      EXPECT_EQ(s.status, "waiting");
      EXPECT_EQ(s.next_attempt_at, now + waits[attempt - 1]);
      EXPECT_TRUE(s.tracking_hash.empty()) << "the next attempt gets a new token";
      EXPECT_TRUE(claim_due_dispatches(sql, "w1", now + waits[attempt - 1] - 1, 10).empty())
          << "not due before its back-off has passed";
      now += waits[attempt - 1];
    } else {
      EXPECT_EQ(*status, DispatchStatus::failed);
      EXPECT_EQ(s.status, "failed");
      EXPECT_TRUE(s.failed);
    }
  }
}

TEST_P(DispatchQueue, RecoveryReleasesUnbegunRowsAndFailsBegunOnes) {
  const int64_t begun = queue(), unbegun = queue(), other = queue();
  soci::session sql(db().pool());
  ASSERT_EQ(claim_due_dispatches(sql, "dead", kNow, 2).size(), 2u);
  ASSERT_TRUE(begin_attempt(sql, begun, "dead", std::string(64, 'b'), kNow));
  ASSERT_EQ(claim_due_dispatches(sql, "alive", kNow + 100, 1).size(), 1u);  // `other`

  // Within the lease nothing is touched; after it, only the dead worker's rows (claimed at kNow)
  // are: `other` was claimed at kNow + 100.
  auto r = recover_interrupted(sql, kNow + 599, 600);
  EXPECT_EQ(r.released + r.failed, 0);
  r = recover_interrupted(sql, kNow + 600, 600);
  EXPECT_EQ(r.released, 1);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(state(unbegun).status, "waiting");
  EXPECT_EQ(state(unbegun).attempts, 0);
  EXPECT_EQ(state(begun).status, "failed");
  EXPECT_EQ(state(begun).error, kInterruptedError);
  EXPECT_EQ(state(other).status, "sending");

  // The dead worker wakes up: its row is no longer its own.
  EXPECT_FALSE(begin_attempt(sql, unbegun, "dead", std::string(64, 'c'), kNow + 601));
  // The truth about the begun row replaces the guess.
  EXPECT_TRUE(mark_received(sql, begun, "dead", "<late@x>", kNow + 602));
  EXPECT_EQ(state(begun).status, "received");
  EXPECT_EQ(state(begun).error, "");

  // recover_worker: a restarted worker of the same name, whatever the age.
  r = recover_worker(sql, "alive", kNow + 101);
  EXPECT_EQ(r.released, 1);
  EXPECT_EQ(state(other).status, "waiting");
}

TEST_P(DispatchQueue, TwoWorkersNeverTakeTheSameRow) {
  constexpr int kRows = 120;
  std::vector<int64_t> ids;
  for (int i = 0; i < kRows; ++i) ids.push_back(queue());
  std::vector<int64_t> taken[2];
  auto work = [&](int w) {
    soci::session sql(db().pool());
    const std::string name = "racer-" + std::to_string(w);
    for (;;) {
      auto batch = claim_due_dispatches(sql, name, kNow, 7);
      if (batch.empty()) break;
      for (const auto& d : batch) {
        taken[w].push_back(d.id);
        EXPECT_TRUE(
            begin_attempt(sql, d.id, name, testing::hex_of(name + std::to_string(d.id)), kNow));
        EXPECT_TRUE(mark_received(sql, d.id, name, "<" + std::to_string(d.id) + "@x>", kNow));
      }
    }
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  std::multiset<int64_t> all(taken[0].begin(), taken[0].end());
  all.insert(taken[1].begin(), taken[1].end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), static_cast<size_t>(kRows))
      << "a row was taken twice";
  EXPECT_FALSE(taken[0].empty() && taken[1].empty());
  for (int64_t id : ids) EXPECT_EQ(state(id).status, "received");
}

TEST_P(DispatchQueue, OpeningTheLinkCountsAndMovesTheStatusOn) {
  const int64_t id = queue(), failed = queue();
  soci::session sql(db().pool());
  ASSERT_EQ(claim_due_dispatches(sql, "w", kNow, 10).size(), 2u);
  ASSERT_TRUE(begin_attempt(sql, id, "w", tracking_token_hash("token-1"), kNow));
  ASSERT_TRUE(mark_received(sql, id, "w", "<m@x>", kNow));
  ASSERT_TRUE(begin_attempt(sql, failed, "w", tracking_token_hash("token-2"), kNow));
  ASSERT_TRUE(mark_failed_permanent(sql, failed, "w", kInterruptedError, kNow));

  EXPECT_FALSE(record_opened(sql, "no-such-token", kNow).has_value());
  auto o = record_opened(sql, "token-1", kNow + 10);
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->dispatch_id, id);
  EXPECT_EQ(o->account_id, case_.account_id);
  EXPECT_EQ(o->case_id, case_.case_id);
  EXPECT_EQ(o->document_id, doc_);
  ASSERT_TRUE(record_opened(sql, "token-1", kNow + 20).has_value());
  auto s = state(id);
  EXPECT_EQ(s.status, "opened");
  EXPECT_EQ(s.open_count, 2);
  long long opened_at = 0;
  sql << "SELECT opened_at FROM dispatches WHERE id = :i", soci::use(static_cast<long long>(id)),
      soci::into(opened_at);
  EXPECT_EQ(opened_at, kNow + 10) << "the first opening";

  ASSERT_TRUE(record_opened(sql, "token-2", kNow + 30).has_value());
  EXPECT_EQ(state(failed).status, "failed") << "a failed row keeps its status";
  EXPECT_EQ(state(failed).open_count, 1) << "but the opening proves it arrived";
}

TEST_P(DispatchQueue, SmsDeliveryReports) {
  const int64_t ok = queue(Channel::sms, kNow - 60, "12345678"),
                bad = queue(Channel::sms, kNow - 60, "87654321");
  soci::session sql(db().pool());
  ASSERT_EQ(claim_due_dispatches(sql, "w", kNow, 10).size(), 2u);
  for (int64_t id : {ok, bad}) {
    ASSERT_TRUE(begin_attempt(sql, id, "w", testing::hex_of("t" + std::to_string(id)), kNow));
    ASSERT_TRUE(mark_sent(sql, id, "w", "gw-" + std::to_string(id), kNow));
  }
  EXPECT_EQ(state(ok).status, "sent");
  EXPECT_FALSE(state(ok).received);
  EXPECT_FALSE(apply_delivery_report(sql, "gw-unknown", DeliveryOutcome::delivered, "", kNow));
  EXPECT_TRUE(apply_delivery_report(sql, "gw-" + std::to_string(ok), DeliveryOutcome::delivered, "",
                                    kNow + 5));
  EXPECT_TRUE(apply_delivery_report(sql, "gw-" + std::to_string(bad), DeliveryOutcome::failed,
                                    "SMS'en kunne ikke leveres (UNDELIVERED).", kNow + 5));
  EXPECT_EQ(state(ok).status, "received");
  EXPECT_TRUE(state(ok).received);
  EXPECT_EQ(state(bad).status, "failed");
  EXPECT_EQ(state(bad).error, "SMS'en kunne ikke leveres (UNDELIVERED).");
}

TEST_P(DispatchQueue, SearchFiltersAndPages) {
  // A second case with another debtor, and rows in several states.
  auto other = testing::insert_case_rows(db(), "Anden Kreditor", "Ærø Øl & Vand", 7);
  {
    soci::session sql(db().pool());
    long long account = case_.account_id, c = other.case_id;
    sql << "UPDATE cases SET account_id = :a WHERE id = :c", soci::use(account), soci::use(c);
    sql << "UPDATE debtors SET account_id = :a WHERE id = :d", soci::use(account),
        soci::use(static_cast<long long>(other.debtor_id));
    other.account_id = case_.account_id;
  }
  const int64_t other_doc = testing::insert_document_row(db(), other, "collection_notice",
                                                         "Inkassovarsel", testing::sample_pdf());
  const int64_t w1 = queue(Channel::email, kNow - 100);
  const int64_t w2 = queue(Channel::sms, kNow - 50, "12345678");
  const int64_t w3 =
      testing::queue_dispatch(db(), other, other_doc, Channel::email, "x@y.dk", kNow - 10);
  const int64_t done = queue(Channel::email, kNow - 200);
  {
    soci::session sql(db().pool());
    sql << "UPDATE dispatches SET status = 'received' WHERE id = :i",
        soci::use(static_cast<long long>(done));
  }
  soci::session sql(db().pool());
  auto ids = [](const DispatchPage& p) {
    std::vector<int64_t> out;
    for (const auto& r : p.rows) out.push_back(r.id);
    return out;
  };
  DispatchQuery q;  // waiting by default, newest first
  EXPECT_EQ(ids(search_dispatches(sql, case_.account_id, q)), (std::vector<int64_t>{w3, w2, w1}));
  q.case_number = 7;
  auto page = search_dispatches(sql, case_.account_id, q);
  ASSERT_EQ(ids(page), (std::vector<int64_t>{w3}));
  EXPECT_EQ(page.rows[0].debtor_name, "Ærø Øl & Vand");
  EXPECT_EQ(page.rows[0].kind, "collection_notice");
  EXPECT_EQ(page.rows[0].title, "Inkassovarsel");
  q = DispatchQuery{};
  q.debtor_name = "ærø";  // lower case finds "Ærø"
  EXPECT_EQ(ids(search_dispatches(sql, case_.account_id, q)), (std::vector<int64_t>{w3}));
  q = DispatchQuery{};
  q.channel = Channel::sms;
  EXPECT_EQ(ids(search_dispatches(sql, case_.account_id, q)), (std::vector<int64_t>{w2}));
  q = DispatchQuery{};
  q.kind = "reminder";
  q.send_from = kNow - 100;
  q.send_before = kNow - 50;
  EXPECT_EQ(ids(search_dispatches(sql, case_.account_id, q)), (std::vector<int64_t>{w1}));
  q = DispatchQuery{};
  q.status = std::nullopt;  // every status
  q.limit = 2;
  q.offset = 2;
  page = search_dispatches(sql, case_.account_id, q);
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(ids(page), (std::vector<int64_t>{w1, done}));
  q.status = DispatchStatus::received;
  q.offset = 0;
  EXPECT_EQ(ids(search_dispatches(sql, case_.account_id, q)), (std::vector<int64_t>{done}));
  EXPECT_EQ(search_dispatches(sql, case_.account_id + 999, DispatchQuery{}).total, 0)
      << "another account sees nothing";

  auto log = list_case_dispatches(sql, case_.account_id, case_.case_id);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].id, w1);
  EXPECT_EQ(log[2].status, DispatchStatus::received);
}

TEST_P(DispatchQueue, OverviewCountsPerMonthAndChannel) {
  // May 2025: 3 e-mails (one opened once, one opened 3 times, one failed), 1 SMS delivered.
  // June 2025: 1 e-mail received. Waiting rows do not count.
  const int64_t may = 1'747'000'000;   // 2025-05-11
  const int64_t june = 1'749'000'000;  // 2025-06-04
  struct Row {
    int64_t send_at;
    Channel ch;
    const char* status;
    int opens;
    bool received;
  } rows[] = {
      {may, Channel::email, "opened", 1, true},    {may, Channel::email, "opened", 3, true},
      {may, Channel::email, "failed", 0, false},   {may, Channel::sms, "received", 0, true},
      {june, Channel::email, "received", 0, true}, {june, Channel::email, "waiting", 0, false}};
  for (const Row& r : rows) {
    const int64_t id = queue(r.ch, r.send_at, r.ch == Channel::sms ? "12345678" : "a@b.dk");
    soci::session sql(db().pool());
    long long i = id, at = r.send_at + 5;
    std::string status = r.status;
    int opens = r.opens;
    soci::indicator sent_i = std::string(r.status) == "waiting" || std::string(r.status) == "failed"
                                 ? soci::i_null
                                 : soci::i_ok;
    soci::indicator recv_i = r.received ? soci::i_ok : soci::i_null;
    sql << "UPDATE dispatches SET status = :s, open_count = :o, sent_at = :t1, received_at = :t2 "
           "WHERE id = :i",
        soci::use(status), soci::use(opens), soci::use(at, sent_i), soci::use(at, recv_i),
        soci::use(i);
  }
  soci::session sql(db().pool());
  auto months =
      dispatch_overview(sql, case_.account_id, Date::ymd(2025, 5, 1), Date::ymd(2025, 6, 30));
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].month, 5);
  EXPECT_EQ(months[0].channel, Channel::email);
  EXPECT_EQ(months[0].sent, 2);
  EXPECT_EQ(months[0].delivered, 2);
  EXPECT_EQ(months[0].opened_once, 1);
  EXPECT_EQ(months[0].opened_more, 1);
  EXPECT_EQ(months[0].failed, 1);
  EXPECT_EQ(months[1].month, 5);
  EXPECT_EQ(months[1].channel, Channel::sms);
  EXPECT_EQ(months[1].delivered, 1);
  EXPECT_EQ(months[2].year, 2025);
  EXPECT_EQ(months[2].month, 6);
  EXPECT_EQ(months[2].sent, 1);
  // The range is inclusive by date: June alone.
  EXPECT_EQ(
      dispatch_overview(sql, case_.account_id, Date::ymd(2025, 6, 1), Date::ymd(2025, 6, 4)).size(),
      1u);
}

TEST_P(DispatchQueue, PrintListsAndMarkingPrinted) {
  const int64_t mine =
      queue(Channel::print_self, kNow - 100, "Jensen Byg ApS\nVej 1\n8000 Aarhus C");
  const int64_t later = queue(Channel::print_self, kNow + 100, "Vej 1");
  const int64_t service = queue(Channel::letter_service, kNow - 50, "Vej 1");
  auto other = testing::insert_case_rows(db(), "Anden Kreditor", "Hansen", 3);
  const int64_t other_doc =
      testing::insert_document_row(db(), other, "reminder", "Rykker nr. 1", testing::sample_pdf(1));
  const int64_t others =
      testing::queue_dispatch(db(), other, other_doc, Channel::letter_service, "Vej 2", kNow - 10);
  const int64_t others_print =
      testing::queue_dispatch(db(), other, other_doc, Channel::print_self, "Vej 2", kNow - 10);

  soci::session sql(db().pool());
  auto list = list_print_queue(sql, case_.account_id, kNow);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].dispatch_id, mine);
  EXPECT_EQ(list[0].document_id, doc_);
  EXPECT_EQ(list[0].case_number, 1042);
  EXPECT_EQ(list[0].title, "Rykker nr. 2");
  // Another account's row is not marked through this account.
  EXPECT_EQ(mark_printed(sql, case_.account_id, {mine, others_print, later}, kNow), 1);
  EXPECT_EQ(state(mine).status, "sent");
  EXPECT_TRUE(state(mine).sent);
  EXPECT_EQ(state(others_print).status, "waiting");
  EXPECT_EQ(state(later).status, "waiting");
  EXPECT_TRUE(list_print_queue(sql, case_.account_id, kNow).empty());

  auto service_list = list_letter_service_queue(sql, kNow);
  ASSERT_EQ(service_list.size(), 2u);  // across accounts, oldest first
  EXPECT_EQ(service_list[0].dispatch_id, service);
  EXPECT_EQ(service_list[0].account_name, "Kreditor A/S");
  EXPECT_EQ(service_list[1].dispatch_id, others);
  EXPECT_EQ(mark_letter_service_printed(sql, {service, others, mine}, kNow), 2);
  EXPECT_TRUE(list_letter_service_queue(sql, kNow).empty());
}

INKASSO_INSTANTIATE_BACKENDS(DispatchQueue);

}  // namespace
}  // namespace inkasso
