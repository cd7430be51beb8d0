#include "web/account_support.h"

#include "core/text.h"
#include "web/domain_names.h"
#include "web/postal_codes.h"

namespace inkasso::web {

MasterInput read_master_input(const Request& req) {
  MasterInput in;
  in.name = req.form_value("name");
  in.cvr = req.form_value("cvr");
  in.email = req.form_value("email");
  in.phone = req.form_value("phone");
  in.vat_registered = req.form_value("vat_registered") == "1";
  in.street = req.form_value("street");
  in.postal_code = req.form_value("postal_code");
  in.city = req.form_value("city");
  in.bank_name = req.form_value("bank_name");
  in.reg_no = req.form_value("reg_no");
  in.account_no = req.form_value("account_no");
  if (std::string fi = trim(req.form_value("fi_creditor_no")); !fi.empty()) in.fi_creditor_no = fi;
  // Without JavaScript nobody filled in the town: the postal code says it.
  if (trim(in.city).empty()) {
    if (auto town = town_for_postal_code(without_spaces(trim(in.postal_code)))) in.city = *town;
  }
  return in;
}

FormState master_form_state(const Request& req, const MasterInput& input, const Error& error) {
  FormState state;
  state.fill_from(req);
  state.set("city", input.city);
  state.error(error.field.empty() ? "form" : error.field, error.message);
  return state;
}

bool is_form_error(const Error& error) {
  return error.code == app_error::kInvalid || error.code == app_error::kDuplicate;
}

mstch::array role_options(const PageContext& ctx, Role selected) {
  mstch::array options;
  for (Role r : {Role::guest, Role::case_handler, Role::administrator}) {
    std::string key(role_key(r));
    options.push_back(mstch::map{
        {"value", std::string(to_string(r))},
        {"name", ctx.text(key)},
        {"description", ctx.text("account." + key + "_description")},
        {"checked", r == selected},
    });
  }
  return options;
}

}  // namespace inkasso::web
