#include "app/letters.h"

#include <algorithm>
#include <span>

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "app/courts.h"
#include "app/debtors.h"
#include "app/letter_templates.h"
#include "app/local_time.h"
#include "app/portal.h"
#include "core/rules.h"
#include "docs/letter_data.h"
#include "docs/letter_pdf.h"
#include "docs/templates.h"
#include "store/case_store.h"
#include "store/dispatch_store.h"

namespace inkasso {

LetterCreditor letter_creditor_of(const Account& a) {
  LetterCreditor c;
  c.name = a.name;
  c.street = a.street;
  c.postal_code = a.postal_code;
  c.city = a.city;
  c.cvr = a.cvr;
  c.phone = a.phone;
  c.email = a.email;
  c.bank_name = a.bank_name;
  c.reg_no = a.reg_no;
  c.account_no = a.account_no;
  c.fi_creditor_no = a.fi_creditor_no.value_or("");
  return c;
}

namespace {

LetterParty debtor_of(const Debtor& d) {
  LetterParty p;
  p.name = d.name;
  p.street = d.street;
  p.postal_code = d.postal_code;
  p.city = d.city;
  p.cvr = d.cvr;
  p.cpr = d.cpr_masked;
  p.phone = d.mobile.empty() ? d.phone : d.mobile;
  p.email = d.email;
  return p;
}

// The account's own text of each part, or the product's default.
std::vector<std::string> template_texts(soci::session& sql, int64_t account_id,
                                        const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  long long account = account_id;
  for (const std::string& key : keys) {
    std::string body;
    soci::indicator body_i = soci::i_null;
    sql << "SELECT body FROM letter_templates WHERE account_id = :a AND template_key = :k",
        soci::use(account), soci::use(key), soci::into(body, body_i);
    if (sql.got_data() && body_i == soci::i_ok)
      out.push_back(body);
    else
      out.emplace_back(default_template(key));
  }
  return out;
}

std::string email_body(const Account& creditor, const std::string& debtor_name,
                       const std::string& title) {
  return "Kære " + debtor_name + "\n\nVedhæftet finder du " + title + " fra " + creditor.name +
         ".\n\nDu kan se sagen, dine dokumenter og hvordan du betaler her:\n{{link}}\n\n"
         "Har du spørgsmål, så svar på denne e-mail.\n\nMed venlig hilsen\n" +
         creditor.name + "\n";
}

std::string sms_body(const Account& creditor, const std::string& title) {
  return creditor.name + ": Du har modtaget " + title + ". Se brevet og betal her: {{link}}";
}

}  // namespace

std::string document_title(ActionType type, int reminder_number, const std::string& subject) {
  if (type == ActionType::letter && !subject.empty()) return subject;
  if (type == ActionType::reminder) return "Rykker nr. " + std::to_string(reminder_number);
  auto keys = template_keys_for(type);
  return keys.empty() ? std::string() : std::string(template_title(keys.front()));
}

std::string document_content_json(const std::string& letter_json, int64_t templates_id,
                                  int64_t logo_id) {
  std::string out;
  out.reserve(letter_json.size() + 64);
  out += "{\"letter\":";
  out += letter_json;
  if (logo_id > 0) out += ",\"logo_id\":" + std::to_string(logo_id);
  out += ",\"templates_id\":" + std::to_string(templates_id);
  out += '}';
  return out;
}

Result<LetterSource> letter_source(Database& db, const Actor& actor, int64_t account_id) {
  auto account = get_account(db, actor, account_id);
  if (!account) return account.error();
  LetterSource source;
  source.account = std::move(*account);
  soci::session sql(db.pool());
  source.logo_id = current_logo_id(sql, account_id);
  return source;
}

Result<std::optional<DocumentDraft>> draft_document(
    soci::session& sql, const Clock& clock, const SecretBox& box, const Installation& inst,
    const Actor& actor, LetterSource& source, const StoredCase& c, const Debtor& debtor,
    const Action& action, const SendingChoice& sending, const LetterText& letter) {
  const std::vector<std::string> keys = template_keys_for(action.type);
  if (keys.empty()) return std::optional<DocumentDraft>();
  const int64_t now = clock.now_unix();
  // The sending time as the form checks it (app/local_time.h): not in the past, at most a year
  // ahead.
  if (sending.send_at && (*sending.send_at < now - kSendingTimeSlackSeconds ||
                          *sending.send_at > now + kSendingTimeMaxAheadSeconds))
    return invalid("send_at", "Afsendelsestidspunktet skal ligge fra nu og højst et år frem.");
  if (sending.email && debtor.email.empty())
    return invalid("sending",
                   "Skyldner har ingen e-mailadresse. Tilføj den på skyldneren, eller "
                   "vælg en anden forsendelse.");
  if (sending.sms && debtor.mobile.empty())
    return invalid("sending",
                   "Skyldner har intet mobilnummer. Tilføj det på skyldneren, eller "
                   "vælg en anden forsendelse.");
  const Account& account = source.account;

  LetterInput in;
  in.history = c.history;
  in.history.actions.push_back(action);
  in.action_index = in.history.actions.size() - 1;
  in.case_number = c.number;
  // The logo is referred to by id (document_content_json), not copied into the data.
  in.creditor = letter_creditor_of(account);
  in.debtor = debtor_of(debtor);
  // A court document is addressed to the debtor's court when the postal code decides it (the
  // creditor chooses among several when filing, app/courts.h).
  if (action.type == ActionType::payment_order || action.type == ActionType::enforcement_request)
    in.court = court_for_debtor(sql, debtor.postal_code);
  in.subject = letter.subject;
  in.text = letter.text;
  if (auto password = case_portal_password(box, c)) {
    in.portal.url = inst.public_url + "/portal";
    in.portal.case_id = std::to_string(c.id);
    in.portal.password = *password;
    in.portal.direct_link = inst.public_url + portal_direct_link_path(box, c.id, *password);
  }
  auto data = build_letter_data(in);
  if (!data) return make_error(app_error::kInvalid, data.error().message);
  const std::string title = document_title(action.type, data->reminder_number, letter.subject);

  auto texts = source.template_texts_id.find(action.type);
  if (texts == source.template_texts_id.end()) {
    const std::string json = nlohmann::json(template_texts(sql, account.id, keys)).dump();
    texts = source.template_texts_id
                .emplace(action.type, intern_letter_texts(sql, account.id, json, now))
                .first;
  }
  DocumentDraft draft;
  draft.document =
      NewDocument{account.id,
                  c.id,
                  0,
                  std::string(to_string(action.type)),
                  title,
                  action.date,
                  document_content_json(letter_to_json(*data), texts->second, source.logo_id),
                  actor.user_id};
  const int64_t send_at = sending.send_at.value_or(now);
  auto queue = [&](Channel channel, const std::string& recipient, const std::string& body) {
    NewDispatch d;
    d.account_id = account.id;
    d.case_id = c.id;
    d.channel = channel;
    d.recipient = recipient;
    d.reply_to = account.email;
    d.sender_name = account.name;
    d.subject = title + " fra " + account.name + " (sag " + std::to_string(c.number) + ")";
    d.body = body;
    d.send_at = send_at;
    d.created_by = actor.user_id;
    draft.sendings.push_back(std::move(d));
  };
  if (sending.email) queue(Channel::email, debtor.email, email_body(account, debtor.name, title));
  if (sending.sms) queue(Channel::sms, debtor.mobile, sms_body(account, title));
  std::string address =
      debtor.name + ", " + debtor.street + ", " + debtor.postal_code + " " + debtor.city;
  if (sending.print_self) queue(Channel::print_self, address, "");
  if (sending.letter_service) queue(Channel::letter_service, address, "");
  return std::optional<DocumentDraft>(std::move(draft));
}

std::vector<int64_t> write_documents(soci::session& sql, std::span<DocumentDraft* const> drafts,
                                     int64_t now_unix) {
  std::vector<NewDocument> documents;
  documents.reserve(drafts.size());
  for (const DocumentDraft* d : drafts) documents.push_back(d->document);
  const std::vector<int64_t> ids = insert_documents(sql, documents, now_unix);
  std::vector<NewDispatch> sendings;
  for (size_t i = 0; i < drafts.size(); ++i)
    for (NewDispatch& d : drafts[i]->sendings) {
      d.document_id = ids[i];
      sendings.push_back(d);
    }
  insert_dispatches(sql, sendings, now_unix);
  return ids;
}

Result<ActionWithDocument> add_action_with_document(
    Database& db, const Clock& clock, const SecretBox& box, const Installation& inst,
    const Actor& actor, int64_t account_id, int64_t case_number, int64_t expected_version,
    const Action& action, const SendingChoice& sending, const LetterText& letter) {
  if (template_keys_for(action.type).empty()) {
    auto v = add_action(db, clock, actor, account_id, case_number, expected_version, action);
    if (!v) return v.error();
    return ActionWithDocument{*v, std::nullopt, 0};
  }

  // Everything the letter shows is read and computed before the write; the write then checks
  // that the case is still at the version read, so the letter matches the case it joins.
  auto view = get_case(db, clock, actor, account_id, case_number);
  if (!view) return view.error();
  if (view->stored.version != expected_version) return conflict();
  if (view->role < Role::case_handler) return forbidden();
  if (auto st = check_new_action(view->stored.history, action); !st) return st.error();
  auto source = letter_source(db, actor, account_id);
  if (!source) return source.error();
  auto debtor = get_debtor(db, box, actor, account_id, view->stored.debtor_id);
  if (!debtor) return debtor.error();
  std::optional<DocumentDraft> draft;
  {
    soci::session sql(db.pool());
    auto made = draft_document(sql, clock, box, inst, actor, *source, view->stored, *debtor, action,
                               sending, letter);
    if (!made) return made.error();
    draft = std::move(*made);
  }

  const int64_t now = clock.now_unix();
  std::optional<int64_t> document_id;
  auto along = [&](soci::session& sql, int64_t seq) {
    draft->document.event_seq = seq;
    DocumentDraft* drafts[] = {&*draft};
    document_id = write_documents(sql, drafts, now).front();
  };
  auto version =
      add_action(db, clock, actor, account_id, case_number, expected_version, action, along);
  if (!version) return version.error();
  return ActionWithDocument{*version, document_id, static_cast<int>(draft->sendings.size())};
}

Result<std::vector<DocumentSummary>> list_documents(Database& db, const Actor& actor,
                                                    int64_t account_id, int64_t case_number) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  auto c = load_case(sql, account_id, case_number);
  if (!c) return not_found("Sagen");
  return list_case_documents(sql, account_id, c->id);
}

std::vector<CaseDocument> case_documents(Database& db, const CaseView& view) {
  soci::session sql(db.pool());
  std::vector<CaseDocument> out;
  for (DocumentSummary& d : list_case_documents(sql, view.stored.account_id, view.stored.id))
    out.push_back(CaseDocument{std::move(d), {}});
  if (out.empty()) return out;
  for (DispatchRow& r : list_case_dispatches(sql, view.stored.account_id, view.stored.id))
    for (CaseDocument& d : out)
      if (d.document.id == r.document_id) d.sendings.push_back(std::move(r));
  return out;
}

Result<DocumentFile> document_pdf(Database& db, const Actor& actor, int64_t account_id,
                                  int64_t case_number, int64_t document_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  auto c = load_case(sql, account_id, case_number);
  if (!c) return not_found("Sagen");
  auto summary = find_document(sql, account_id, document_id);
  if (!summary || summary->case_id != c->id) return not_found("Dokumentet");
  auto pdf = load_document_pdf(sql, account_id, document_id);
  if (!pdf) return not_found("Dokumentet");
  // An ASCII file name from the title: browsers and mail programs all keep it.
  std::string name;
  for (char ch : summary->title) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) && u < 0x80)
      name += static_cast<char>(std::tolower(u));
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.empty()) name = "dokument";
  return DocumentFile{std::move(*pdf), name + "-sag-" + std::to_string(case_number) + ".pdf"};
}

std::optional<std::string> follow_tracking_link(Database& db, const Clock& clock,
                                                const SecretBox& box, std::string_view token) {
  soci::session sql(db.pool());
  auto opened = record_opened(sql, token, clock.now_unix());
  if (!opened) return std::nullopt;
  auto c = load_case_by_id(sql, opened->account_id, opened->case_id);
  if (!c) return std::nullopt;  // the case was deleted since
  auto password = case_portal_password(box, CaseView{std::move(*c), {}, Role::case_handler});
  if (!password) return std::nullopt;
  return portal_direct_link_path(box, opened->case_id, *password);
}

Result<LetterDocument> letter_document_of(soci::session& sql, int64_t account_id,
                                          const std::string& content_json) {
  const Error unreadable = make_error(app_error::kInvalid, "Dokumentets indhold kan ikke læses.");
  auto parsed = nlohmann::json::parse(content_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("letter")) return unreadable;
  // The texts: a letter_texts row, or (content written before migration 0017) inline.
  nlohmann::json texts;
  if (auto id = parsed.find("templates_id"); id != parsed.end() && id->is_number_integer()) {
    auto stored = load_letter_texts(sql, account_id, id->get<int64_t>());
    if (!stored) return unreadable;
    texts = nlohmann::json::parse(*stored, nullptr, false);
  } else if (auto inline_texts = parsed.find("templates"); inline_texts != parsed.end()) {
    texts = *inline_texts;
  }
  if (!texts.is_array()) return unreadable;
  auto data = letter_from_json(parsed["letter"].dump());
  if (!data) return make_error(app_error::kInvalid, data.error().message);
  LetterDocument letter{std::move(*data), {}};
  for (const auto& t : texts) {
    if (!t.is_string()) return unreadable;
    letter.template_texts.push_back(t.get<std::string>());
  }
  if (auto logo = parsed.find("logo_id"); logo != parsed.end() && logo->is_number_integer())
    letter.data.creditor.logo_png = logo_png_by_id(sql, account_id, logo->get<int64_t>());
  return letter;
}

int render_pending_documents(Database& db, const Clock& clock, int limit) {
  soci::session sql(db.pool());
  int rendered = 0;
  for (const UnrenderedDocument& doc : list_unrendered_documents(sql, limit)) {
    auto letter = letter_document_of(sql, doc.account_id, doc.content_json);
    if (!letter) {
      store_render_error(sql, doc.id, letter.error().message);
      continue;
    }
    auto pdf = render_pdf(std::span<const LetterDocument>(&*letter, 1));
    if (!pdf) {
      store_render_error(sql, doc.id, pdf.error().message);
      continue;
    }
    if (store_rendered_pdf(sql, doc.id, *pdf, clock.now_unix())) ++rendered;
  }
  return rendered;
}

}  // namespace inkasso
