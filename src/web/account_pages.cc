#include "web/pages.h"

namespace inkasso::web {

void register_account_pages(WebApp& app) {
  (void)app;
}

}  // namespace inkasso::web
