#include "web/pages.h"

namespace inkasso::web {

void register_all_pages(WebApp& app) {
  register_static_files(app);
  register_auth_pages(app);
  register_account_pages(app);
  register_debtor_pages(app);
  register_case_list_pages(app);
  register_case_wizard_pages(app);
  register_case_pages(app);
  register_case_action_pages(app);
  register_document_pages(app);
  register_dispatch_pages(app);
  register_tracking_pages(app);
  register_portal_pages(app);
  register_operations_pages(app);
  register_court_pages(app);
  register_letter_service_pages(app);
  register_template_pages(app);
  register_sms_callback_pages(app);
  register_followup_pages(app);
  register_digest_pages(app);
  register_court_fee_pages(app);
}

}  // namespace inkasso::web
