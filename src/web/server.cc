#include "web/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace inkasso::web {
namespace {

// Paths that carry a credential (a debtor's direct link, the tracking link of an e-mail or SMS,
// the SMS gateway's callback) are logged without it.
std::string_view loggable_path(std::string_view path) {
  for (std::string_view secret : {std::string_view("/portal/adgang/"), std::string_view("/aabn/"),
                                  std::string_view("/sms/kvittering/")})
    if (path.substr(0, secret.size()) == secret) return secret;
  return path;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Request to_request(const httplib::Request& in) {
  Request req;
  req.method = in.method;
  req.path = url_decode(in.path.substr(0, in.path.find('?')));
  size_t q = in.target.find('?');
  if (q != std::string::npos) req.query = parse_form(std::string_view(in.target).substr(q + 1));
  for (const auto& [name, value] : in.headers) req.headers.emplace(lower(name), value);
  req.cookies = parse_cookies(req.header("cookie"));
  if (req.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0)
    req.form = parse_form(in.body);
  // Multipart parts arrive in a multimap ordered by name; plain parts become form fields, parts
  // with a file name uploads.
  for (const auto& [name, part] : in.files) {
    if (part.filename.empty())
      req.form.emplace_back(name, part.content);
    else
      req.files.push_back({name, part.filename, part.content_type, part.content});
  }
  req.body = in.body;
  req.remote_addr = in.remote_addr;
  return req;
}

}  // namespace

HttpServer::HttpServer(ServerConfig config, Handler handler)
    : config_(std::move(config)),
      handler_(std::move(handler)),
      server_(std::make_unique<httplib::Server>()) {
  auto& s = *server_;
  s.set_tcp_nodelay(true);
  const int threads = config_.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_keep_alive_max_count(static_cast<size_t>(config_.keep_alive_max_requests));
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(config_.read_timeout_seconds, 0);
  s.set_write_timeout(config_.read_timeout_seconds, 0);
  s.set_payload_max_length(config_.payload_max_bytes);
  auto serve = [this](const httplib::Request& in, httplib::Response& out) {
    auto started = std::chrono::steady_clock::now();
    Request req = to_request(in);
    Response res = handler_(req);
    out.status = res.status;
    for (const auto& [name, value] : res.headers) out.set_header(name, value);
    for (const auto& c : res.cookies) out.set_header("Set-Cookie", format_set_cookie(c));
    if (req.method != "HEAD")
      out.set_content(res.body, res.content_type);
    else
      out.set_header("Content-Type", res.content_type);
    if (config_.log_requests) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
      spdlog::info("{} {} {} {:.1f}ms", req.method, loggable_path(req.path), res.status,
                   static_cast<double>(us) / 1000.0);
    }
  };
  for (const char* pattern : {".*"}) {
    s.Get(pattern, serve);
    s.Post(pattern, serve);
  }
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::bind() {
  int port = config_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(config_.host);
  } else if (!server_->bind_to_port(config_.host, port)) {
    port = -1;
  }
  if (port < 0)
    return make_error("bind", "cannot listen on " + config_.host + ":" +
                                  std::to_string(config_.port) + " (in use?)");
  return port;
}

void HttpServer::run() {
  server_->listen_after_bind();
}

void HttpServer::stop() {
  server_->stop();
}

bool HttpServer::running() const {
  return server_->is_running();
}

}  // namespace inkasso::web
