// Rows the use-case tests need as a starting point, inserted with plain SQL so each test file
// depends only on the use cases it tests.
#pragma once

#include <string>

#include <soci/soci.h>

#include "app/context.h"
#include "core/text.h"
#include "store/database.h"

namespace inkasso::testing {

inline int64_t last_id(soci::session& sql, Database& db, const char* table) {
  long long id = 0;
  if (db.dialect() == Dialect::sqlite)
    sql << "SELECT last_insert_rowid()", soci::into(id);
  else
    sql << std::string("SELECT currval(pg_get_serial_sequence('") + table + "', 'id'))",
        soci::into(id);
  return id;
}

// A user (password hash is a placeholder: these fixtures never log in).
inline int64_t insert_user(Database& db, const std::string& email) {
  soci::session sql(db.pool());
  sql << "INSERT INTO users (email, first_name, last_name, password_hash, created_at) "
         "VALUES (:e, 'Test', 'Bruger', 'x', 0)",
      soci::use(email);
  return last_id(sql, db, "users");
}

inline int64_t insert_company_account(Database& db, const std::string& name) {
  soci::session sql(db.pool());
  sql << "INSERT INTO accounts (kind, name, cvr, created_at) VALUES ('company', :n, '27355021', 0)",
      soci::use(name);
  return last_id(sql, db, "accounts");
}

inline void insert_membership(Database& db, int64_t account, int64_t user, Role role) {
  soci::session sql(db.pool());
  long long a = account, u = user;
  std::string r(to_string(role));
  sql << "INSERT INTO memberships (account_id, user_id, role, created_at) VALUES (:a, :u, :r, 0)",
      soci::use(a), soci::use(u), soci::use(r);
}

inline int64_t insert_debtor(Database& db, int64_t account, const std::string& name,
                             const std::string& kind = "company") {
  soci::session sql(db.pool());
  long long a = account;
  std::string lower = search_key(name);
  sql << "INSERT INTO debtors (account_id, kind, name, name_search, created_at, updated_at) "
         "VALUES (:a, :k, :n, :s, 0, 0)",
      soci::use(a), soci::use(kind), soci::use(name), soci::use(lower);
  return last_id(sql, db, "debtors");
}

// The key the tests encrypt with (never a real one).
inline constexpr const char* kTestSecretKeyHex =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

}  // namespace inkasso::testing
