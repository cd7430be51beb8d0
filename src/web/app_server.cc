#include "web/app_server.h"

namespace inkasso::web {

Result<std::unique_ptr<AppServer>> AppServer::start(Database& db, const Clock& clock,
                                                    const SecretBox& box, ServerConfig server,
                                                    WebConfig web) {
  std::unique_ptr<AppServer> s(new AppServer());
  auto texts = Texts::load("da");
  if (!texts) return texts.error();
  s->texts_ = std::make_unique<Texts>(std::move(*texts));
  auto views = Views::load(*s->texts_);
  if (!views) return views.error();
  s->views_ = std::make_unique<Views>(std::move(*views));
  s->app_ = std::make_unique<WebApp>(Services{db, clock, box, *s->texts_, *s->views_, web});
  register_all_pages(*s->app_);
  WebApp* app = s->app_.get();
  s->server_ = std::make_unique<HttpServer>(std::move(server),
                                            [app](Request& req) { return app->handle(req); });
  auto port = s->server_->bind();
  if (!port) return port.error();
  s->port_ = *port;
  return s;
}

}  // namespace inkasso::web
