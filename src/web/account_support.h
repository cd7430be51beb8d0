// What the account pages share (account_pages.cc, account_settings_pages.cc,
// account_people_pages.cc): reading the master data form, the role choices, and telling a form
// error from an error page. Internal to the account area of the web application.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "app/accounts.h"
#include "web/domain_names.h"
#include "web/view_support.h"
#include "web/web_app.h"

namespace inkasso::web {

void register_account_settings_pages(WebApp& app);  // /konto/stamdata, /konto/standarder, ...
void register_account_people_pages(WebApp& app);    // /konto/brugere, /konto/min-bruger

// The master data fields as typed (the forms of "Opret konto" and "Stamdata" share their names:
// name, cvr, email, phone, vat_registered, street, postal_code, city, bank_name, reg_no,
// account_no, fi_creditor_no). A blank city is filled in from a known postal code.
struct MasterInput {
  std::string name, cvr, email, phone;
  bool vat_registered = false;
  std::string street, postal_code, city, bank_name, reg_no, account_no;
  std::optional<std::string> fi_creditor_no;  // nullopt when left blank
};
MasterInput read_master_input(const Request& req);

// A form shown again with what was typed, the town filled in, and `error` beside its field
// (or above the form, field "form", when the use case named none).
FormState master_form_state(const Request& req, const MasterInput& input, const Error& error);

// Whether a use case's error belongs beside a form field (invalid input, a duplicate, the last
// administrator) and the form should be shown again; otherwise it is the error page's (not
// found 404, forbidden 403, conflict 409).
bool is_form_error(const Error& error);

// The three roles as radio or select options: value, name, the manual's one-line description,
// and "checked" for `selected`.
mstch::array role_options(const PageContext& ctx, Role selected);

}  // namespace inkasso::web
