// The HTTP server: cpp-httplib behind our Request/Response (http.h). One place knows the
// library; swapping it touches this file only.
//
// Configured as ../shared/spec/stack.md says: TCP_NODELAY (without it responses stall 40 ms),
// an explicit thread pool, keep-alive and read timeouts, a payload limit. It listens on
// 127.0.0.1 by default: in production nginx sits in front (TLS, limits, buffering).
// One line per request goes to the log: method, path (never the query string, which may hold
// a searched name), status, milliseconds. No personal data.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "web/http.h"

namespace httplib {
class Server;
}

namespace inkasso::web {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 16;
  size_t payload_max_bytes = 1 << 20;
  int read_timeout_seconds = 10;
  int keep_alive_max_requests = 1000;
  bool log_requests = true;
};

class HttpServer {
 public:
  using Handler = std::function<Response(Request&)>;
  HttpServer(ServerConfig config, Handler handler);
  ~HttpServer();

  // Binds the socket; returns the port (useful with port 0).
  Result<int> bind();
  // Serves until stop(); call after bind().
  void run();
  // Stops accepting; requests in progress finish. Safe from a signal-watching thread. Call it
  // only once running() is true: a stop before the accept loop started is lost.
  void stop();
  bool running() const;

 private:
  ServerConfig config_;
  Handler handler_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace inkasso::web
