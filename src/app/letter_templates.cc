#include "app/letter_templates.h"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "app/accounts.h"
#include "app/letters.h"
#include "core/case_model.h"
#include "docs/letter_data.h"
#include "docs/letter_pdf.h"
#include "docs/sample_letters.h"
#include "docs/templates.h"
#include "store/binary_text.h"

namespace inkasso {

namespace {

// Browsers send a textarea's line ends as CR LF; the templates are stored with LF only, so that
// the same text typed twice is the same text.
std::string normalised_body(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;
    out += body[i];
  }
  return out;
}

Error template_not_found() {
  return not_found("Skabelonen");
}

// The account's own text of `key`, with who changed it and when; nullopt for the default.
std::optional<LetterTemplate> stored_template(soci::session& sql, int64_t account_id,
                                              const std::string& key) {
  long long account = account_id, updated_at = 0;
  std::string body, by;
  soci::indicator by_i = soci::i_null;
  sql << "SELECT t.body, t.updated_at, u.first_name || ' ' || u.last_name "
         "FROM letter_templates t LEFT JOIN users u ON u.id = t.updated_by "
         "WHERE t.account_id = :a AND t.template_key = :k",
      soci::use(account), soci::use(key), soci::into(body), soci::into(updated_at),
      soci::into(by, by_i);
  if (!sql.got_data()) return std::nullopt;
  LetterTemplate t;
  t.key = key;
  t.title = std::string(template_title(key));
  t.body = std::move(body);
  t.changed = true;
  t.updated_at = updated_at;
  if (by_i == soci::i_ok) t.updated_by = std::move(by);
  return t;
}

LetterTemplate default_of(const std::string& key) {
  LetterTemplate t;
  t.key = key;
  t.title = std::string(template_title(key));
  t.body = std::string(default_template(key));
  return t;
}

// ---- The preview's sample case

Action sample_action(ActionType type, Date date) {
  Action a;
  a.type = type;
  a.date = date;
  return a;
}

// The action whose document holds the template `key` (the collection notice for the debtor
// declaration and the voluntary settlement).
std::optional<ActionType> action_of_template(const std::string& key) {
  for (ActionType t :
       {ActionType::reminder, ActionType::collection_notice, ActionType::collection_demand,
        ActionType::settlement_offer, ActionType::missing_payment_letter,
        ActionType::payment_agreement, ActionType::agreement_default_warning,
        ActionType::agreement_terminated, ActionType::payment_order,
        ActionType::enforcement_request, ActionType::letter}) {
    auto keys = template_keys_for(t);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return t;
  }
  return std::nullopt;
}

// A business debtor's case up to the first action of `type`, so that the preview shows real
// figures: one invoice of 10.000,00 kr. due 4 February 2026 on the standard track, two
// reminders and the collection notice, a payment of 500,00 kr., the demand, then the branch of
// `type` (agreement, court, settlement). The same path the letter tests take through the law's
// checks (tests/docs/letter_cases.h); fixed dates, so a preview never depends on today.
std::pair<CaseHistory, size_t> sample_case(ActionType type) {
  CaseHistory h;
  h.debtor = DebtorKind::company;
  h.track = Track::standard;
  h.claims.push_back({"Faktura 2026-117", Date::ymd(2026, 1, 5), Date::ymd(2026, 2, 4),
                      Money::from_kroner(10'000)});
  auto add = [&](Action a) {
    h.actions.push_back(std::move(a));
    return h.actions.back().type == type;
  };
  auto result = [&] { return std::make_pair(h, h.actions.size() - 1); };
  Action r1 = sample_action(ActionType::reminder, Date::ymd(2026, 2, 7));
  r1.fee = Money::from_kroner(100);
  r1.compensation = true;
  if (add(r1)) return result();
  if (type == ActionType::letter) {
    add(sample_action(ActionType::letter, Date::ymd(2026, 2, 10)));
    return result();
  }
  Action r2 = sample_action(ActionType::reminder, Date::ymd(2026, 2, 19));
  r2.fee = Money::from_kroner(100);
  add(r2);
  Action notice = sample_action(ActionType::collection_notice, Date::ymd(2026, 3, 3));
  notice.fee = Money::from_kroner(100);
  if (add(notice)) return result();
  h.payments.push_back({Date::ymd(2026, 3, 10), Money::from_kroner(500)});
  if (add(sample_action(ActionType::collection_demand, Date::ymd(2026, 3, 15)))) return result();
  if (type == ActionType::payment_agreement || type == ActionType::agreement_default_warning ||
      type == ActionType::agreement_terminated) {
    Action a = sample_action(ActionType::payment_agreement, Date::ymd(2026, 3, 20));
    a.instalment = Money::from_kroner(1'000);
    a.first_date = Date::ymd(2026, 4, 1);
    a.down_payment = Money::from_kroner(2'000);
    a.down_date = Date::ymd(2026, 3, 25);
    if (add(a)) return result();
    h.payments.push_back({Date::ymd(2026, 3, 25), Money::from_kroner(2'000)});
    if (add(sample_action(ActionType::agreement_default_warning, Date::ymd(2026, 4, 8))))
      return result();
    Action t = sample_action(ActionType::agreement_terminated, Date::ymd(2026, 4, 20));
    t.track = Track::standard;
    add(t);
    return result();
  }
  if (type == ActionType::enforcement_request) {
    Action f = sample_action(ActionType::fundament, Date::ymd(2026, 3, 20));
    f.fundament = FundamentKind::skyldnererklaering;
    add(f);
    Action e = sample_action(ActionType::enforcement_request, Date::ymd(2026, 3, 27));
    e.court_fee_added = true;
    add(e);
    return result();
  }
  Action offer = sample_action(ActionType::settlement_offer, Date::ymd(2026, 3, 25));
  offer.discount_bp = 2000;
  offer.deadline = Date::ymd(2026, 4, 8);
  if (add(offer)) return result();
  if (type == ActionType::missing_payment_letter) {
    Action change = sample_action(ActionType::track_change, Date::ymd(2026, 4, 9));
    change.track = Track::gentle;
    add(change);
    add(sample_action(ActionType::missing_payment_letter, Date::ymd(2026, 4, 24)));
    return result();
  }
  Action order = sample_action(ActionType::payment_order, Date::ymd(2026, 4, 24));
  order.court_fee_added = true;
  add(order);
  return result();
}

constexpr int64_t kSampleCaseNumber = 1042;

}  // namespace

Result<std::vector<LetterTemplate>> list_letter_templates(Database& db, const Actor& actor,
                                                          int64_t account_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  std::vector<LetterTemplate> out;
  for (const std::string& key : all_template_keys()) {
    LetterTemplate t = default_of(key);
    t.body.clear();
    out.push_back(std::move(t));
  }
  long long account = account_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT t.template_key, t.updated_at, u.first_name || ' ' || u.last_name "
                      "FROM letter_templates t LEFT JOIN users u ON u.id = t.updated_by "
                      "WHERE t.account_id = :a",
       soci::use(account));
  for (const soci::row& r : rows) {
    const std::string key = r.get<std::string>(0);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& t) { return t.key == key; });
    if (it == out.end()) continue;  // a key this version no longer knows: not offered
    it->changed = true;
    it->updated_at = r.get_properties(1).get_data_type() == soci::dt_integer ? r.get<int>(1)
                                                                             : r.get<long long>(1);
    if (r.get_indicator(2) == soci::i_ok) it->updated_by = r.get<std::string>(2);
  }
  return out;
}

Result<LetterTemplate> get_letter_template(Database& db, const Actor& actor, int64_t account_id,
                                           std::string_view key) {
  if (!is_template_key(key)) return template_not_found();
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  const std::string k(key);
  if (auto own = stored_template(sql, account_id, k)) return *own;
  return default_of(k);
}

Status save_letter_template(Database& db, const Clock& clock, const Actor& actor,
                            int64_t account_id, std::string_view key, std::string_view body) {
  if (!is_template_key(key)) return template_not_found();
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::administrator); !role)
    return role.error();
  const std::string text = normalised_body(body);
  if (auto st = validate_template(text); !st) return invalid("body", st.error().message);
  long long account = account_id, user = actor.user_id, now = clock.now_unix();
  const std::string k(key);
  if (text == default_template(k)) {
    sql << "DELETE FROM letter_templates WHERE account_id = :a AND template_key = :k",
        soci::use(account), soci::use(k);
    return {};
  }
  // One statement: two administrators saving at once both succeed, the last one's text stays.
  sql << "INSERT INTO letter_templates (account_id, template_key, body, updated_by, updated_at) "
         "VALUES (:a, :k, :b, :u, :t) ON CONFLICT (account_id, template_key) DO UPDATE SET "
         "body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      soci::use(account), soci::use(k), soci::use(text), soci::use(user), soci::use(now);
  return {};
}

Status reset_letter_template(Database& db, const Actor& actor, int64_t account_id,
                             std::string_view key) {
  if (!is_template_key(key)) return template_not_found();
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::administrator); !role)
    return role.error();
  long long account = account_id;
  const std::string k(key);
  sql << "DELETE FROM letter_templates WHERE account_id = :a AND template_key = :k",
      soci::use(account), soci::use(k);
  return {};
}

Result<std::string> preview_letter_template(Database& db, const Actor& actor, int64_t account_id,
                                            std::string_view key, std::string_view body) {
  if (!is_template_key(key)) return template_not_found();
  const std::string k(key);
  auto type = action_of_template(k);
  if (!type) return template_not_found();
  auto account = get_account(db, actor, account_id);  // authorises (guest)
  if (!account) return account.error();
  const std::string text = normalised_body(body);
  if (auto st = validate_template(text); !st) return invalid("body", st.error().message);

  auto [history, index] = sample_case(*type);
  LetterInput in;
  in.history = std::move(history);
  in.action_index = index;
  in.case_number = kSampleCaseNumber;
  in.creditor = letter_creditor_of(*account);
  in.debtor = sample_debtor(DebtorKind::company);
  in.portal = sample_portal(kSampleCaseNumber);
  in.court = sample_court();
  if (*type == ActionType::letter) {
    in.subject = "Vedrørende faktura 2026-117";
    in.text = "Her står brevets egen tekst, som du skriver, når du opretter brevet på sagen.";
  }
  LetterDocument doc;
  {
    soci::session sql(db.pool());
    in.creditor.logo_png = current_logo_png(sql, account_id);
    for (const std::string& part : template_keys_for(*type)) {
      if (part == k)
        doc.template_texts.push_back(text);
      else if (auto own = stored_template(sql, account_id, part))
        doc.template_texts.push_back(std::move(own->body));
      else
        doc.template_texts.emplace_back(default_template(part));
    }
  }
  auto data = build_letter_data(in);
  if (!data) return make_error(app_error::kInvalid, data.error().message);
  doc.data = std::move(*data);
  auto pdf = render_pdf(std::span<const LetterDocument>(&doc, 1));
  if (!pdf) return invalid("body", pdf.error().message);
  return std::move(*pdf);
}

Result<std::optional<AccountLogo>> current_logo(Database& db, const Actor& actor,
                                                int64_t account_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  long long account = account_id, id = 0, created_at = 0;
  std::string png, by;
  soci::indicator by_i = soci::i_null;
  sql << "SELECT l.id, l.png_base64, l.created_at, u.first_name || ' ' || u.last_name "
         "FROM account_logos l LEFT JOIN users u ON u.id = l.created_by "
         "WHERE l.account_id = :a AND l.retired_at IS NULL",
      soci::use(account), soci::into(id), soci::into(png), soci::into(created_at),
      soci::into(by, by_i);
  if (!sql.got_data()) return std::optional<AccountLogo>();
  AccountLogo logo{id, from_base64(png, "account_logos.png_base64"), created_at,
                   by_i == soci::i_ok ? by : std::string()};
  return std::optional<AccountLogo>(std::move(logo));
}

Result<int64_t> upload_logo(Database& db, const Clock& clock, const Actor& actor,
                            int64_t account_id, std::string_view png) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::administrator); !role)
    return role.error();
  if (png.empty()) return invalid("logo", "Vælg en PNG-fil med dit logo.");
  if (png.size() > kLogoBytesMax)
    return invalid("logo", "Logoet må højst fylde 500 KB. Gem det i en mindre størrelse.");
  if (auto st = validate_logo_png(png); !st) return invalid("logo", st.error().message);

  long long account = account_id, user = actor.user_id, now = clock.now_unix(), id = 0;
  long long bytes = static_cast<long long>(png.size());
  const std::string encoded = to_base64(png), digest = sha256_hex(png);
  soci::transaction tr(sql);
  // Serialise the account's logo writers: PostgreSQL locks the account's row; on SQLite the
  // first statement below is a write, which takes the database's write lock at once.
  if (db.dialect() == Dialect::postgresql) {
    long long locked = 0;
    sql << "SELECT id FROM accounts WHERE id = :a FOR UPDATE", soci::use(account),
        soci::into(locked);
  }
  sql << "UPDATE account_logos SET retired_at = :t, retired_by = :u "
         "WHERE account_id = :a AND retired_at IS NULL",
      soci::use(now), soci::use(user), soci::use(account);
  sql << "INSERT INTO account_logos (account_id, png_base64, png_sha256, png_bytes, created_by, "
         "created_at) VALUES (:a, :p, :s, :b, :u, :t) RETURNING id",
      soci::use(account), soci::use(encoded), soci::use(digest), soci::use(bytes), soci::use(user),
      soci::use(now), soci::into(id);
  tr.commit();
  return static_cast<int64_t>(id);
}

Status remove_logo(Database& db, const Clock& clock, const Actor& actor, int64_t account_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::administrator); !role)
    return role.error();
  long long account = account_id, user = actor.user_id, now = clock.now_unix();
  sql << "UPDATE account_logos SET retired_at = :t, retired_by = :u "
         "WHERE account_id = :a AND retired_at IS NULL",
      soci::use(now), soci::use(user), soci::use(account);
  return {};
}

std::string current_logo_png(soci::session& sql, int64_t account_id) {
  long long account = account_id;
  std::string png;
  sql << "SELECT png_base64 FROM account_logos WHERE account_id = :a AND retired_at IS NULL",
      soci::use(account), soci::into(png);
  if (!sql.got_data()) return {};
  return from_base64(png, "account_logos.png_base64");
}

int64_t current_logo_id(soci::session& sql, int64_t account_id) {
  long long account = account_id, id = 0;
  sql << "SELECT id FROM account_logos WHERE account_id = :a AND retired_at IS NULL",
      soci::use(account), soci::into(id);
  return sql.got_data() ? id : 0;
}

std::string logo_png_by_id(soci::session& sql, int64_t account_id, int64_t logo_id) {
  long long account = account_id, id = logo_id;
  std::string png;
  sql << "SELECT png_base64 FROM account_logos WHERE id = :i AND account_id = :a", soci::use(id),
      soci::use(account), soci::into(png);
  if (!sql.got_data()) return {};
  return from_base64(png, "account_logos.png_base64");
}

}  // namespace inkasso
