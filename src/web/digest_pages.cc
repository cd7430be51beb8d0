// Unsubscribing from the follow-up digest e-mail (jobs/digest.h) with the link in every mail:
// `/opfoelgningsmail/afmeld/<token>` (jobs/digest_unsubscribe.h; the token is the credential,
// no login needed).
//  - GET shows what the button does; its form POSTs to the same address with the anonymous
//    CSRF cookie's token (or the session's, when logged in), as the login form does.
//  - `/opfoelgningsmail/afmeld/<token>/et-klik` is the address of the mail's List-Unsubscribe
//    header: mail clients POST `List-Unsubscribe=One-Click` there (RFC 8058) with no cookie and
//    no CSRF token, so it is a machine route, authenticated by the token alone. A GET there
//    (a client that opens the link in a browser) shows the same page as the first.
// An invalid token answers 404 and changes nothing.
#include "jobs/digest_unsubscribe.h"
#include "web/pages.h"

namespace inkasso::web {

namespace {

constexpr size_t kTokenMax = 100;

bool plausible(const std::string& token) {
  return !token.empty() && token.size() <= kTokenMax;
}

Response invalid_link(PageContext& ctx) {
  return ctx.page("digest_unsubscribe", mstch::map{{"invalid", true}},
                  ctx.text("digest.unsubscribe.title"), 404);
}

Response show_unsubscribe(PageContext& ctx) {
  const std::string& token = ctx.req().param("token");
  if (!plausible(token) || !user_of_unsubscribe_token(ctx.box(), token)) return invalid_link(ctx);
  mstch::map data{{"ask", true}, {"action", "/opfoelgningsmail/afmeld/" + token}};
  return ctx.page("digest_unsubscribe", data, ctx.text("digest.unsubscribe.title"));
}

Response do_unsubscribe(PageContext& ctx) {
  const std::string& token = ctx.req().param("token");
  if (!plausible(token) || !unsubscribe_digest(ctx.db(), ctx.box(), token))
    return invalid_link(ctx);
  return ctx.page("digest_unsubscribe", mstch::map{{"done", true}},
                  ctx.text("digest.unsubscribe.title"));
}

Response do_one_click(PageContext& ctx) {
  const std::string& token = ctx.req().param("token");
  if (ctx.req().form_value("List-Unsubscribe") != "One-Click")
    return Response::text("Forventede List-Unsubscribe=One-Click.", 400);
  if (!plausible(token) || !unsubscribe_digest(ctx.db(), ctx.box(), token))
    return Response::text("Ukendt link.", 404);
  return Response::text("Du er afmeldt opfølgningsmailen.", 200);
}

}  // namespace

void register_digest_pages(WebApp& app) {
  app.get("/opfoelgningsmail/afmeld/{token}", Access::anyone, show_unsubscribe);
  app.post("/opfoelgningsmail/afmeld/{token}", Access::anyone, do_unsubscribe);
  app.get("/opfoelgningsmail/afmeld/{token}/et-klik", Access::anyone, show_unsubscribe);
  app.post("/opfoelgningsmail/afmeld/{token}/et-klik", Access::machine, do_one_click);
}

}  // namespace inkasso::web
