#include "web/pages.h"

namespace inkasso::web {

void register_case_action_pages(WebApp& app) {
  (void)app;
}

}  // namespace inkasso::web
