// Many rows in one statement: `INSERT ... VALUES (...), (...), ...` and
// `UPDATE ... FROM (VALUES (...), ...) AS v`, the values bound as parameters (never put into
// the text).
//
// Why: PostgreSQL pays a round trip per statement. A chunk of batch follow-up (250 steps, each
// a case, an event, a document and a sending) took 1,250 statements; written as five, the
// 10,000 steps of the bench went from 5.0 s to well under one (bench/README.md). SQLite saves
// the per-statement work too. Both limit the parameters of a statement (SQLite 32,766,
// PostgreSQL 65,535): callers split larger sets (kMaxRowValueParameters).
//
// The columns of a VALUES list are named column1, column2, ... in both dialects. PostgreSQL
// types a parameter from its place: in an INSERT from the target column, in a VALUES list of an
// UPDATE as text unless cast, so such lists cast their numbers (`casts`).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace inkasso {

// Fewer parameters than either database's limit per statement.
constexpr size_t kMaxRowValueParameters = 30'000;

class RowValues {
 public:
  explicit RowValues(size_t columns) : columns_(columns) {}

  // Values of the current row, column by column; a row is complete after `columns` values.
  void add(long long v);
  void add(const std::string& v);
  void add_null();
  void add(const std::optional<std::string>& v) { v ? add(*v) : add_null(); }
  void add(const std::optional<long long>& v) { v ? add(*v) : add_null(); }
  // A value and its SOCI indicator (i_null: NULL), as the row structs of the stores keep them.
  void add(long long v, soci::indicator i) { i == soci::i_ok ? add(v) : add_null(); }
  void add(int v, soci::indicator i) { add(static_cast<long long>(v), i); }
  void add(const std::string& v, soci::indicator i) { i == soci::i_ok ? add(v) : add_null(); }

  size_t rows() const { return values_.size() / columns_; }
  bool empty() const { return values_.empty(); }
  // How many rows fit in one statement.
  size_t rows_per_statement() const { return kMaxRowValueParameters / columns_; }

  // "(?, ?), (?, ?)" for rows [first, first + count) on SQLite, "(:v0, :v1), (:v2, :v3)" on
  // PostgreSQL (SOCI numbers them; SQLite looks every name up in a list, which for thousands
  // of them took longer than the writing). `casts`: per column, the SQL type to cast its
  // parameter to ("BIGINT"), or empty for none; empty vector: no casts.
  std::string list(const soci::session& sql, size_t first, size_t count,
                   const std::vector<std::string>& casts = {}) const;
  // Binds the values of those rows to `st`, in order (after whatever `st` binds before them).
  void bind(soci::statement& st, size_t first, size_t count);

 private:
  enum class Kind { integer, text, null };
  struct Value {
    Kind kind;
    size_t index;  // into integers_ or texts_
  };
  size_t columns_;
  std::vector<Value> values_;
  // Deques: SOCI keeps references to bound values, and a deque's elements never move.
  std::deque<long long> integers_;
  std::deque<std::string> texts_;
  std::deque<soci::indicator> null_indicators_;
  std::deque<long long> null_values_;
};

// Executes `head` + " VALUES " + the rows' list (+ `tail`), a statement per
// rows_per_statement() rows; e.g. head "INSERT INTO t (a, b)". Nothing for no rows.
void insert_rows(soci::session& sql, const std::string& head, RowValues& rows,
                 const std::string& tail = "");

}  // namespace inkasso
