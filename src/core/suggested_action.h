// The action the product suggests for a step: what the action form pre-fills and what batch
// follow-up creates without asking (issue 6). Pure: the case's history and the day in, the
// action out; the engine still checks it (rules.h check_new_action) before anything is written.
#pragma once

#include "core/case_model.h"
#include "core/law_table.h"

namespace inkasso {

// Product conventions where neither the law nor the manual gives a figure.
// A letter's deadline when the track suggests no next step after it: the spacing the law asks
// between fee-bearing reminders, so that a next reminder with a fee is lawful once it passes.
inline constexpr int kDeadlineDaysFallback = 10;
// A pause lasts two weeks unless the creditor picks another date.
inline constexpr int kPauseDaysDefault = 14;

// `type` dated `day` as the product suggests it: the law's maximum reminder fee while one is
// lawful and compensation for a business debtor's claims not yet compensated, the track's
// deadline (at least the collection notice's 10 days), the settlement's default discount and
// deadline, the suggested instalment and first date, the court fee claimed, ...
// `current_track` is the track in force (CaseState::track), for a terminated agreement.
Action suggested_action(const CaseHistory& history, ActionType type, Track current_track, Date day,
                        const LawTable& law = default_law_table());

// Whether the action type gives the debtor a deadline.
bool has_deadline(ActionType type);

// Whether a reminder dated `day` may still carry a fee (the count and the spacing of
// renteloven § 9 b), as the engine's planner decides it.
bool reminder_fee_lawful(const CaseHistory& history, Date day,
                         const LawTable& law = default_law_table());

}  // namespace inkasso
