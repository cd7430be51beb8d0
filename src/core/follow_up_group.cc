#include "core/follow_up_group.h"

#include <algorithm>

namespace inkasso {

std::string follow_up_group_key(std::string_view track, ActionType type, int reminder_number) {
  std::string key = std::string(track) + ":" + std::string(to_string(type));
  if (reminder_number > 0) key += ":" + std::to_string(reminder_number);
  return key;
}

std::optional<FollowUpStepGroup> parse_follow_up_group_key(std::string_view key) {
  size_t first = key.find(':');
  if (first == std::string_view::npos || first == 0) return std::nullopt;
  FollowUpStepGroup g;
  g.key = std::string(key);
  g.track = std::string(key.substr(0, first));
  std::string_view rest = key.substr(first + 1);
  size_t second = rest.find(':');
  auto type = action_type_from_string(rest.substr(0, second));
  if (!type) return std::nullopt;
  g.type = *type;
  if (second != std::string_view::npos) {
    std::string_view number = rest.substr(second + 1);
    if (number.empty() || number.size() > 2) return std::nullopt;
    for (char ch : number)
      if (ch < '0' || ch > '9') return std::nullopt;
    g.reminder_number = std::stoi(std::string(number));
  }
  if (g.track != kDefaultedAgreementGroup && !track_from_string(g.track)) return std::nullopt;
  if (follow_up_group_key(g.track, g.type, g.reminder_number) != key) return std::nullopt;
  return g;
}

std::optional<FollowUpStepGroup> follow_up_group(const CaseHistory& h, const CaseState& state) {
  if (!state.next_action) return std::nullopt;
  FollowUpStepGroup g;
  g.track = state.flow == Flow::payment_agreement ? std::string(kDefaultedAgreementGroup)
                                                  : std::string(to_string(state.track));
  g.type = state.next_action->type;
  if (g.type == ActionType::reminder)
    g.reminder_number =
        1 + static_cast<int>(std::count_if(h.actions.begin(), h.actions.end(), [](const Action& a) {
          return a.type == ActionType::reminder;
        }));
  g.key = follow_up_group_key(g.track, g.type, g.reminder_number);
  return g;
}

std::optional<FixedFollowUpGroup> fixed_follow_up_group(const CaseHistory& h,
                                                        const CaseState& state) {
  if (state.flow != Flow::track && state.flow != Flow::court) return std::nullopt;
  auto group = follow_up_group(h, state);
  if (!group) return std::nullopt;
  Date latest = state.as_of;
  bool any = false;
  auto see = [&](Date d) {
    latest = any ? std::max(latest, d) : d;
    any = true;
  };
  for (const Claim& c : h.claims) see(c.invoice_date);
  for (const CreditNote& c : h.credit_notes) see(c.date);
  for (const Payment& p : h.payments) see(p.date);
  for (const Action& a : h.actions) see(a.date);
  // An event after the day evaluated is not in `state`: the group is not known yet.
  if (!any || latest > state.as_of) return std::nullopt;
  return FixedFollowUpGroup{std::move(*group), state.next_action->date, latest};
}

}  // namespace inkasso
