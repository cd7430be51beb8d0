// Placeholder: filled by its module (issue 5).
#include "web/pages.h"

namespace inkasso::web {

void register_court_pages(WebApp& app) { (void)app; }

}  // namespace inkasso::web
