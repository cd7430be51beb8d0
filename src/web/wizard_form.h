// The create-case wizard's form (/sager/ny): the values of its four steps as typed, read from a
// request and written back as fields, and each step's validation into the use case's NewCase.
//
// There is no draft on the server: every step's page carries the other steps' values in hidden
// fields, so "Tilbage", adding a row or a refused step never loses anything typed, and an
// abandoned wizard leaves nothing behind. Each POST is validated again from scratch (hidden
// fields are input like any other); the final one is checked once more by create_case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/cases.h"
#include "web/http.h"
#include "web/texts.h"

namespace inkasso::web {

// A limit on everything: rows per list, and characters of "Gælden vedrører".
inline constexpr size_t kWizardRowsMax = 50;
inline constexpr size_t kWizardRefMax = 200;
inline constexpr int kWizardSteps = 4;

struct WizardClaimRow {
  std::string ref;
  std::string invoice_date;  // ISO when it parsed, else as typed
  std::string due_date;
  std::string amount;  // as typed ("1.500,00")
};

struct WizardPaymentRow {
  std::string date;
  std::string amount;
};

struct WizardReminderRow {
  std::string fee;
  std::string date;
  bool notice = false;        // "Denne rykker var et inkassovarsel"
  bool compensation = false;  // 310 kr. claimed with it (business debtors only)
};

struct WizardDraft {
  int64_t debtor_id = 0;
  int step = 1;                        // the step the form was showing, 1..kWizardSteps
  std::vector<WizardClaimRow> claims;  // never empty
  std::vector<WizardPaymentRow> payments;
  std::vector<WizardReminderRow> reminders;
  std::string track;  // to_string(Track), "" until step 4 was shown
  bool batch_follow_up = true;
  bool step4_seen = false;  // whether batch_follow_up was shown (an unchecked box sends nothing)
};

// Field names: "claim_0_ref", "payment_1_amount", "reminder_0_notice", "track", ...
std::string wizard_field(const char* list, size_t index, const char* name);

// Reads the wizard's fields from a POST (or starts one for `debtor_id` with one empty claim).
WizardDraft read_wizard_draft(const Request& req);
WizardDraft new_wizard_draft(int64_t debtor_id);

// The fields holding `step`'s values, to carry as hidden inputs while another step is shown.
// The row counts are in every step's fields' "count" inputs (wizard_count_fields).
Fields wizard_step_fields(const WizardDraft& draft, int step);
Fields wizard_count_fields(const WizardDraft& draft);

// Removes the rows of payments and reminders left completely blank (they were added and not
// used: the step may have none).
void drop_blank_rows(WizardDraft& draft, int step);

// Field name → Danish message, shown beside the field.
using WizardErrors = std::map<std::string, std::string>;

// What steps 1..3 and 4 mean once valid. Reminders come in date order (create_case needs them
// so); `reminder_rows[i]` is the draft row of reminders[i], for naming it in messages.
struct WizardValues {
  std::vector<Claim> claims;
  std::vector<RecordedPayment> payments;
  std::vector<SentReminder> reminders;
  std::vector<size_t> reminder_rows;
  Track track = Track::standard;
};

// Validates one step into `values`, adding an error per invalid field; false when any.
// `is_company` decides whether a compensation fee may be kept (never for a private debtor).
bool validate_wizard_step(const WizardDraft& draft, int step, const Texts& texts, Date today,
                          bool is_company, WizardValues& values, WizardErrors& errors);

// The NewCase of valid values.
NewCase wizard_new_case(const WizardDraft& draft, const WizardValues& values);

}  // namespace inkasso::web
