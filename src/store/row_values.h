// Many rows in one statement: `INSERT INTO t (…) SELECT * FROM <rows>` and
// `UPDATE t SET … FROM <rows> WHERE t.id = v.column1`, the values bound as parameters (never
// put into the text).
//
// Why: PostgreSQL pays a round trip per statement. A chunk of batch follow-up (250 steps, each
// a case, an event, a document and a sending) took 1,250 statements; as a handful, 10,000 steps
// went from 7.1 s to 2.7 (bench/README.md). SQLite saves the per-statement work too.
//
// The rows are a table named v with columns column1, column2, … in both dialects:
//  - SQLite: `(VALUES (?, ?), (?, ?)) AS v`. The placeholders are anonymous: SQLite looks every
//    named one up in a list, which for thousands of them cost more than the writing. SQLite
//    takes at most 32,766 parameters, so larger sets take several statements.
//  - PostgreSQL: `unnest(CAST(:v0 AS BIGINT[]), CAST(:v1 AS TEXT[])) AS v(column1, column2)`,
//    one array parameter per column: a VALUES list of thousands of parameters cost more to
//    parse and plan than to execute. A column's type is the C++ type of its values (integers
//    BIGINT, strings TEXT), so it is known even when a value is NULL.
#pragma once

#include <concepts>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace inkasso {

// What a statement with RETURNING gives back: `bind` binds a variable per returned column
// (soci::into), `row` is called after each row is fetched into them.
struct Returning {
  std::function<void(soci::statement&)> bind;
  std::function<void()> row;
};

class RowValues {
 public:
  RowValues(const soci::session& sql, size_t columns);

  // The values of the current row, column by column; a row is complete after `columns` values.
  template <std::integral T>
  void add(T v) {
    add_integer(v, true);
  }
  void add(const std::string& v) { add_text(v, true); }
  // A value and its SOCI indicator (i_null: NULL), as the stores' row structs keep them.
  template <std::integral T>
  void add(T v, soci::indicator i) {
    add_integer(v, i == soci::i_ok);
  }
  void add(const std::string& v, soci::indicator i) { add_text(v, i == soci::i_ok); }

  size_t rows() const { return values_.size() / columns_; }

 private:
  friend void execute_rows(soci::session&, const std::string&, RowValues&, const std::string&,
                           const Returning*);
  enum class Kind { integer, text };
  struct Value {
    bool null;
    size_t index;  // into integers_ or texts_
  };
  void add_integer(long long v, bool present);
  void add_text(const std::string& v, bool present);
  size_t rows_per_statement() const;
  // The rows [first, first + count) as the table v, and their values bound to `st`.
  std::string table(size_t first, size_t count) const;
  void bind(soci::statement& st, size_t first, size_t count);

  bool postgresql_;
  size_t columns_;
  std::vector<Kind> kinds_;  // per column, from the first row
  std::vector<Value> values_;
  // Deques: SOCI keeps references to bound variables, and a deque's elements never move.
  std::deque<long long> integers_;
  std::deque<std::string> texts_;
  std::deque<soci::indicator> indicators_;
};

// Executes `head` + the rows as the table v + `tail`, a statement per batch of rows (one on
// PostgreSQL, as many as the parameter limit needs on SQLite); nothing for no rows. E.g.
// head "INSERT INTO t (a, b) SELECT * FROM ", or "UPDATE t SET a = v.column2 FROM " with tail
// " WHERE t.id = v.column1".
void execute_rows(soci::session& sql, const std::string& head, RowValues& rows,
                  const std::string& tail = "", const Returning* returning = nullptr);

}  // namespace inkasso
