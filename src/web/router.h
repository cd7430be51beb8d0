// Maps a method and a path to a handler. Patterns are literal segments and `{name}`
// parameters: "/sager/{number}/handlinger". A parameter matches one non-empty segment; the
// handler reads it with Request::param. Routes are tried in the order they were added.
//
// Thread-safety: add every route before the server starts; matching is then read-only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.h"

namespace inkasso::web {

template <class Handler>
class Router {
 public:
  void add(std::string method, std::string_view pattern, Handler handler) {
    routes_.push_back(Route{std::move(method), split(pattern), std::move(handler)});
  }

  // The handler for the request, with req.params filled in; nullptr when no route matches.
  // `path_matched` tells a 405 (some other method has the path) from a 404.
  const Handler* match(Request& req, bool* path_matched = nullptr) const {
    auto segments = split(req.path);
    bool any = false;
    for (const auto& route : routes_) {
      if (route.segments.size() != segments.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < segments.size() && ok; ++i) {
        const std::string& p = route.segments[i];
        bool is_param = p.size() > 2 && p.front() == '{' && p.back() == '}';
        ok = is_param ? !segments[i].empty() : p == segments[i];
      }
      if (!ok) continue;
      any = true;
      if (route.method != req.method && !(req.method == "HEAD" && route.method == "GET")) continue;
      for (size_t i = 0; i < segments.size(); ++i) {
        const std::string& p = route.segments[i];
        if (p.size() > 2 && p.front() == '{') req.params[p.substr(1, p.size() - 2)] = segments[i];
      }
      if (path_matched) *path_matched = true;
      return &route.handler;
    }
    if (path_matched) *path_matched = any;
    return nullptr;
  }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };

  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    size_t pos = 0;
    if (!path.empty() && path.front() == '/') pos = 1;
    while (pos <= path.size()) {
      size_t end = path.find('/', pos);
      if (end == std::string_view::npos) end = path.size();
      out.emplace_back(path.substr(pos, end - pos));
      pos = end + 1;
    }
    // "/sager/" and "/sager" are the same page.
    if (out.size() > 1 && out.back().empty()) out.pop_back();
    return out;
  }

  std::vector<Route> routes_;
};

}  // namespace inkasso::web
