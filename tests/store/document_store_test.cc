// Documents on disk (document_store.h), on SQLite and PostgreSQL: written with their action in
// one transaction, the PDF set once and never replaced, withdrawn when the action is deleted,
// opened by the debtor.
#include <gtest/gtest.h>

#include "app/cases.h"
#include "store/case_store.h"
#include "store/document_store.h"
#include "tests/app/fixtures.h"
#include "tests/store/test_databases.h"

namespace inkasso {
namespace {

using testing::BackendTest;

class DocumentStore : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    account_ = testing::insert_company_account(db(), "Kreditor A/S");
    other_account_ = testing::insert_company_account(db(), "Anden Kreditor ApS");
    handler_ = {testing::insert_user(db(), "handler@a.dk")};
    testing::insert_membership(db(), account_, handler_.user_id, Role::case_handler);
    debtor_ = testing::insert_debtor(db(), account_, "Jensen Byg ApS");
    auto box = SecretBox::from_hex(testing::kTestSecretKeyHex);
    ASSERT_TRUE(box.ok());
    NewCase in;
    in.debtor_id = debtor_;
    in.claims.push_back(Claim{"Faktura 1", Date::ymd(2025, 1, 1), Date::ymd(2025, 1, 15),
                              Money::from_kroner(1500)});
    auto c = create_case(db(), clock_, *box, handler_, account_, in);
    ASSERT_TRUE(c.ok()) << c.error().message;
    case_number_ = c->number;
  }

  StoredCase load() {
    soci::session sql(db().pool());
    auto c = load_case(sql, account_, case_number_);
    EXPECT_TRUE(c.ok());
    return *c;
  }

  // Appends a reminder and, in the same transaction, its document. Returns the document id.
  int64_t remind_with_document(const std::string& content) {
    StoredCase base = load();
    Action reminder;
    reminder.type = ActionType::reminder;
    reminder.date = Date::ymd(2025, 1, 20);
    reminder.fee = Money::from_kroner(100);
    CaseEvent events[] = {reminder};
    int64_t id = 0;
    soci::session sql(db().pool());
    auto v = append_events(sql, base, events, ctx(), [&](soci::session& s, int64_t seq) {
      id = insert_document(s, NewDocument{account_, base.id, seq, "reminder", "Rykker nr. 1",
                                          reminder.date, content, handler_.user_id},
                           clock_.now_unix());
    });
    EXPECT_TRUE(v.ok());
    return id;
  }

  ChangeContext ctx() const { return ChangeContext{handler_.user_id, clock_.now_unix(), clock_.today()}; }

  FixedClock clock_{1'748'736'000, Date::ymd(2025, 6, 1)};
  int64_t account_ = 0, other_account_ = 0, debtor_ = 0, case_number_ = 0;
  Actor handler_;
};

TEST_P(DocumentStore, IsWrittenWithItsActionAndRenderedOnce) {
  const int64_t id = remind_with_document("{\"frozen\":true}");
  soci::session sql(db().pool());
  auto waiting = list_unrendered_documents(sql, 10);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].id, id);
  EXPECT_EQ(waiting[0].content_json, "{\"frozen\":true}");

  // Binary bytes, NUL included, survive the base64 round trip.
  const std::string pdf("%PDF-1.5\n\0\xff\x01 end", 17);
  EXPECT_TRUE(store_rendered_pdf(sql, id, pdf, clock_.now_unix()));
  EXPECT_FALSE(store_rendered_pdf(sql, id, "%PDF-other", clock_.now_unix()))
      << "a rendered document is never replaced";
  EXPECT_EQ(load_document_pdf(sql, account_, id), pdf);
  EXPECT_TRUE(list_unrendered_documents(sql, 10).empty());

  auto docs = list_case_documents(sql, account_, load().id);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Rykker nr. 1");
  EXPECT_EQ(docs[0].letter_date, Date::ymd(2025, 1, 20));
  EXPECT_TRUE(docs[0].rendered);
  EXPECT_EQ(docs[0].pdf_bytes, 17);
  EXPECT_EQ(docs[0].event_seq, load().events.back().seq);
}

TEST_P(DocumentStore, BelongsToItsAccountOnly) {
  const int64_t id = remind_with_document("{}");
  soci::session sql(db().pool());
  store_rendered_pdf(sql, id, "%PDF", clock_.now_unix());
  EXPECT_FALSE(find_document(sql, other_account_, id).has_value());
  EXPECT_FALSE(load_document_pdf(sql, other_account_, id).has_value());
  EXPECT_TRUE(list_case_documents(sql, other_account_, load().id).empty());
  EXPECT_TRUE(find_document(sql, account_, id).has_value());
}

TEST_P(DocumentStore, TemplateTextsAreStoredOncePerDistinctTextOfTheAccount) {
  soci::session sql(db().pool());
  const std::string texts = "[\"<p>Rykker {{total}}</p>\"]";
  const int64_t first = intern_letter_texts(sql, account_, texts, clock_.now_unix());
  EXPECT_GT(first, 0);
  EXPECT_EQ(intern_letter_texts(sql, account_, texts, clock_.now_unix()), first)
      << "the same texts: the same row";
  const int64_t edited = intern_letter_texts(sql, account_, "[\"<p>Ny tekst</p>\"]", 0);
  EXPECT_NE(edited, first);
  const int64_t others = intern_letter_texts(sql, other_account_, texts, 0);
  EXPECT_NE(others, first) << "each account its own rows";
  EXPECT_EQ(load_letter_texts(sql, account_, first), texts);
  EXPECT_EQ(load_letter_texts(sql, account_, edited), "[\"<p>Ny tekst</p>\"]");
  EXPECT_FALSE(load_letter_texts(sql, other_account_, first).has_value())
      << "another account's row is not found";
  EXPECT_FALSE(load_letter_texts(sql, account_, others).has_value());
  long long rows = 0;
  sql << "SELECT COUNT(*) FROM letter_texts", soci::into(rows);
  EXPECT_EQ(rows, 3);
}

TEST_P(DocumentStore, DeletingTheActionWithdrawsItsDocumentAndCancelsItsWaitingSending) {
  const int64_t id = remind_with_document("{}");
  const StoredCase base = load();
  {
    soci::session sql(db().pool());
    long long account = account_, case_id = base.id, doc = id, now = clock_.now_unix();
    sql << "INSERT INTO dispatches (account_id, case_id, document_id, channel, recipient, "
           "send_at, status, next_attempt_at, created_at) VALUES (:a, :c, :d, 'email', "
           "'jensen@example.dk', :t, 'waiting', :t2, :t3)",
        soci::use(account), soci::use(case_id), soci::use(doc), soci::use(now), soci::use(now),
        soci::use(now);
  }
  soci::session sql(db().pool());
  ASSERT_TRUE(delete_last_action(sql, base, ctx()).ok());
  auto doc = find_document(sql, account_, id);
  ASSERT_TRUE(doc.has_value()) << "a document that was perhaps sent is kept";
  EXPECT_TRUE(doc->withdrawn);
  std::string status;
  sql << "SELECT status FROM dispatches WHERE document_id = :d", soci::use(id), soci::into(status);
  EXPECT_EQ(status, "cancelled");
}

TEST_P(DocumentStore, AFailedAppendWritesNoDocument) {
  StoredCase base = load();
  Action reminder;
  reminder.type = ActionType::reminder;
  reminder.date = Date::ymd(2025, 1, 20);
  CaseEvent events[] = {reminder};
  soci::session sql(db().pool());
  EXPECT_THROW(append_events(sql, base, events, ctx(),
                             [&](soci::session& s, int64_t seq) {
                               insert_document(s,
                                               NewDocument{account_, base.id, seq, "reminder",
                                                           "Rykker nr. 1", reminder.date, "{}",
                                                           0},
                                               clock_.now_unix());
                               throw std::runtime_error("rendering the sendings failed");
                             }),
               std::runtime_error);
  EXPECT_TRUE(list_case_documents(sql, account_, base.id).empty());
  EXPECT_EQ(load().history.actions.size(), 0u) << "the action is rolled back with it";
}

TEST_P(DocumentStore, ADebtorDownloadCountsAsOpened) {
  const int64_t id = remind_with_document("{}");
  const StoredCase base = load();
  soci::session sql(db().pool());
  long long account = account_, case_id = base.id, doc = id, now = clock_.now_unix();
  for (std::string status : {"received", "failed"})
    sql << "INSERT INTO dispatches (account_id, case_id, document_id, channel, recipient, "
           "send_at, status, next_attempt_at, created_at) VALUES (:a, :c, :d, 'email', "
           "'jensen@example.dk', :t, :s, :t2, :t3)",
        soci::use(account), soci::use(case_id), soci::use(doc), soci::use(now),
        soci::use(status), soci::use(now), soci::use(now);
  record_debtor_opened(sql, account_, id, now + 60);
  record_debtor_opened(sql, account_, id, now + 120);
  auto d = find_document(sql, account_, id);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->debtor_open_count, 2);
  EXPECT_EQ(d->debtor_opened_at, now + 60);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT status, open_count FROM dispatches WHERE document_id = :d "
                      "ORDER BY id",
       soci::use(doc));
  std::vector<std::pair<std::string, int>> got;
  for (const auto& r : rows) got.emplace_back(r.get<std::string>(0), r.get<int>(1));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], std::make_pair(std::string("opened"), 2));
  EXPECT_EQ(got[1], std::make_pair(std::string("failed"), 0)) << "a failed sending stays failed";
}

INKASSO_INSTANTIATE_BACKENDS(DocumentStore);

}  // namespace
}  // namespace inkasso
