// Placeholder: filled by its module (issue 5).
#include "web/pages.h"

namespace inkasso::web {

void register_letter_service_pages(WebApp& app) { (void)app; }

}  // namespace inkasso::web
