#include "web/pages.h"

namespace inkasso::web {

void register_debtor_pages(WebApp& app) {
  (void)app;
}

}  // namespace inkasso::web
