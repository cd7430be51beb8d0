#include "store/document_store.h"

#include <map>
#include <stdexcept>

#include "core/assert.h"
#include "store/binary_text.h"
#include "store/row_values.h"

namespace inkasso {

namespace {

Date read_date(const std::string& s) {
  auto d = Date::parse(s);
  if (!d) throw std::runtime_error("documents: unreadable date \"" + s + "\"");
  return *d;
}

// An integer column: SQLite's INTEGER columns (the ids) come back as int, its BIGINT ones and
// PostgreSQL's as long long.
long long i64(const soci::row& r, std::size_t i) {
  if (r.get_properties(i).get_data_type() == soci::dt_integer) return r.get<int>(i);
  return r.get<long long>(i);
}

constexpr const char* kSummaryColumns =
    "id, case_id, event_seq, kind, title, letter_date, rendered_at, withdrawn_at, render_error, "
    "pdf_bytes, debtor_opened_at, debtor_open_count, created_at";

DocumentSummary read_summary(const soci::row& r) {
  DocumentSummary d;
  d.id = i64(r, 0);
  d.case_id = i64(r, 1);
  d.event_seq = i64(r, 2);
  d.kind = r.get<std::string>(3);
  d.title = r.get<std::string>(4);
  d.letter_date = read_date(r.get<std::string>(5));
  d.rendered = r.get_indicator(6) != soci::i_null;
  d.withdrawn = r.get_indicator(7) != soci::i_null;
  if (r.get_indicator(8) != soci::i_null) d.render_error = r.get<std::string>(8);
  if (r.get_indicator(9) != soci::i_null) d.pdf_bytes = i64(r, 9);
  if (r.get_indicator(10) != soci::i_null) d.debtor_opened_at = i64(r, 10);
  d.debtor_open_count = static_cast<int32_t>(i64(r, 11));
  d.created_at = i64(r, 12);
  return d;
}

}  // namespace

int64_t insert_document(soci::session& sql, const NewDocument& document, int64_t now_unix) {
  return insert_documents(sql, std::span(&document, 1), now_unix).front();
}

std::vector<int64_t> insert_documents(soci::session& sql, std::span<const NewDocument> documents,
                                      int64_t now_unix) {
  RowValues values(sql, 9);
  std::map<std::pair<int64_t, int64_t>, size_t> index;  // (case_id, event_seq) → position
  for (const NewDocument& d : documents) {
    INKASSO_ASSERT(d.account_id > 0 && d.case_id > 0 && d.event_seq > 0);
    INKASSO_ASSERT(index.emplace(std::pair(d.case_id, d.event_seq), index.size()).second);
    values.add(d.account_id);
    values.add(d.case_id);
    values.add(d.event_seq);
    values.add(d.kind);
    values.add(d.title);
    values.add(d.letter_date.to_iso());
    values.add(d.content_json);
    values.add(d.created_by, d.created_by > 0 ? soci::i_ok : soci::i_null);
    values.add(now_unix);
  }
  // The ids come back with their keys: neither database promises RETURNING's order.
  std::vector<int64_t> ids(documents.size(), 0);
  long long id = 0, case_id = 0, seq = 0;
  const Returning returned{
      [&](soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(case_id));
        st.exchange(soci::into(seq));
      },
      [&] { ids.at(index.at(std::pair<int64_t, int64_t>(case_id, seq))) = id; }};
  execute_rows(sql,
               "INSERT INTO documents (account_id, case_id, event_seq, kind, title, letter_date, "
               "content_json, created_by, created_at) SELECT * FROM ",
               values, " RETURNING id, case_id, event_seq", &returned);
  return ids;
}

std::vector<DocumentSummary> list_case_documents(soci::session& sql, int64_t account_id,
                                                 int64_t case_id) {
  long long account = account_id, c = case_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kSummaryColumns
                   << " FROM documents WHERE account_id = :a AND case_id = :c "
                      "ORDER BY event_seq, id",
       soci::use(account), soci::use(c));
  std::vector<DocumentSummary> out;
  for (const auto& r : rows) out.push_back(read_summary(r));
  return out;
}

std::optional<DocumentSummary> find_document(soci::session& sql, int64_t account_id,
                                             int64_t document_id) {
  long long account = account_id, id = document_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kSummaryColumns
                   << " FROM documents WHERE account_id = :a AND id = :i",
       soci::use(account), soci::use(id));
  for (const auto& r : rows) return read_summary(r);
  return std::nullopt;
}

std::optional<std::string> load_document_pdf(soci::session& sql, int64_t account_id,
                                             int64_t document_id) {
  long long account = account_id, id = document_id;
  std::string pdf;
  soci::indicator pdf_i = soci::i_null;
  sql << "SELECT pdf_base64 FROM documents WHERE account_id = :a AND id = :i", soci::use(account),
      soci::use(id), soci::into(pdf, pdf_i);
  if (!sql.got_data() || pdf_i == soci::i_null) return std::nullopt;
  return from_base64(pdf, "documents.pdf_base64");
}

std::optional<std::string> load_document_content(soci::session& sql, int64_t account_id,
                                                 int64_t document_id) {
  long long account = account_id, id = document_id;
  std::string content;
  sql << "SELECT content_json FROM documents WHERE account_id = :a AND id = :i", soci::use(account),
      soci::use(id), soci::into(content);
  if (!sql.got_data()) return std::nullopt;
  return content;
}

int64_t intern_letter_texts(soci::session& sql, int64_t account_id, const std::string& texts_json,
                            int64_t now_unix) {
  long long account = account_id, at = now_unix, id = 0;
  std::string hash = sha256_hex(texts_json);
  auto find = [&] {
    sql << "SELECT id FROM letter_texts WHERE account_id = :a AND texts_sha256 = :h",
        soci::use(account), soci::use(hash), soci::into(id);
    return sql.got_data();
  };
  if (find()) return id;
  // Two writers of the same new texts: the second one's insert does nothing, and both find the
  // first one's row.
  sql << "INSERT INTO letter_texts (account_id, texts_sha256, texts_json, created_at) VALUES "
         "(:a, :h, :t, :at) ON CONFLICT (account_id, texts_sha256) DO NOTHING",
      soci::use(account), soci::use(hash), soci::use(texts_json), soci::use(at);
  if (!find()) throw soci::soci_error("letter_texts: the row just written is not there");
  return id;
}

std::optional<std::string> load_letter_texts(soci::session& sql, int64_t account_id,
                                             int64_t texts_id) {
  long long account = account_id, id = texts_id;
  std::string texts;
  sql << "SELECT texts_json FROM letter_texts WHERE id = :i AND account_id = :a", soci::use(id),
      soci::use(account), soci::into(texts);
  if (!sql.got_data()) return std::nullopt;
  return texts;
}

std::vector<UnrenderedDocument> list_unrendered_documents(soci::session& sql, int limit) {
  INKASSO_ASSERT(limit >= 1 && limit <= 1000);
  int n = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, account_id, content_json FROM documents "
                      "WHERE rendered_at IS NULL ORDER BY created_at, id LIMIT :n",
       soci::use(n));
  std::vector<UnrenderedDocument> out;
  for (const auto& r : rows)
    out.push_back(UnrenderedDocument{i64(r, 0), i64(r, 1), r.get<std::string>(2)});
  return out;
}

bool store_rendered_pdf(soci::session& sql, int64_t document_id, const std::string& pdf,
                        int64_t now_unix) {
  INKASSO_ASSERT(!pdf.empty());
  long long id = document_id, now = now_unix, bytes = static_cast<long long>(pdf.size());
  std::string encoded = to_base64(pdf), digest = sha256_hex(pdf);
  soci::transaction tr(sql);
  soci::statement st =
      (sql.prepare << "UPDATE documents SET pdf_base64 = :p, pdf_sha256 = :h, pdf_bytes = :b, "
                      "rendered_at = :t, render_error = NULL "
                      "WHERE id = :i AND rendered_at IS NULL",
       soci::use(encoded), soci::use(digest), soci::use(bytes), soci::use(now), soci::use(id));
  st.execute(true);
  bool written = st.get_affected_rows() == 1;
  tr.commit();
  return written;
}

void store_render_error(soci::session& sql, int64_t document_id, const std::string& error) {
  long long id = document_id;
  sql << "UPDATE documents SET render_error = :e WHERE id = :i AND rendered_at IS NULL",
      soci::use(error), soci::use(id);
}

void withdraw_documents_of_event(soci::session& sql, int64_t case_id, int64_t event_seq,
                                 int64_t now_unix) {
  long long c = case_id, seq = event_seq, now = now_unix;
  sql << "UPDATE dispatches SET status = 'cancelled' WHERE status = 'waiting' AND document_id IN "
         "(SELECT id FROM documents WHERE case_id = :c AND event_seq = :s)",
      soci::use(c), soci::use(seq);
  sql << "UPDATE documents SET withdrawn_at = :t "
         "WHERE case_id = :c AND event_seq = :s AND withdrawn_at IS NULL",
      soci::use(now), soci::use(c), soci::use(seq);
}

void record_debtor_opened(soci::session& sql, int64_t account_id, int64_t document_id,
                          int64_t now_unix) {
  long long account = account_id, id = document_id, now = now_unix;
  soci::transaction tr(sql);
  sql << "UPDATE documents SET debtor_open_count = debtor_open_count + 1, "
         "debtor_opened_at = COALESCE(debtor_opened_at, :t) WHERE account_id = :a AND id = :i",
      soci::use(now), soci::use(account), soci::use(id);
  sql << "UPDATE dispatches SET status = 'opened', open_count = open_count + 1, "
         "opened_at = COALESCE(opened_at, :t) "
         "WHERE account_id = :a AND document_id = :i AND status IN ('sent', 'received', 'opened')",
      soci::use(now), soci::use(account), soci::use(id);
  tr.commit();
}

}  // namespace inkasso
