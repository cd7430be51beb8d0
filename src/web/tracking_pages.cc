// The link in the e-mails and SMS to the debtor (issue 5): `/aabn/<token>` counts the sending as
// opened and takes the debtor into the portal through the case's direct link. An unknown or
// mistyped token leads to the portal's login page, saying nothing about what exists.
#include "app/letters.h"
#include "web/pages.h"

namespace inkasso::web {

namespace {

Response open_link(PageContext& ctx) {
  const std::string& token = ctx.req().param("token");
  if (token.empty() || token.size() > 200) return Response::redirect("/portal");
  auto path = follow_tracking_link(ctx.db(), ctx.clock(), ctx.box(), token);
  return Response::redirect(path ? *path : "/portal");
}

}  // namespace

void register_tracking_pages(WebApp& app) {
  app.get("/aabn/{token}", Access::anyone, open_link);
}

}  // namespace inkasso::web
