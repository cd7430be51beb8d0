// The database: SQLite (one file in the data directory, the embedded default) or PostgreSQL,
// behind SOCI with the same SQL for both. A Database owns a pool of sessions; each unit of
// work borrows one (`soci::session sql(db.pool());`).
//
// Thread-safety: the pool is thread-safe; a borrowed session belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/result.h"

namespace inkasso {

enum class Dialect { sqlite, postgresql };

class Database {
 public:
  // `url`: "sqlite:PATH" (the file is created) or "postgresql://user@host:port/dbname" (any
  // libpq connection URI). Each SQLite connection gets WAL, foreign keys and a busy timeout.
  static Result<std::unique_ptr<Database>> open(const std::string& url, size_t pool_size = 4);
  // The URL of the embedded default: "sqlite:<data_dir>/inkasso.db" (the directory is created).
  static Result<std::string> sqlite_url_for_data_dir(const std::string& data_dir);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  soci::connection_pool& pool() { return *pool_; }

  // Applies the numbered migrations not yet applied (src/store/migrations), each in its own
  // transaction. Safe to call at every start-up and from several processes.
  Status migrate();
  // The numbers of the applied migrations, ascending.
  std::vector<int> applied_migrations();
  // The highest migration number this program knows.
  static int latest_migration();

 private:
  Database(Dialect dialect, size_t pool_size);
  Dialect dialect_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// A database-level failure (connection lost, constraint broken unexpectedly) as an Error; the
// message is safe to log (no SQL parameters).
Error database_error(const std::exception& e);

}  // namespace inkasso
