// The forms of "Opret handling" (case_action_pages.cc): which forms exist, what each is
// pre-filled with from the case and its track, how a submitted form becomes a command for the
// use cases (app/cases.h), and the previews some forms show (the settlement quote, the payment
// agreement's schedule, what closing writes off).
//
// The law is not decided here: a command that parses is handed to the use cases, which ask the
// engine (core/rules.h). Parsing only checks what a form must hold to be a command at all
// (a date, an amount, a choice), in Danish, so that the engine's English field messages for
// importers never reach a creditor.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "app/cases.h"
#include "web/texts.h"

namespace inkasso::web {

// What a form creates: an action through add_action (or pause_case / close_case), or one of
// the events that are no action.
enum class FormKind { action, payment, claim, credit_note, note };
enum class FormGroup { letters, court, case_events };

struct FormType {
  std::string_view id;  // the ?type= value: to_string(ActionType) or payment, claim, ...
  FormKind kind = FormKind::action;
  ActionType action = ActionType::letter;  // kind == action
  FormGroup group = FormGroup::letters;
};

// Every form, in the menu's order.
std::span<const FormType> action_form_types();
const FormType* find_action_form(std::string_view id);

// A form's fields by name, as typed or pre-filled (the first value of each name).
using FormValues = std::map<std::string, std::string>;
using FieldErrors = std::map<std::string, std::string>;

// The action the product suggests for `type` on `day`: the law's maximum reminder fee where a
// fee is still lawful, compensation for a business debtor's uncompensated claims, the court fee
// on the case, the track's deadline, the suggested instalment and first date, ...
// Only for kind == action.
Action default_action(const FormType& type, const CaseView& view, Date day);

// The form's fields pre-filled from default_action (or, for the other kinds, from the case).
FormValues prefill(const FormType& type, const CaseView& view, Date today, int64_t version);

// A parsed form: what to hand to the use case.
struct ActionCommand {
  Action action;
  RecordedPayment payment;
  Claim claim;
  CreditNote credit_note;
  std::string text;     // note; letter: the letter's text
  std::string subject;  // letter: its subject (the document's title)
};

// Parses `values` for `type`; errors (Danish, from `texts`) are added per field. The command is
// only meaningful when no error was added.
ActionCommand parse_form(const FormType& type, const CaseView& view, Date today,
                         const FormValues& values, const Texts& texts, FieldErrors& errors);

// The "Forsendelse" fieldset's sending time. send_when "later" with send_date (as typed, see
// parse_date_input) and send_time ("09:30", "09.30", "9:30") is that moment in Danish time,
// checked by app/local_time.h sending_time (not past, at most a year ahead, not in the spring's
// missing hour); anything else means now (nullopt). Errors (Danish) are added on "send_at".
std::optional<int64_t> parse_send_at(const FormValues& values, int64_t now_unix, const Texts& texts,
                                     FieldErrors& errors);
// The sending time's fields pre-filled: now; should the creditor choose later, `today` + 1 at
// 09:00 is offered.
void prefill_send_at(FormValues& values, Date today);

// The form field a use case's or the engine's field name belongs to ("actions[4].first_date" →
// "first_date"), or "" when the form has no such field.
std::string form_field_of(const FormType& type, std::string_view error_field);

// Adds what `type`'s form shows beside its fields to `data`: select options (with the one in
// `values` selected), hints built from the law table, and the preview of a valid `command`
// (quote, schedule, amount written off). `command` is null when the form does not parse.
void add_form_extras(const FormType& type, const CaseView& view, Date today,
                     const FormValues& values, const ActionCommand* command, const Texts& texts,
                     mstch::map& data, FieldErrors& errors);

}  // namespace inkasso::web
