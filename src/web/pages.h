// The page modules. Each registers its routes with the WebApp; web_routes.cc calls them all.
// One module per area of the product, each with its own templates (src/web/templates/<area>_*),
// texts (src/web/texts/da.<area>.txt) and styles (src/web/static/<nn>-<area>.css).
#pragma once

#include "web/web_app.h"

namespace inkasso::web {

void register_static_files(WebApp& app);       // /static/app.css, /static/app.js, /favicon.ico
void register_auth_pages(WebApp& app);         // log in/out, sign up, the front page
void register_account_pages(WebApp& app);      // /konto/...: accounts, master data, users, my user
void register_debtor_pages(WebApp& app);       // /skyldnere/...
void register_case_list_pages(WebApp& app);    // /sager (Søg en sag), /todo
void register_case_wizard_pages(WebApp& app);  // /sager/ny: the four-step wizard
void register_case_pages(WebApp& app);         // /sager/{number}: the case, guide, settings
void register_case_action_pages(WebApp& app);  // /sager/{number}/handling/...: Opret handling
void register_document_pages(WebApp& app);     // /sager/{number}/dokumenter/{id}: the PDFs
void register_dispatch_pages(WebApp& app);     // /udsendelser (queue, overview), /udskriv
void register_tracking_pages(WebApp& app);     // /aabn/{token}: the debtor's link, counted
void register_portal_pages(WebApp& app);       // /portal/...: the debtor portal and its preview
void register_operations_pages(WebApp& app);   // /drift: the installation operator's index
void register_court_pages(WebApp& app);        // /drift/retskredse, filing court documents
void register_letter_service_pages(WebApp& app);  // /drift/brevservice: the print room
void register_template_pages(WebApp& app);        // /konto/breve: the account's letter templates
void register_sms_callback_pages(WebApp& app);    // POST /sms/kvittering/{secret}: delivery reports
void register_followup_pages(WebApp& app);  // /opfoelgning: batch follow-up (multiopfølgning)
void register_digest_pages(WebApp& app);    // /opfoelgningsmail/afmeld/{token}: unsubscribe
// /todo/retsafgifter: court fees to transfer; /drift/retsafgifter: the courts' payment details
void register_court_fee_pages(WebApp& app);

}  // namespace inkasso::web
