// The whole web application, assembled: texts, templates, every page, the HTTP server. Used by
// `inkasso serve` and by the tests (which run it on a free port in a thread of their own).
#pragma once

#include <memory>

#include "app/context.h"
#include "app/secrets.h"
#include "core/result.h"
#include "store/database.h"
#include "web/server.h"
#include "web/texts.h"
#include "web/views.h"
#include "web/web_app.h"

namespace inkasso::web {

class AppServer {
 public:
  // Loads the Danish texts and the templates (an error names a missing text), registers every
  // page and binds the socket. `db`, `clock` and `box` must outlive the server.
  static Result<std::unique_ptr<AppServer>> start(Database& db, const Clock& clock,
                                                  const SecretBox& box, ServerConfig server,
                                                  WebConfig web = {});
  int port() const { return port_; }
  WebApp& app() { return *app_; }
  // Serves until stop() (blocks).
  void run() { server_->run(); }
  void stop() { server_->stop(); }
  // Whether run() has started accepting (tests wait for it before they may stop()).
  bool running() const { return server_->running(); }

 private:
  AppServer() = default;
  std::unique_ptr<Texts> texts_;
  std::unique_ptr<Views> views_;
  std::unique_ptr<WebApp> app_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
};

}  // namespace inkasso::web
