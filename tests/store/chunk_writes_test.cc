// Many rows in few statements (store/row_values.h) and what batch follow-up writes with them
// (CaseChunkWriter, insert_documents, insert_dispatches), on SQLite and PostgreSQL: every value
// comes back as written (NULLs, quotes, backslashes, Danish letters), sets larger than one
// statement's parameters are split, and a case changed since it was read gets nothing written.
#include <gtest/gtest.h>

#include "app/cases.h"
#include "store/case_store.h"
#include "store/dispatch_store.h"
#include "store/document_store.h"
#include "store/row_values.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class ChunkWrites : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    account_ = testing::insert_company_account(db(), "Kreditor A/S");
    handler_ = {testing::insert_user(db(), "handler@a.dk")};
    testing::insert_membership(db(), account_, handler_.user_id, Role::case_handler);
    debtor_ = testing::insert_debtor(db(), account_, "Jensen Byg ApS");
  }

  // A case with one claim of 1,500 kr. due 15 January 2025; returns its number.
  int64_t make_case() {
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    NewCase in;
    in.debtor_id = debtor_;
    in.claims.push_back(Claim{"Faktura 1", Date::ymd(2025, 1, 1), Date::ymd(2025, 1, 15),
                              Money::from_kroner(1500)});
    auto c = create_case(db(), clock_, *box, handler_, account_, in);
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c->number;
  }

  StoredCase load(int64_t number) {
    soci::session sql(db().pool());
    auto c = load_case(sql, account_, number);
    EXPECT_TRUE(c.ok());
    return *c;
  }

  static Action reminder() {
    Action a;
    a.type = ActionType::reminder;
    a.date = Date::ymd(2025, 1, 20);
    a.fee = Money::from_kroner(100);
    return a;
  }

  ChangeContext ctx() const {
    return ChangeContext{handler_.user_id, clock_.now_unix(), clock_.today()};
  }

  FixedClock clock_{1'748'736'000, Date::ymd(2025, 6, 1)};
  int64_t account_ = 0, debtor_ = 0;
  Actor handler_;
};

TEST_P(ChunkWrites, EveryValueComesBackAsWrittenAcrossStatements) {
  soci::session sql(db().pool());
  // 3 columns: on SQLite 10,000 rows per statement, so 25,001 rows take three statements; on
  // PostgreSQL one array per column. Texts that an array literal or SQL must not misread.
  RowValues rows(sql, 3);
  const std::vector<std::string> texts{
      "æøå ÆØÅ", "it's \"quoted\"", "back\\slash\\", "", "{a,b};c)", "NULL", "line\nbreak"};
  constexpr long long kRows = 25'001;
  for (long long i = 0; i < kRows; ++i) {
    rows.add(i);
    rows.add(texts[static_cast<size_t>(i) % texts.size()], i % 11 == 3 ? soci::i_null : soci::i_ok);
    rows.add(i * 1'000'000'007LL);  // beyond 32 bits
  }
  sql << "CREATE TABLE chunk_probe3 (i BIGINT, t TEXT, big BIGINT)";
  execute_rows(sql, "INSERT INTO chunk_probe3 (i, t, big) SELECT * FROM ", rows);

  long long count = 0, sum = 0;
  sql << "SELECT COUNT(*), SUM(i) FROM chunk_probe3", soci::into(count), soci::into(sum);
  EXPECT_EQ(count, kRows);
  EXPECT_EQ(sum, kRows * (kRows - 1) / 2);  // 0 + 1 + ... + 25,000: each row once
  long long i = 0, big = 0;
  std::string t;
  soci::indicator t_i = soci::i_ok;
  soci::statement st = (sql.prepare << "SELECT i, t, big FROM chunk_probe3 ORDER BY i",
                        soci::into(i), soci::into(t, t_i), soci::into(big));
  st.execute();
  long long expected = 0;
  while (st.fetch()) {
    ASSERT_EQ(i, expected);
    if (i % 11 == 3) {
      EXPECT_EQ(t_i, soci::i_null) << i;
    } else {
      ASSERT_EQ(t_i, soci::i_ok) << i;
      EXPECT_EQ(t, texts[static_cast<size_t>(i) % texts.size()]) << i;
    }
    EXPECT_EQ(big, i * 1'000'000'007LL);
    ++expected;
  }
  EXPECT_EQ(expected, kRows);
}

TEST_P(ChunkWrites, ACaseChangedSinceItWasReadGetsNothingWrittenTheOthersTheirEvents) {
  const int64_t a = make_case(), b = make_case(), c = make_case();
  const StoredCase read_a = load(a), read_b = load(b), read_c = load(c);
  // Somebody writes case b after it was read.
  {
    soci::session sql(db().pool());
    CaseEvent e = reminder();
    ASSERT_TRUE(append_events(sql, read_b, std::span(&e, 1), ctx()));
  }
  CaseChunkWriter writer;
  const CaseEvent e = reminder();
  for (const StoredCase* s : {&read_a, &read_b, &read_c}) {
    auto first = writer.add(*s, std::span(&e, 1), ctx());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(*first, s->last_seq() + 1);
  }
  EXPECT_EQ(writer.add(read_a, std::span(&e, 1), ctx()).error().code, "conflict")
      << "a case once per write";
  soci::session sql(db().pool());
  std::set<int64_t> written;
  {
    soci::transaction tx(sql);
    written = writer.write(sql);
    tx.commit();
  }
  EXPECT_EQ(written, (std::set<int64_t>{read_a.id, read_c.id}));
  for (int64_t n : {a, c}) {
    const StoredCase after = load(n);
    EXPECT_EQ(after.version, read_a.version + 1);
    ASSERT_EQ(after.history.actions.size(), 1u);
    EXPECT_EQ(after.history.actions[0].fee, Money::from_kroner(100));
    // The cache is the history's: 1,500 kr. principal plus the 100 kr. reminder fee and
    // interest from 15 January (not asserted here: the engine's tests do).
    std::string last_type;
    long long id = after.id;
    sql << "SELECT last_action_type FROM cases WHERE id = :i", soci::use(id), soci::into(last_type);
    EXPECT_EQ(last_type, "reminder");
  }
  const StoredCase b_after = load(b);
  EXPECT_EQ(b_after.history.actions.size(), 1u) << "only the other writer's reminder";
  EXPECT_EQ(b_after.version, read_b.version + 1);
}

TEST_P(ChunkWrites, AnInvalidHistoryIsRefusedWhenAddedAndNothingIsKept) {
  const StoredCase read = load(make_case());
  Action negative = reminder();
  negative.fee = Money::from_kroner(-100);  // validate_history: "must not be negative"
  const CaseEvent e = negative;
  CaseChunkWriter writer;
  auto refused = writer.add(read, std::span(&e, 1), ctx());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_case");
  soci::session sql(db().pool());
  EXPECT_TRUE(writer.write(sql).empty());
  EXPECT_EQ(load(read.number).version, read.version);
}

TEST_P(ChunkWrites, DocumentsGetTheirIdsInTheOrderGivenAndSendingsFollow) {
  const StoredCase x = load(make_case()), y = load(make_case());
  soci::session sql(db().pool());
  soci::transaction tx(sql);
  std::vector<NewDocument> docs;
  for (int i = 0; i < 3; ++i)
    for (const StoredCase* c : {&y, &x})  // not in id order
      docs.push_back(NewDocument{account_, c->id, 10 + i, "reminder", "Rykker " + std::to_string(i),
                                 Date::ymd(2025, 1, 20), "{\"n\":" + std::to_string(i) + "}",
                                 handler_.user_id});
  const std::vector<int64_t> ids = insert_documents(sql, docs, clock_.now_unix());
  ASSERT_EQ(ids.size(), docs.size());
  std::vector<NewDispatch> sendings;
  for (size_t i = 0; i < docs.size(); ++i) {
    auto summary = find_document(sql, account_, ids[i]);
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->case_id, docs[i].case_id);
    EXPECT_EQ(summary->event_seq, docs[i].event_seq);
    EXPECT_EQ(load_document_content(sql, account_, ids[i]), docs[i].content_json);
    NewDispatch d;
    d.account_id = account_;
    d.case_id = docs[i].case_id;
    d.document_id = ids[i];
    d.channel = Channel::email;
    d.recipient = "skyldner" + std::to_string(i) + "@example.dk";
    d.subject = "Rykker fra Kreditor A/S";
    d.send_at = clock_.now_unix() + 60;
    sendings.push_back(d);
  }
  insert_dispatches(sql, sendings, clock_.now_unix());
  tx.commit();
  long long waiting = 0, matched = 0;
  sql << "SELECT COUNT(*) FROM dispatches WHERE status = 'waiting' AND next_attempt_at = send_at",
      soci::into(waiting);
  sql << "SELECT COUNT(*) FROM dispatches x JOIN documents d ON d.id = x.document_id AND "
         "d.case_id = x.case_id",
      soci::into(matched);
  EXPECT_EQ(waiting, 6);
  EXPECT_EQ(matched, 6);
}

INKASSO_INSTANTIATE_BACKENDS(ChunkWrites);

}  // namespace
}  // namespace inkasso
