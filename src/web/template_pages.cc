// The account's letter templates and logo (/konto/breve, issue 5):
//
//   GET  /konto/breve                          the templates (own text or default) and the logo
//   GET  /konto/breve/{slug}                   the editor: the text, the fields, Gem,
//                                              Forhåndsvis, Gendan standard
//   POST /konto/breve/{slug}                   save (422 with the error beside the text)
//   POST /konto/breve/{slug}/forhaandsvisning  the PDF of the text as posted (unsaved)
//   GET  /konto/breve/{slug}/gendan            "return to the default?"
//   POST /konto/breve/{slug}/gendan            return to the default
//   POST /konto/logo                           upload a PNG (multipart/form-data)
//   POST /konto/logo/fjern                     back to the product's logo
//   GET  /konto/logo.png                       the account's current logo
//
// The slug is the Danish title in ASCII ("rykker", "frivilligt-forlig"), as URLs are Danish.
// Any role reads and previews; the use cases (app/letter_templates.h) let only administrators
// write, and the pages show the forms to administrators only.
#include <algorithm>
#include <cctype>
#include <string>

#include "app/letter_templates.h"
#include "docs/templates.h"
#include "web/pages.h"
#include "web/view_support.h"

namespace inkasso::web {
namespace {

// "Frivilligt forlig" → "frivilligt-forlig".
std::string slug_of(std::string_view key) {
  std::string s = ascii_file_name(template_title(key));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The template key of the URL's slug, or "" when none.
std::string key_of_slug(std::string_view slug) {
  for (const std::string& key : all_template_keys())
    if (slug_of(key) == slug) return key;
  return {};
}

std::string base_url(std::string_view key) {
  return "/konto/breve/" + slug_of(key);
}

bool is_administrator(const PageContext& ctx) {
  return ctx.role() == Role::administrator;
}

mstch::map logo_view(const std::optional<AccountLogo>& logo, const std::string& error) {
  mstch::map m{{"has_logo", logo.has_value()}, {"error", error}};
  if (logo) {
    m["url"] = "/konto/logo.png?v=" + std::to_string(logo->id);
    m["uploaded"] = format_time(logo->created_at);
    m["uploaded_by"] = logo->created_by;
  }
  return m;
}

Response list_page(PageContext& ctx, const std::string& logo_error, int status) {
  auto templates = list_letter_templates(ctx.db(), ctx.actor(), ctx.account_id());
  if (!templates) return ctx.error_page(templates.error());
  auto logo = current_logo(ctx.db(), ctx.actor(), ctx.account_id());
  if (!logo) return ctx.error_page(logo.error());
  mstch::array rows;
  for (const LetterTemplate& t : *templates)
    rows.push_back(mstch::map{
        {"title", t.title},
        {"url", base_url(t.key)},
        {"changed", t.changed},
        {"updated", t.updated_at ? format_time(*t.updated_at) : std::string()},
        {"updated_by", t.updated_by},
    });
  mstch::map data{{"templates", rows},
                  {"is_administrator", is_administrator(ctx)},
                  {"logo", logo_view(*logo, logo_error)}};
  return ctx.page("template_list", data, ctx.text("templates.title"), status);
}

Response show_list(PageContext& ctx) {
  return list_page(ctx, {}, 200);
}

mstch::array field_help() {
  mstch::array out;
  for (const TemplateField& f : template_fields())
    out.push_back(mstch::map{
        {"code", f.section ? "{{#" + f.name + "}} … {{/" + f.name + "}}" : "{{" + f.name + "}}"},
        {"description", f.description}});
  return out;
}

// The editor with `body` in the text field and `error` beside it.
Response edit_page(PageContext& ctx, const LetterTemplate& t, const std::string& body,
                   const std::string& error, int status) {
  mstch::map data{
      {"title", t.title},
      {"url", base_url(t.key)},
      {"body", body},
      {"error", error},
      {"changed", t.changed},
      {"updated", t.updated_at ? format_time(*t.updated_at) : std::string()},
      {"updated_by", t.updated_by},
      {"is_administrator", is_administrator(ctx)},
      {"fields", field_help()},
  };
  return ctx.page("template_edit", data, t.title + " · " + ctx.text("templates.title"), status);
}

// The template of the URL, authorised (any role).
Result<LetterTemplate> template_of(PageContext& ctx) {
  const std::string key = key_of_slug(ctx.req().param("slug"));
  if (key.empty()) return not_found("Skabelonen");
  return get_letter_template(ctx.db(), ctx.actor(), ctx.account_id(), key);
}

Response show_edit(PageContext& ctx) {
  auto t = template_of(ctx);
  if (!t) return ctx.error_page(t.error());
  return edit_page(ctx, *t, t->body, {}, 200);
}

Response do_save(PageContext& ctx) {
  auto t = template_of(ctx);
  if (!t) return ctx.error_page(t.error());
  const std::string& body = ctx.req().form_value("body");
  auto saved =
      save_letter_template(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(), t->key, body);
  if (!saved) {
    if (saved.error().code != app_error::kInvalid) return ctx.error_page(saved.error());
    return edit_page(ctx, *t, body, saved.error().message, 422);
  }
  return ctx.redirect(base_url(t->key), "flash.template_saved");
}

Response do_preview(PageContext& ctx) {
  auto t = template_of(ctx);
  if (!t) return ctx.error_page(t.error());
  const std::string& body = ctx.req().form_value("body");
  auto pdf = preview_letter_template(ctx.db(), ctx.actor(), ctx.account_id(), t->key, body);
  if (!pdf) {
    if (pdf.error().code != app_error::kInvalid) return ctx.error_page(pdf.error());
    return edit_page(ctx, *t, body, pdf.error().message, 422);
  }
  return Response::pdf(std::move(*pdf),
                       ctx.text("templates.preview_file") + " " + t->title + ".pdf");
}

Response show_reset(PageContext& ctx) {
  auto t = template_of(ctx);
  if (!t) return ctx.error_page(t.error());
  mstch::map data{{"title", t->title},
                  {"url", base_url(t->key)},
                  {"changed", t->changed},
                  {"is_administrator", is_administrator(ctx)}};
  return ctx.page("template_reset", data, ctx.text("templates.reset.title"));
}

Response do_reset(PageContext& ctx) {
  auto t = template_of(ctx);
  if (!t) return ctx.error_page(t.error());
  auto done = reset_letter_template(ctx.db(), ctx.actor(), ctx.account_id(), t->key);
  if (!done) return ctx.error_page(done.error());
  return ctx.redirect(base_url(t->key), "flash.template_reset");
}

Response do_upload_logo(PageContext& ctx) {
  const UploadedFile* file = ctx.req().file("logo");
  auto id = upload_logo(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id(),
                        file ? std::string_view(file->content) : std::string_view());
  if (!id) {
    if (id.error().code != app_error::kInvalid) return ctx.error_page(id.error());
    return list_page(ctx, id.error().message, 422);
  }
  return ctx.redirect("/konto/breve#logo", "flash.logo_saved");
}

Response do_remove_logo(PageContext& ctx) {
  auto done = remove_logo(ctx.db(), ctx.clock(), ctx.actor(), ctx.account_id());
  if (!done) return ctx.error_page(done.error());
  return ctx.redirect("/konto/breve#logo", "flash.logo_removed");
}

Response show_logo(PageContext& ctx) {
  auto logo = current_logo(ctx.db(), ctx.actor(), ctx.account_id());
  if (!logo) return ctx.error_page(logo.error());
  if (!*logo) return ctx.error_page(not_found("Logoet"));
  Response r;
  r.content_type = "image/png";
  r.body = std::move((*logo)->png);
  // The page links the logo with its version (?v=id), so a browser may keep it a while; only
  // the user's own browser, as it belongs to the account.
  r.set_header("Cache-Control", "private, max-age=300");
  return r;
}

}  // namespace

void register_template_pages(WebApp& app) {
  app.get("/konto/breve", Access::account, show_list);
  app.get("/konto/breve/{slug}", Access::account, show_edit);
  app.post("/konto/breve/{slug}", Access::account, do_save);
  app.post("/konto/breve/{slug}/forhaandsvisning", Access::account, do_preview);
  app.get("/konto/breve/{slug}/gendan", Access::account, show_reset);
  app.post("/konto/breve/{slug}/gendan", Access::account, do_reset);
  app.post("/konto/logo", Access::account, do_upload_logo);
  app.post("/konto/logo/fjern", Access::account, do_remove_logo);
  app.get("/konto/logo.png", Access::account, show_logo);
}

}  // namespace inkasso::web
