// `inkasso letter render CASE.json --type TYPE [--as-of DATE] --out FILE.pdf`
//   [--creditor FILE.json] [--debtor FILE.json] [--template FILE] [--case-number N]
//
// Renders the letter of the case file's last action of TYPE dated up to the as-of date, or,
// when there is none, of a new action of TYPE dated as-of with the defaults the product would
// suggest (checked against the law first). Sample parties stand in for those not given.
// Exit codes: 0 written, 2 invalid input (one line on standard error), 3 refused by a legal
// rule (the Danish reason on standard error).
#include "cli/letter_command.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/case_file.h"
#include "core/calculators.h"
#include "core/fees.h"
#include "core/law_table.h"
#include "core/rules.h"
#include "docs/letter_data.h"
#include "docs/letter_pdf.h"
#include "docs/sample_letters.h"
#include "docs/templates.h"

namespace inkasso {
namespace {

constexpr int kExitInvalid = 2;
constexpr int kExitRefused = 3;

struct RenderOptions {
  std::string case_path;
  std::string type;
  std::string as_of;
  std::string out;
  std::string creditor_path;
  std::string debtor_path;
  std::string template_path;
  int64_t case_number = 1001;
};

int fail(const std::string& message, int code = kExitInvalid) {
  std::cerr << "error: " << message << "\n";
  return code;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io", path + ": cannot be read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A party file: {"name": ..., "street": ..., ...}; the creditor's may also hold bank_name,
// reg_no, account_no, fi_creditor_no, website and logo (a PNG file's path). Unknown keys are an
// error, as in the case files.
Status read_party_file(const std::string& path, LetterParty& party, LetterCreditor* creditor) {
  auto text = read_file(path);
  if (!text) return text.error();
  try {
    auto j = nlohmann::json::parse(*text);
    if (!j.is_object()) return make_error("invalid_input", path + ": must be a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (!it->is_string())
        return make_error("invalid_input", path + ": " + key + " must be a string");
      std::string v = it->get<std::string>();
      if (key == "name")
        party.name = v;
      else if (key == "attention")
        party.attention = v;
      else if (key == "street")
        party.street = v;
      else if (key == "postal_code")
        party.postal_code = v;
      else if (key == "city")
        party.city = v;
      else if (key == "cvr")
        party.cvr = v;
      else if (key == "cpr")
        party.cpr = v;
      else if (key == "phone")
        party.phone = v;
      else if (key == "email")
        party.email = v;
      else if (creditor && key == "bank_name")
        creditor->bank_name = v;
      else if (creditor && key == "reg_no")
        creditor->reg_no = v;
      else if (creditor && key == "account_no")
        creditor->account_no = v;
      else if (creditor && key == "fi_creditor_no")
        creditor->fi_creditor_no = v;
      else if (creditor && key == "website")
        creditor->website = v;
      else if (creditor && key == "logo") {
        auto png = read_file(v);
        if (!png) return png.error();
        if (auto st = validate_logo_png(*png); !st)
          return make_error("invalid_input", path + ": logo: " + st.error().message);
        creditor->logo_png = *png;
      } else {
        return make_error("invalid_input", path + ": unknown key " + key);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return make_error("invalid_input", path + ": " + e.what());
  }
  return {};
}

// The action the product would suggest for `type` on `date`: the lawful default fee while one
// is allowed, compensation for business debtors on their first compensation, the default
// settlement terms, a suggested agreement, the court fee added.
Result<Action> default_action(const CaseHistory& h, ActionType type, Date date) {
  const LawTable& law = default_law_table();
  Action a;
  a.type = type;
  a.date = date;
  switch (type) {
    case ActionType::reminder:
    case ActionType::collection_notice: {
      FeeAssessment fees = assess_fees(h, date, law);
      bool spacing_ok = !fees.last_fee_bearing_reminder ||
                        date - *fees.last_fee_bearing_reminder >= law.reminder_fee_spacing_days_min;
      if (fees.fee_bearing_reminders < law.fee_bearing_reminders_max && spacing_ok)
        a.fee = law.reminder_fee_max;
      a.compensation = h.debtor == DebtorKind::company && claims_open_for_compensation(h, date) > 0;
      break;
    }
    case ActionType::settlement_offer:
      a.discount_bp = law.settlement_discount_bp_default;
      a.deadline = date + law.settlement_deadline_days_default;
      break;
    case ActionType::payment_agreement: {
      AgreementTerms terms;
      terms.agreed_on = date;
      terms.first_date = suggest_first_instalment_date(date);
      auto instalment = suggest_instalment(h, terms);
      if (!instalment) return instalment.error();
      a.instalment = *instalment;
      a.first_date = terms.first_date;
      break;
    }
    case ActionType::payment_order:
    case ActionType::enforcement_request:
      a.court_fee_added = true;
      break;
    default:
      break;
  }
  return a;
}

int render(const RenderOptions& o) {
  auto text = read_file(o.case_path);
  if (!text) return fail(text.error().message);
  auto file = parse_case_file(*text);
  if (!file) return fail(o.case_path + ": " + file.error().message);
  auto type = action_type_from_string(o.type);
  if (!type) return fail("--type: unknown action type " + o.type);
  auto keys = template_keys_for(*type);
  if (keys.empty()) return fail("--type: " + o.type + " makes no letter");
  Date as_of;
  if (!o.as_of.empty()) {
    auto d = Date::parse(o.as_of);
    if (!d) return fail("--as-of: " + d.error().message);
    as_of = *d;
  } else if (file->as_of) {
    as_of = *file->as_of;
  } else {
    return fail("--as-of: the case file has no as_of; give --as-of");
  }
  if (o.case_number < 0) return fail("--case-number: must not be negative");

  LetterInput input;
  input.history = file->history;
  input.case_number = o.case_number;
  std::optional<size_t> index;
  for (size_t i = 0; i < input.history.actions.size(); ++i)
    if (input.history.actions[i].type == *type && input.history.actions[i].date <= as_of) index = i;
  if (!index) {
    // A new action on the as-of date, after what had happened by then.
    auto& actions = input.history.actions;
    actions.erase(std::remove_if(actions.begin(), actions.end(),
                                 [&](const Action& a) { return a.date > as_of; }),
                  actions.end());
    auto action = default_action(input.history, *type, as_of);
    if (!action) return fail(action.error().message);
    if (auto st = check_new_action(input.history, *action); !st)
      return fail(st.error().message, kExitRefused);
    actions.push_back(*action);
    index = actions.size() - 1;
  }
  input.action_index = *index;

  input.creditor = sample_creditor();
  input.debtor = sample_debtor(input.history.debtor);
  if (!o.creditor_path.empty()) {
    input.creditor = LetterCreditor{};
    if (auto st = read_party_file(o.creditor_path, input.creditor, &input.creditor); !st)
      return fail(st.error().message);
  }
  if (!o.debtor_path.empty()) {
    input.debtor = LetterParty{};
    if (auto st = read_party_file(o.debtor_path, input.debtor, nullptr); !st)
      return fail(st.error().message);
  }
  input.portal = sample_portal(o.case_number);
  input.court = sample_court();
  if (*type == ActionType::letter) {
    input.subject = "Vedrørende din sag";
    input.text =
        "Vi skriver til dig om sagen, som endnu ikke er afsluttet.\n\n"
        "Kontakt os venligst, så vi sammen kan finde en løsning.";
  }

  auto data = build_letter_data(input);
  if (!data) return fail(data.error().message);
  LetterDocument doc{*data, {}};
  for (const auto& k : keys) doc.template_texts.emplace_back(default_template(k));
  if (!o.template_path.empty()) {
    auto t = read_file(o.template_path);
    if (!t) return fail(t.error().message);
    if (auto st = validate_template(*t); !st)
      return fail(o.template_path + ": " + st.error().message);
    doc.template_texts.front() = *t;
  }
  auto pdf = render_pdf(std::span<const LetterDocument>(&doc, 1));
  if (!pdf) return fail(pdf.error().message);
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) return fail(o.out + ": cannot be written");
  out.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
  out.close();
  if (!out) return fail(o.out + ": cannot be written");
  return 0;
}

}  // namespace

void add_letter_command(CLI::App& app, std::function<int()>& chosen) {
  auto* letter = app.add_subcommand("letter", "Letters from a case file (PDF)");
  letter->require_subcommand(1);
  auto options = std::make_shared<RenderOptions>();
  auto* r = letter->add_subcommand("render", "Render the letter of an action to PDF");
  r->add_option("case", options->case_path, "Case file (JSON)")->required();
  r->add_option("--type", options->type, "Action type (reminder, collection_notice, ...)")
      ->required();
  r->add_option("--as-of", options->as_of, "Date (YYYY-MM-DD); default: the file's as_of");
  r->add_option("--out", options->out, "PDF file to write")->required();
  r->add_option("--creditor", options->creditor_path, "Creditor file (JSON)");
  r->add_option("--debtor", options->debtor_path, "Debtor file (JSON)");
  r->add_option("--template", options->template_path, "Template for the letter's main part");
  r->add_option("--case-number", options->case_number, "Case number (default 1001)");
  r->callback([&chosen, options] { chosen = [options] { return render(*options); }; });
}

}  // namespace inkasso
