#include "store/row_values.h"

#include <algorithm>

#include "core/assert.h"

namespace inkasso {

namespace {

// soci::use keeps a reference to its name; an empty one that lives for the whole program.
const std::string kUnnamed;

}  // namespace

void RowValues::add(long long v) {
  integers_.push_back(v);
  values_.push_back(Value{Kind::integer, integers_.size() - 1});
}

void RowValues::add(const std::string& v) {
  texts_.push_back(v);
  values_.push_back(Value{Kind::text, texts_.size() - 1});
}

void RowValues::add_null() {
  values_.push_back(Value{Kind::null, 0});
}

std::string RowValues::list(const soci::session& sql, size_t first, size_t count,
                            const std::vector<std::string>& casts) const {
  const bool anonymous = sql.get_backend_name() == "sqlite3";
  INKASSO_ASSERT(values_.size() % columns_ == 0);
  INKASSO_ASSERT(casts.empty() || casts.size() == columns_);
  INKASSO_ASSERT(first + count <= rows() && count * columns_ <= kMaxRowValueParameters);
  std::string out;
  out.reserve(count * columns_ * 8);
  size_t n = 0;
  for (size_t r = 0; r < count; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < columns_; ++c) {
      if (c) out += ", ";
      const bool cast = !casts.empty() && !casts[c].empty();
      if (cast) out += "CAST(";
      if (anonymous)
        out += '?';
      else
        out += ":v" + std::to_string(n++);
      if (cast) out += " AS " + casts[c] + ")";
    }
    out += ')';
  }
  return out;
}

void RowValues::bind(soci::statement& st, size_t first, size_t count) {
  INKASSO_ASSERT(first + count <= rows());
  for (size_t i = first * columns_; i < (first + count) * columns_; ++i) {
    const Value& v = values_[i];
    switch (v.kind) {
      case Kind::integer:
        st.exchange(soci::use(integers_[v.index], kUnnamed));
        break;
      case Kind::text:
        st.exchange(soci::use(texts_[v.index], kUnnamed));
        break;
      case Kind::null:
        // A NULL needs a bound variable of some type; its value is not read.
        null_values_.push_back(0);
        null_indicators_.push_back(soci::i_null);
        st.exchange(soci::use(null_values_.back(), null_indicators_.back(), kUnnamed));
        break;
    }
  }
}

void insert_rows(soci::session& sql, const std::string& head, RowValues& rows,
                 const std::string& tail) {
  for (size_t first = 0; first < rows.rows(); first += rows.rows_per_statement()) {
    const size_t count = std::min(rows.rows_per_statement(), rows.rows() - first);
    soci::statement st(sql);
    rows.bind(st, first, count);
    st.alloc();
    st.prepare(head + " VALUES " + rows.list(sql, first, count) + tail);
    st.define_and_bind();
    st.execute(true);
  }
}

}  // namespace inkasso
