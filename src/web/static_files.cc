// The stylesheet and the script: every src/web/static/*.css (and *.js) joined in file-name order
// into one file each, so areas of the product keep their styles apart and the browser still
// loads one file.
#include <string>

#include "web/embedded.h"
#include "web/pages.h"

namespace inkasso::web {
namespace {

std::string joined(std::string_view suffix) {
  std::string all;
  for (const auto& f : embedded_static()) {
    if (f.name.size() < suffix.size() || f.name.substr(f.name.size() - suffix.size()) != suffix)
      continue;
    all += "/* ";
    all += f.name;
    all += " */\n";
    all += f.contents;
    all += '\n';
  }
  return all;
}

Response asset(const std::string& body, const char* type) {
  Response r;
  r.content_type = type;
  r.body = body;
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

void register_static_files(WebApp& app) {
  static const std::string css = joined(".css");
  static const std::string js = joined(".js");
  app.get("/static/app.css", Access::anyone,
          [](PageContext&) { return asset(css, "text/css; charset=utf-8"); });
  app.get("/static/app.js", Access::anyone,
          [](PageContext&) { return asset(js, "text/javascript; charset=utf-8"); });
  app.get("/favicon.ico", Access::anyone, [](PageContext&) { return Response::text("", 204); });
}

}  // namespace inkasso::web
