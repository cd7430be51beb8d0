// Letters: the document an action makes, and how it is sent.
//
// Creating an action that makes a document (docs/templates.h template_keys_for) writes, in the
// action's own transaction, the document (its letter data from the engine, frozen as JSON with
// references to the account's current logo and template texts; document_store.h) and one
// sending per chosen channel (dispatch_store.h). Rendering the PDF happens later, in the
// background (render_pending_documents, called by the dispatch worker before each round), so
// that creating hundreds of actions does not wait for PDFs; a sending is only handed over once
// its document is rendered.
//
// Authorisation as in cases.h: writing needs case_handler, reading a document guest. Errors:
// app_error codes (context.h) and the engine's refusals, as add_action.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/cases.h"
#include "app/context.h"
#include "app/debtors.h"
#include "app/secrets.h"
#include "core/case_model.h"
#include "docs/letter_pdf.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/document_store.h"

namespace inkasso {

// What the installation adds to every letter and message.
struct Installation {
  std::string public_url = "http://127.0.0.1:8080";  // the portal's address, no trailing slash
};

// How the creditor sends the document (the action form's "Forsendelse"). None chosen: the
// document is made and kept on the case, to show, print or send later.
struct SendingChoice {
  bool email = false;              // to the debtor's e-mail address
  bool sms = false;                // to the debtor's mobile number: a short text with the link
  bool print_self = false;         // "Send selv": on the list of documents to print
  bool letter_service = false;     // "Brevservice": printed and posted by the installation
  std::optional<int64_t> send_at;  // Unix seconds; default now
};

// The free letter's own content (ActionType::letter).
struct LetterText {
  std::string subject;
  std::string text;
};

struct ActionWithDocument {
  int64_t version = 0;
  std::optional<int64_t> document_id;  // none when the action makes no document
  int sendings = 0;
};

// Adds `action` as add_action does (the engine's check first) and, when the action makes a
// document, the document and its sendings in the same transaction. A channel the debtor cannot
// be reached on (no e-mail address, no mobile number) is refused as invalid with field
// "sending", nothing written. (Batch follow-up writes many such actions in one transaction with
// draft_document and write_documents, app/followup_run.cc.)
Result<ActionWithDocument> add_action_with_document(
    Database& db, const Clock& clock, const SecretBox& box, const Installation& inst,
    const Actor& actor, int64_t account_id, int64_t case_number, int64_t expected_version,
    const Action& action, const SendingChoice& sending, const LetterText& letter = {});

// What every letter of an account is made from, read once per request (batch follow-up reads
// it once for a whole run): the account and its current logo; the template texts of each
// action type are read when first needed, stored once (store/document_store.h
// intern_letter_texts) and their row's id kept for the documents to refer to.
struct LetterSource {
  Account account;
  int64_t logo_id = 0;  // the account's current logo (0: the product's own)
  std::map<ActionType, int64_t> template_texts_id;
};
Result<LetterSource> letter_source(Database& db, const Actor& actor, int64_t account_id);

// A document and its sendings as they will be written in the transaction of the action that
// makes them (write_document).
struct DocumentDraft {
  NewDocument document;               // event_seq is set when written
  std::vector<NewDispatch> sendings;  // document_id is set when written
};

// The document `action` makes on case `c` of debtor `debtor` (read by the caller, who has
// checked the actor's role in the account), or nullopt when the action makes none. Refused as
// add_action_with_document refuses: a sending time in the past or over a year ahead (field
// "send_at"), a channel the debtor cannot be reached on (field "sending"). Reads the court of
// a court document and, once per action type, the template texts.
Result<std::optional<DocumentDraft>> draft_document(
    soci::session& sql, const Clock& clock, const SecretBox& box, const Installation& inst,
    const Actor& actor, LetterSource& source, const StoredCase& c, const Debtor& debtor,
    const Action& action, const SendingChoice& sending, const LetterText& letter = {});

// Writes drafts inside their actions' transaction, each with document.event_seq set to its
// action's event: the documents in one statement, then all their sendings in one (batch
// follow-up writes 250 at a time). Returns the documents' ids in the order given.
std::vector<int64_t> write_documents(soci::session& sql, std::span<DocumentDraft* const> drafts,
                                     int64_t now_unix);

// The letterhead and bank details of the account, as every letter of it shows them; the logo
// is left empty (the caller adds the account's current one, app/letter_templates.h).
LetterCreditor letter_creditor_of(const Account& account);

// The Danish title of a document, e.g. "Rykker nr. 2", "Inkassovarsel", or a letter's subject.
std::string document_title(ActionType type, int reminder_number, const std::string& subject);

// The documents of a case (withdrawn ones included, marked), oldest first.
Result<std::vector<DocumentSummary>> list_documents(Database& db, const Actor& actor,
                                                    int64_t account_id, int64_t case_number);

// A document with its sendings, for the case page's timeline.
struct CaseDocument {
  DocumentSummary document;
  std::vector<DispatchRow> sendings;
};

// The documents of a case read with get_case (the case page), with their sendings; two queries.
std::vector<CaseDocument> case_documents(Database& db, const CaseView& view);

struct DocumentFile {
  std::string pdf;
  std::string file_name;  // ASCII, e.g. "rykker-nr-2-sag-12.pdf"
};

// The PDF of a document of the case; not_found when it is another case's or not rendered yet.
Result<DocumentFile> document_pdf(Database& db, const Actor& actor, int64_t account_id,
                                  int64_t case_number, int64_t document_id);

// Renders up to `limit` documents still without a PDF; returns how many were rendered. A
// document that cannot be rendered keeps its error (shown to the creditor) and is tried again
// next round. Safe to run in several processes at once: the first PDF stored wins.
int render_pending_documents(Database& db, const Clock& clock, int limit = 100);

// The debtor followed the link of an e-mail or SMS (`<public url>/aabn/<token>`): the sending
// counts as opened (dispatch_store.h record_opened), and the answer is the portal's direct-link
// path for the case, which logs the debtor in. nullopt for an unknown token.
std::optional<std::string> follow_tracking_link(Database& db, const Clock& clock,
                                                const SecretBox& box, std::string_view token);

// The stored document content: the letter's data, the id of its template texts (a letter_texts
// row, one text per part) and the id of the account's logo it was made with (0: the product's
// own; the letter data then carries no image). Both rows never change, so a reference is as
// frozen as a copy, and 10,000 letters do not store 10,000 copies of the same texts and logo.
// The letter's JSON goes in as it is (no parsing: a batch writes thousands).
std::string document_content_json(const std::string& letter_json, int64_t templates_id,
                                  int64_t logo_id = 0);
// And back, ready to render (docs/letter_pdf.h), the texts and logo read from account
// `account_id`'s rows. Content written before these references carries the texts ("templates")
// and the image itself, and is read as it is. invalid_input when it cannot be read.
Result<LetterDocument> letter_document_of(soci::session& sql, int64_t account_id,
                                          const std::string& content_json);

}  // namespace inkasso
