#include "jobs/digest_rule.h"

#include "core/assert.h"

namespace inkasso {

DigestDecision decide_digest(const std::optional<DigestState>& previous, const DigestCounts& counts,
                             Date today) {
  DigestDecision d;
  d.next.counts = counts;
  d.next.unchanged_since = today;
  if (previous) {
    d.next.last_sent = previous->last_sent;
    if (previous->counts == counts) d.next.unchanged_since = previous->unchanged_since;
  }
  INKASSO_ASSERT(d.next.unchanged_since <= today);
  d.day_number = (today - d.next.unchanged_since) + 1;
  if (counts.empty()) return d;
  const std::optional<Date>& last = d.next.last_sent;
  if (last && *last >= today) return d;  // at most one mail a calendar day
  // The day number of the last mail with these counts; 0 when none went since they changed.
  const int last_number =
      last && *last >= d.next.unchanged_since ? (*last - d.next.unchanged_since) + 1 : 0;
  for (int k : kDigestRepeatDays)
    if (last_number < k && k <= d.day_number) d.send = true;
  return d;
}

}  // namespace inkasso
