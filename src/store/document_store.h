// Documents on disk: what an action made (a letter), its content frozen at creation and its PDF,
// rendered once in the background and never changed afterwards (table `documents`, migration
// 0007). The dispatches of a document (its sendings) are in dispatch_store.h.
//
// Immutability: the content is written with the row; the PDF is set once (`store_rendered_pdf`
// only writes a row whose PDF is still missing), so a document is shown again exactly as sent.
// Deleting the action that made a document does not delete it (it was perhaps sent): it is
// marked withdrawn and its waiting sendings are cancelled.
//
// Errors: database failures throw soci::soci_error (caught once per entry point).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.h"

namespace inkasso {

struct NewDocument {
  int64_t account_id = 0;
  int64_t case_id = 0;
  int64_t event_seq = 0;  // the action's seq in case_events
  std::string kind;       // the action type's name (core/case_model.h to_string(ActionType))
  std::string title;      // Danish, e.g. "Rykker nr. 2"
  Date letter_date;
  std::string content_json;  // the letter's data and template texts (src/docs), frozen
  int64_t created_by = 0;    // user id, 0 when unknown
};

// Inserts the row inside the CALLER's transaction (the action, its document and its sendings
// are one transaction). Returns the new id.
int64_t insert_document(soci::session& sql, const NewDocument& document, int64_t now_unix);

// The same for many documents, in one statement however many (store/row_values.h; batch
// follow-up writes 250 at a time); at most one per action (case_id, event_seq). Returns their
// ids in the order given.
std::vector<int64_t> insert_documents(soci::session& sql, std::span<const NewDocument> documents,
                                      int64_t now_unix);

// A document without its content and PDF: for lists.
struct DocumentSummary {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t event_seq = 0;
  std::string kind;
  std::string title;
  Date letter_date;
  bool rendered = false;
  bool withdrawn = false;
  std::optional<std::string> render_error;
  int64_t pdf_bytes = 0;
  std::optional<int64_t> debtor_opened_at;
  int32_t debtor_open_count = 0;
  int64_t created_at = 0;
};

// The documents of a case, oldest first (withdrawn ones included: the caller decides).
std::vector<DocumentSummary> list_case_documents(soci::session& sql, int64_t account_id,
                                                 int64_t case_id);

// One document's summary, when it belongs to the account (and the case, when given).
std::optional<DocumentSummary> find_document(soci::session& sql, int64_t account_id,
                                             int64_t document_id);

// The PDF's bytes, when the document belongs to the account and has been rendered.
std::optional<std::string> load_document_pdf(soci::session& sql, int64_t account_id,
                                             int64_t document_id);

// The frozen content of a document of the account (to render it again, e.g. into the merged PDF
// of the documents to print: the same content and fonts give the same pages).
std::optional<std::string> load_document_content(soci::session& sql, int64_t account_id,
                                                 int64_t document_id);

// The template texts documents are made with (a JSON array, one text per part), stored once per
// distinct text of the account (table letter_texts, migration 0017); returns the row's id for
// the document's content to refer to. The same texts give the same row, whoever asks first:
// rows are never changed or deleted. Its own statement, inside or outside a transaction.
int64_t intern_letter_texts(soci::session& sql, int64_t account_id, const std::string& texts_json,
                            int64_t now_unix);

// The texts of a letter_texts row of the account, nullopt when there is none.
std::optional<std::string> load_letter_texts(soci::session& sql, int64_t account_id,
                                             int64_t texts_id);

// A document waiting to be rendered: its frozen content.
struct UnrenderedDocument {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string content_json;
};

// Documents whose PDF is still missing, oldest first, at most `limit` (1..1000).
std::vector<UnrenderedDocument> list_unrendered_documents(soci::session& sql, int limit);

// Sets the PDF of a document that has none yet (its own transaction). Returns false when the
// document already had one (rendered by another worker meanwhile): the first PDF stays.
bool store_rendered_pdf(soci::session& sql, int64_t document_id, const std::string& pdf,
                        int64_t now_unix);

// Records that rendering failed (the reason is shown to the creditor; rendering is retried).
void store_render_error(soci::session& sql, int64_t document_id, const std::string& error);

// The documents made by the case's action at `event_seq` are withdrawn (delete last action) and
// their waiting sendings cancelled. Runs inside the CALLER's transaction.
void withdraw_documents_of_event(soci::session& sql, int64_t case_id, int64_t event_seq,
                                 int64_t now_unix);

// The debtor downloaded the document in the portal: counts as opened, for the document and for
// every sending of it that was sent or received (a failed or cancelled one keeps its status).
void record_debtor_opened(soci::session& sql, int64_t account_id, int64_t document_id,
                          int64_t now_unix);

}  // namespace inkasso
