#include "core/case_model.h"

#include <array>
#include <utility>

namespace inkasso {

namespace {

template <class E, size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<ActionType, 16> kActionNames{{
    {ActionType::reminder, "reminder"},
    {ActionType::collection_notice, "collection_notice"},
    {ActionType::collection_demand, "collection_demand"},
    {ActionType::settlement_offer, "settlement_offer"},
    {ActionType::settlement_accepted, "settlement_accepted"},
    {ActionType::missing_payment_letter, "missing_payment_letter"},
    {ActionType::payment_agreement, "payment_agreement"},
    {ActionType::agreement_default_warning, "agreement_default_warning"},
    {ActionType::agreement_terminated, "agreement_terminated"},
    {ActionType::payment_order, "payment_order"},
    {ActionType::enforcement_request, "enforcement_request"},
    {ActionType::fundament, "fundament"},
    {ActionType::letter, "letter"},
    {ActionType::pause, "pause"},
    {ActionType::track_change, "track_change"},
    {ActionType::close, "close"},
}};

constexpr Names<Track, 3> kTrackNames{
    {{Track::gentle, "gentle"}, {Track::standard, "standard"}, {Track::fast, "fast"}}};

constexpr Names<DebtorKind, 2> kDebtorNames{
    {{DebtorKind::company, "company"}, {DebtorKind::person, "person"}}};

constexpr Names<FundamentKind, 6> kFundamentNames{{
    {FundamentKind::dom, "dom"},
    {FundamentKind::forlig, "forlig"},
    {FundamentKind::skyldnererklaering, "skyldnererklaering"},
    {FundamentKind::gaeldsbrev, "gaeldsbrev"},
    {FundamentKind::pantebrev, "pantebrev"},
    {FundamentKind::betalingspaakrav, "betalingspaakrav"},
}};

constexpr Names<InterestKind, 3> kInterestKindNames{{
    {InterestKind::procesrente, "procesrente"},
    {InterestKind::fixed, "fixed"},
    {InterestKind::none, "none"},
}};

constexpr Names<InterestStart, 2> kInterestStartNames{{
    {InterestStart::day31, "day31"}, {InterestStart::due_date, "due_date"}}};

template <class E, size_t N>
std::string_view name_of(const Names<E, N>& names, E value) {
  for (const auto& [v, n] : names)
    if (v == value) return n;
  INKASSO_ASSERT(false);
  return {};
}

template <class E, size_t N>
std::optional<E> value_of(const Names<E, N>& names, std::string_view s) {
  for (const auto& [v, n] : names)
    if (n == s) return v;
  return std::nullopt;
}

}  // namespace

size_t credit_note_target(const CaseHistory& h, const CreditNote& n) {
  if (n.ref.empty()) {
    size_t oldest = 0;
    for (size_t c = 1; c < h.claims.size(); ++c)
      if (h.claims[c].due_date < h.claims[oldest].due_date) oldest = c;
    return oldest;
  }
  for (size_t c = 0; c < h.claims.size(); ++c)
    if (h.claims[c].ref == n.ref) return c;
  return h.claims.size();
}

std::string_view to_string(ActionType t) {
  return name_of(kActionNames, t);
}
std::string_view to_string(Track t) {
  return name_of(kTrackNames, t);
}
std::string_view to_string(DebtorKind k) {
  return name_of(kDebtorNames, k);
}
std::string_view to_string(FundamentKind k) {
  return name_of(kFundamentNames, k);
}
std::string_view to_string(InterestKind k) { return name_of(kInterestKindNames, k); }
std::string_view to_string(InterestStart s) { return name_of(kInterestStartNames, s); }
std::optional<InterestKind> interest_kind_from_string(std::string_view s) {
  return value_of(kInterestKindNames, s);
}
std::optional<InterestStart> interest_start_from_string(std::string_view s) {
  return value_of(kInterestStartNames, s);
}
std::optional<ActionType> action_type_from_string(std::string_view s) {
  return value_of(kActionNames, s);
}
std::optional<Track> track_from_string(std::string_view s) {
  return value_of(kTrackNames, s);
}
std::optional<DebtorKind> debtor_kind_from_string(std::string_view s) {
  return value_of(kDebtorNames, s);
}
std::optional<FundamentKind> fundament_kind_from_string(std::string_view s) {
  return value_of(kFundamentNames, s);
}

}  // namespace inkasso
