// The batch follow-up group of a case's next step ("standard:reminder:2"), as step 1 of
// multiopfølgning counts them (issue 6, app/followup.h), and when that group can be trusted
// without evaluating the case again (the list cache, store/case_store.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/case_model.h"
#include "core/engine.h"

namespace inkasso {

// The track name of a defaulted payment agreement's steps (they are grouped apart from the
// tracks: "Misligholdt betalingsaftale").
inline constexpr std::string_view kDefaultedAgreementGroup = "defaulted_agreement";

struct FollowUpStepGroup {
  std::string key;    // "<track>:<type>[:<reminder number>]"
  std::string track;  // the track in force ("gentle", "standard", "fast") or defaulted_agreement
  ActionType type = ActionType::reminder;
  int reminder_number = 0;  // 1, 2, 3 for reminders; 0 otherwise
};

// "standard:reminder:2"; the reminder number only when > 0.
std::string follow_up_group_key(std::string_view track, ActionType type, int reminder_number);

// And back: "standard:reminder:2" → its parts; nullopt when it is not such a key.
std::optional<FollowUpStepGroup> parse_follow_up_group_key(std::string_view key);

// The group of `state`'s next step (state evaluated from `history`); nullopt without one.
std::optional<FollowUpStepGroup> follow_up_group(const CaseHistory& history,
                                                 const CaseState& state);

// The group a case will show on any day from the returned date on, without a new evaluation,
// when it is fixed by the history alone: the case follows a track or waits for the court (a
// running payment agreement and a standing settlement offer change with the days: a missed
// instalment, a lapsed offer), and the returned date is its latest event's (before it, the
// evaluation would not see every event). The step is due on a day when its date has come
// (CaseState::next_action). nullopt when the group needs an evaluation on the day.
struct FixedFollowUpGroup {
  FollowUpStepGroup group;
  Date step_date;  // the next step's date
  Date from;       // exact for every as_of >= from
};
std::optional<FixedFollowUpGroup> fixed_follow_up_group(const CaseHistory& history,
                                                        const CaseState& state);

}  // namespace inkasso
