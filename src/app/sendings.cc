#include "app/sendings.h"

#include <algorithm>
#include <set>

#include "app/letters.h"
#include "docs/letter_pdf.h"
#include "store/document_store.h"

namespace inkasso {

Result<DispatchPage> search_sendings(Database& db, const Actor& actor, int64_t account_id,
                                     const DispatchQuery& query) {
  if (query.limit < 1 || query.limit > 200 || query.offset < 0)
    return invalid("limit", "Ugyldig side.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  return search_dispatches(sql, account_id, query);
}

Result<std::vector<MonthlySendings>> sendings_per_month(Database& db, const Actor& actor,
                                                        int64_t account_id, Date from, Date to) {
  if (to < from || to - from > 3 * 366)
    return invalid("from", "Vælg en periode på højst tre år.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  return dispatch_overview(sql, account_id, from, to);
}

Result<std::vector<PrintItem>> documents_to_print(Database& db, const Clock& clock,
                                                  const Actor& actor, int64_t account_id) {
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  return list_print_queue(sql, account_id, clock.now_unix());
}

Result<std::string> print_pdf(Database& db, const Clock& clock, const Actor& actor,
                              int64_t account_id, const std::vector<int64_t>& dispatch_ids) {
  if (dispatch_ids.empty()) return invalid("ids", "Vælg mindst ét dokument.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::guest); !role) return role.error();
  std::vector<LetterDocument> letters;
  for (const PrintItem& item : list_print_queue(sql, account_id, clock.now_unix())) {
    if (std::find(dispatch_ids.begin(), dispatch_ids.end(), item.dispatch_id) == dispatch_ids.end())
      continue;
    auto content = load_document_content(sql, account_id, item.document_id);
    if (!content) return not_found("Dokumentet");
    auto letter = letter_document_of(sql, account_id, *content);
    if (!letter) return letter.error();
    letters.push_back(std::move(*letter));
  }
  if (letters.size() != std::set<int64_t>(dispatch_ids.begin(), dispatch_ids.end()).size())
    return not_found("Dokumentet");
  return render_pdf(letters);
}

Result<int> mark_documents_printed(Database& db, const Clock& clock, const Actor& actor,
                                   int64_t account_id, const std::vector<int64_t>& dispatch_ids) {
  if (dispatch_ids.empty()) return invalid("ids", "Vælg mindst ét dokument.");
  soci::session sql(db.pool());
  if (auto role = require_role(sql, account_id, actor, Role::case_handler); !role)
    return role.error();
  return mark_printed(sql, account_id, dispatch_ids, clock.now_unix());
}

}  // namespace inkasso
