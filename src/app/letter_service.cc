#include "app/letter_service.h"

#include <algorithm>
#include <set>

#include "app/letters.h"
#include "app/users.h"
#include "docs/letter_pdf.h"
#include "store/document_store.h"

namespace inkasso {

namespace {

Status require_operator(Database& db, const Actor& actor) {
  if (!is_installation_operator(db, actor))
    return make_error(app_error::kForbidden,
                      "Kun installationens driftsansvarlige har adgang til brevservicen.");
  return {};
}

}  // namespace

Result<std::vector<PrintItem>> letter_service_queue(Database& db, const Clock& clock,
                                                    const Actor& actor) {
  if (auto st = require_operator(db, actor); !st) return st.error();
  soci::session sql(db.pool());
  return list_letter_service_queue(sql, clock.now_unix());
}

Result<std::string> letter_service_pdf(Database& db, const Clock& clock, const Actor& actor,
                                       const std::vector<int64_t>& dispatch_ids) {
  if (auto st = require_operator(db, actor); !st) return st.error();
  if (dispatch_ids.empty()) return invalid("ids", "Vælg mindst ét brev.");
  soci::session sql(db.pool());
  std::vector<LetterDocument> letters;
  for (const PrintItem& item : list_letter_service_queue(sql, clock.now_unix())) {
    if (std::find(dispatch_ids.begin(), dispatch_ids.end(), item.dispatch_id) == dispatch_ids.end())
      continue;
    // The document of the row's own account: ids never cross accounts here either.
    auto content = load_document_content(sql, item.account_id, item.document_id);
    if (!content) return not_found("Brevet");
    auto letter = letter_document_of(sql, item.account_id, *content);
    if (!letter) return letter.error();
    letters.push_back(std::move(*letter));
  }
  if (letters.size() != std::set<int64_t>(dispatch_ids.begin(), dispatch_ids.end()).size())
    return not_found("Brevet");
  return render_pdf(letters);
}

Result<int> mark_letter_service_posted(Database& db, const Clock& clock, const Actor& actor,
                                       const std::vector<int64_t>& dispatch_ids) {
  if (auto st = require_operator(db, actor); !st) return st.error();
  if (dispatch_ids.empty()) return invalid("ids", "Vælg mindst ét brev.");
  soci::session sql(db.pool());
  return mark_letter_service_printed(sql, dispatch_ids, clock.now_unix());
}

}  // namespace inkasso
