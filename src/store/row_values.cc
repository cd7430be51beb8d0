#include "store/row_values.h"

#include <algorithm>

#include "core/assert.h"

namespace inkasso {

namespace {

// soci::use keeps a reference to its name; an empty one that lives for the whole program.
const std::string kUnnamed;

// Fewer parameters than SQLite's limit per statement (32,766 since 3.32).
constexpr size_t kMaxSqliteParameters = 30'000;

// An element of a PostgreSQL array literal: quoted, with " and \ escaped, so any text (commas,
// braces, "NULL", line breaks) is the element itself.
void append_array_element(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

}  // namespace

RowValues::RowValues(const soci::session& sql, size_t columns)
    : postgresql_(sql.get_backend_name() == "postgresql"), columns_(columns) {
  INKASSO_ASSERT(columns > 0);
}

void RowValues::add_integer(long long v, bool present) {
  if (kinds_.size() < columns_) kinds_.push_back(Kind::integer);
  INKASSO_ASSERT(kinds_[values_.size() % columns_] == Kind::integer);
  integers_.push_back(v);
  values_.push_back(Value{!present, integers_.size() - 1});
}

void RowValues::add_text(const std::string& v, bool present) {
  if (kinds_.size() < columns_) kinds_.push_back(Kind::text);
  INKASSO_ASSERT(kinds_[values_.size() % columns_] == Kind::text);
  texts_.push_back(v);
  values_.push_back(Value{!present, texts_.size() - 1});
}

size_t RowValues::rows_per_statement() const {
  return postgresql_ ? std::max<size_t>(rows(), 1) : kMaxSqliteParameters / columns_;
}

std::string RowValues::table(size_t first, size_t count) const {
  INKASSO_ASSERT(values_.size() % columns_ == 0 && first + count <= rows());
  std::string out;
  if (postgresql_) {
    out = "unnest(";
    for (size_t c = 0; c < columns_; ++c)
      out += (c ? ", CAST(:v" : "CAST(:v") + std::to_string(c) +
             (kinds_[c] == Kind::integer ? " AS BIGINT[])" : " AS TEXT[])");
    out += ") AS v(";
    for (size_t c = 0; c < columns_; ++c)
      out += (c ? ", column" : "column") + std::to_string(c + 1);
    return out + ")";
  }
  out.reserve(count * columns_ * 3 + 32);
  out = "(VALUES ";
  for (size_t r = 0; r < count; ++r) {
    out += r ? ", (?" : "(?";
    for (size_t c = 1; c < columns_; ++c) out += ", ?";
    out += ')';
  }
  return out + ") AS v";
}

void RowValues::bind(soci::statement& st, size_t first, size_t count) {
  if (postgresql_) {
    // One array literal per column: {1,NULL,3} or {"a","b\"c",NULL}.
    for (size_t c = 0; c < columns_; ++c) {
      std::string array = "{";
      for (size_t r = first; r < first + count; ++r) {
        if (r > first) array += ',';
        const Value& v = values_[r * columns_ + c];
        if (v.null)
          array += "NULL";
        else if (kinds_[c] == Kind::integer)
          array += std::to_string(integers_[v.index]);
        else
          append_array_element(array, texts_[v.index]);
      }
      texts_.push_back(array + "}");
      st.exchange(soci::use(texts_.back(), kUnnamed));
    }
    return;
  }
  for (size_t i = first * columns_; i < (first + count) * columns_; ++i) {
    const Value& v = values_[i];
    indicators_.push_back(v.null ? soci::i_null : soci::i_ok);
    if (kinds_[i % columns_] == Kind::integer)
      st.exchange(soci::use(integers_[v.index], indicators_.back(), kUnnamed));
    else
      st.exchange(soci::use(texts_[v.index], indicators_.back(), kUnnamed));
  }
}

void execute_rows(soci::session& sql, const std::string& head, RowValues& rows,
                  const std::string& tail, const Returning* returning) {
  for (size_t first = 0; first < rows.rows(); first += rows.rows_per_statement()) {
    const size_t count = std::min(rows.rows_per_statement(), rows.rows() - first);
    soci::statement st(sql);
    rows.bind(st, first, count);
    if (returning) returning->bind(st);
    st.alloc();
    st.prepare(head + rows.table(first, count) + tail);
    st.define_and_bind();
    if (!returning) {
      st.execute(true);
      continue;
    }
    st.execute();
    while (st.fetch()) returning->row();
  }
}

}  // namespace inkasso
