#include "store/database.h"

#include <filesystem>
#include <map>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include "store/migrations.h"

namespace inkasso {

namespace {

constexpr const char* kSqlitePrefix = "sqlite:";

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// The dialect's spelling of the placeholders the migrations use.
std::string dialect_sql(std::string_view sql, Dialect d) {
  std::string s(sql);
  s = replace_all(s, "{{ID}}",
                  d == Dialect::sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  s = replace_all(s, "{{BLOB}}", d == Dialect::sqlite ? "BLOB" : "BYTEA");
  return s;
}

// Runs a whole script (several statements, trigger and function bodies included) through the
// native client, which SOCI's statement interface cannot do.
void exec_script(soci::session& sql, Dialect d, const std::string& script) {
  if (d == Dialect::sqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error("sqlite: " + msg);
    }
  } else {
    auto* be = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    PGresult* r = PQexec(be->conn_, script.c_str());
    ExecStatusType st = PQresultStatus(r);
    std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw std::runtime_error("postgresql: " + msg);
  }
}

// SOCI's PostgreSQL backend takes libpq's key=value form, not a URI: let libpq itself parse the
// URI and spell it out (values quoted, so spaces and quotes survive).
Result<std::string> postgresql_conninfo(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string msg = err ? err : "invalid connection URI";
    PQfreemem(err);
    return make_error("invalid_input", "--db: " + msg, "db");
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string v;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') v.push_back('\\');
      v.push_back(*c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + v + "'";
  }
  PQconninfoFree(opts);
  return out;
}

// Driver messages span lines (libpq adds hints on new lines); errors are one line.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Error database_error(const std::exception& e) {
  return make_error("database", "database error: " + one_line(e.what()));
}

Database::Database(Dialect dialect, size_t pool_size)
    : dialect_(dialect), pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

Result<std::string> Database::sqlite_url_for_data_dir(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return make_error("io", "--data-dir " + data_dir + ": " + ec.message());
  return std::string(kSqlitePrefix) + (std::filesystem::path(data_dir) / "inkasso.db").string();
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url, size_t pool_size) {
  Dialect dialect;
  std::string connect;
  if (url.rfind(kSqlitePrefix, 0) == 0) {
    dialect = Dialect::sqlite;
    // SOCI's sqlite3 connect string: db=PATH timeout=SECONDS (quotes allow spaces).
    connect = "db=\"" + url.substr(std::string_view(kSqlitePrefix).size()) + "\" timeout=10";
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect = Dialect::postgresql;
    auto info = postgresql_conninfo(url);
    if (!info) return info.error();
    connect = *info;
  } else {
    return make_error("invalid_input",
                      "--db: expected sqlite:PATH or postgresql://..., got an unknown scheme",
                      "db");
  }
  std::unique_ptr<Database> db(new Database(dialect, pool_size));
  try {
    for (size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (dialect == Dialect::sqlite) {
        s.open(*soci::factory_sqlite3(), connect);
        s << "PRAGMA journal_mode = WAL";
        s << "PRAGMA foreign_keys = ON";
        s << "PRAGMA synchronous = NORMAL";
        s << "PRAGMA busy_timeout = 10000";
        // Reading large histories through the page cache alone was the follow-up list's cost.
        s << "PRAGMA mmap_size = 268435456";
      } else {
        s.open(*soci::factory_postgresql(), connect);
      }
    }
  } catch (const std::exception& e) {
    // The URL may hold a password: say only which kind of database failed.
    return make_error("database", std::string("cannot open the ") +
                                      (dialect == Dialect::sqlite ? "SQLite" : "PostgreSQL") +
                                      " database: " + one_line(e.what()));
  }
  return db;
}

int Database::latest_migration() {
  int n = 0;
  for (const MigrationFile& f : migration_files()) n = std::max(n, f.number);
  return n;
}

std::vector<int> Database::applied_migrations() {
  soci::session sql(*pool_);
  std::vector<int> out;
  soci::rowset<int> rows = (sql.prepare << "SELECT version FROM schema_migrations ORDER BY version");
  for (int v : rows) out.push_back(v);
  return out;
}

Status Database::migrate() {
  try {
    soci::session sql(*pool_);
    exec_script(sql, dialect_,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    // Group the files by number: one migration is the shared file or the dialect's own.
    std::map<int, const MigrationFile*> todo;
    const std::string_view mine = dialect_ == Dialect::sqlite ? "sqlite" : "postgresql";
    for (const MigrationFile& f : migration_files())
      if (f.dialect.empty() || f.dialect == mine) todo[f.number] = &f;
    for (const auto& [number, file] : todo) {
      // Serialise concurrent migrators: SQLite by an immediate write transaction, PostgreSQL
      // by a transaction-scoped advisory lock; then look again whether it is still to do.
      std::string begin = dialect_ == Dialect::sqlite
                              ? "BEGIN IMMEDIATE;"
                              : "BEGIN; SELECT pg_advisory_xact_lock(7411);";
      exec_script(sql, dialect_, begin);
      try {
        int done = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(number),
            soci::into(done);
        if (!done) {
          exec_script(sql, dialect_, dialect_sql(file->sql, dialect_));
          long long now = static_cast<long long>(std::time(nullptr));
          std::string name(file->name);
          sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
              soci::use(number), soci::use(name), soci::use(now);
        }
        exec_script(sql, dialect_, "COMMIT;");
      } catch (...) {
        exec_script(sql, dialect_, "ROLLBACK;");
        throw;
      }
    }
  } catch (const std::exception& e) {
    return database_error(e);
  }
  return {};
}

}  // namespace inkasso
