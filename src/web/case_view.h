// The view models of the case page (case_pages.cc): the economy, the allocation of payments,
// the details box, the timeline and the guide ("Guide til næste skridt"), built from a case as
// loaded (StoredCase) and its evaluation (CaseState). Pure functions of their arguments except
// user_names, which reads the database.
//
// Every Danish word comes from the text table (da.case.txt, da.names.txt); money and dates are
// formatted here (view_support.h), so the templates only show strings.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "app/letters.h"
#include "core/engine.h"
#include "store/case_store.h"
#include "store/database.h"
#include "web/texts.h"

namespace inkasso::web {

// The names ("Jenny Christensen") of the users with these ids; an id with no user (deleted,
// or 0 for an import) is left out. The ids come from the events of a case the caller was
// allowed to read, so no name of another account is revealed. One query per distinct id: a
// case has a handful of authors.
std::map<int64_t, std::string> user_names(Database& db, const std::vector<int64_t>& ids);

// Every author of the case's events, once.
std::vector<int64_t> event_authors(const StoredCase& c);

// The action's Danish name; a reminder gets its number ("Rykker nr. 2") counted among the
// reminders before it in `history`.
std::string action_title(const Texts& t, const CaseHistory& history, size_t action_index);

// The name of the next action of `state`, numbered like action_title ("Rykker nr. 2").
std::string next_action_title(const Texts& t, const CaseHistory& history, const NextAction& next);

// Rows {label, amount, total?, tone} of "Økonomisk oversigt".
mstch::array economy_rows(const Texts& t, const CaseState& s);

// Rows {label, paid, rest} of "Fordeling af betalinger": principal, fees, interest.
mstch::array allocation_rows(const Texts& t, const CaseState& s);

// The adjustments the engine made (fees the law capped), worded by rules.h.
mstch::array adjustment_items(const CaseState& s);

// The facts of the "Detaljer" box beside batch follow-up and the portal login: the interest
// (kind, earliest due date, the sentence saying from when, the first interest day), an open
// agreement or settlement, an active pause.
mstch::map details_view(const Texts& t, const StoredCase& c, const CaseState& s);

// The timeline, newest first: each entry {date, title, amount, lines[], by, at, tone}, where
// tone is the colour class (payment, claim, action, note, external).
// `documents` (by the action's seq) are shown under the action that made them: "Vis dokument"
// and each sending's channel and status; a waiting sending whose send_at is after `now_unix`
// (the caller's clock: this code reads none) also gets "planned", its Danish time, as the
// dispatch queue shows it.
mstch::array timeline_entries(const Texts& t, const StoredCase& c, const CaseState& s,
                              const std::map<int64_t, std::string>& names,
                              const std::vector<CaseDocument>& documents, int64_t now_unix);

struct GuideInput {
  int64_t case_number = 0;
  bool can_write = false;          // case handler and up: the Ja/Nej buttons and the links
  bool show_alternatives = false;  // ?guide=nej
};

// The guide: a question with Ja (the pre-filled action form) and Nej (the alternatives), or
// sentences saying when the next step comes, that the case is paid or closed, that an
// overpayment must be paid back. Keys: question, yes_url, no_url, lines[{text}], warn,
// alternatives[{label, hint, url}], show_alternatives, can_write.
mstch::map guide_view(const Texts& t, const CaseHistory& history, const CaseState& s,
                      const GuideInput& in);

// One sentence for what the guide will suggest in `s` (the rewind preview of "Slet sidste
// handling"): "Inkassovarsel, klar nu." or "Rykker nr. 2 den 05-12-2026.".
std::string suggestion_sentence(const Texts& t, const CaseHistory& history, const CaseState& s);

}  // namespace inkasso::web
