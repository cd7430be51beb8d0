// Sample parties for letters rendered without real ones: `inkasso letter render` when no
// creditor or debtor file is given, the template editor's preview, tests and the benchmark.
// Fictitious but valid (the CVR numbers pass the modulus-11 check, the FI creditor number has
// 8 digits), with æøå in names and addresses so that every preview shows them.
#pragma once

#include <cstdint>

#include "core/case_model.h"
#include "docs/letter_data.h"

namespace inkasso {

LetterCreditor sample_creditor();
LetterParty sample_debtor(DebtorKind kind);
PortalAccess sample_portal(int64_t case_number);
CourtInfo sample_court();

}  // namespace inkasso
