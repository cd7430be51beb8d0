// Tracks (forløb): the schedule of suggested steps, exactly as the table in domain.md.
// "after X" counts calendar days from the day X was sent; the first reminder counts from the
// claim's due date.
#pragma once

#include <span>

#include "core/case_model.h"

namespace inkasso {

// The steps in their canonical order; a track uses a subsequence of them. The rank (the
// enum's value) lets a case move between tracks: after a track change the case continues
// with the first step of the new track ranked after the last step done.
enum class Step {
  reminder_1 = 0,
  reminder_2 = 1,
  collection_notice = 2,
  collection_demand = 3,
  settlement_offer = 4,
  missing_payment_letter = 5,
  court = 6,  // payment order, or enforcement request when the case has a fundament
};

struct TrackStep {
  Step step;
  int days_after_previous;  // for reminder_1: days after the due date
};

std::span<const TrackStep> track_steps(Track track);
bool track_has_step(Track track, Step step);

// The action type that performs a step (the court step depends on the fundament).
ActionType action_for_step(Step step, bool has_fundament);

}  // namespace inkasso
