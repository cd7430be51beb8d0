#include "core/tracks.h"

namespace inkasso {

namespace {

// domain.md, "Tracks (forløb)"; seed 000 ("Forløb") in the manual's own words.
constexpr TrackStep kGentle[] = {
    {Step::reminder_1, 5},
    {Step::reminder_2, 15},
    {Step::collection_notice, 15},
    {Step::collection_demand, 15},
    {Step::settlement_offer, 10},
    {Step::missing_payment_letter, 30},
    {Step::court, 15},
};
constexpr TrackStep kStandard[] = {
    {Step::reminder_1, 3},         {Step::reminder_2, 12},       {Step::collection_notice, 12},
    {Step::collection_demand, 12}, {Step::settlement_offer, 10}, {Step::court, 30},
};
constexpr TrackStep kFast[] = {
    {Step::reminder_1, 1},         {Step::reminder_2, 11}, {Step::collection_notice, 11},
    {Step::collection_demand, 10}, {Step::court, 10},
};

}  // namespace

std::span<const TrackStep> track_steps(Track track) {
  switch (track) {
    case Track::gentle:
      return kGentle;
    case Track::standard:
      return kStandard;
    case Track::fast:
      return kFast;
  }
  INKASSO_ASSERT(false);
  return {};
}

bool track_has_step(Track track, Step step) {
  for (const TrackStep& s : track_steps(track))
    if (s.step == step) return true;
  return false;
}

ActionType action_for_step(Step step, bool has_fundament) {
  switch (step) {
    case Step::reminder_1:
    case Step::reminder_2:
      return ActionType::reminder;
    case Step::collection_notice:
      return ActionType::collection_notice;
    case Step::collection_demand:
      return ActionType::collection_demand;
    case Step::settlement_offer:
      return ActionType::settlement_offer;
    case Step::missing_payment_letter:
      return ActionType::missing_payment_letter;
    case Step::court:
      return has_fundament ? ActionType::enforcement_request : ActionType::payment_order;
  }
  INKASSO_ASSERT(false);
  return ActionType::letter;
}

}  // namespace inkasso
