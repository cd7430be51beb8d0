// `inkasso serve`: the web application on the embedded SQLite file or PostgreSQL.
#pragma once

#include <string>

namespace inkasso {

struct ServeOptions {
  std::string data_dir = "var";
  std::string db_url;  // empty: the embedded SQLite file in data_dir
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 16;
  bool demo = false;   // create the demo login and cases first (idempotent) and print the login
  bool quiet = false;  // no request log
};

// Migrates, then serves until SIGINT or SIGTERM (requests in progress finish). Returns the
// process exit code.
int serve(const ServeOptions& options);

}  // namespace inkasso
