// Result<T>: the value of an operation that can fail in an expected way (bad input, a legal
// refusal, not found). Shaped like C++23 std::expected so it can be swapped for it later.
// Programmer errors are assertions (see assert.h); infrastructure failures may throw and are
// caught once per entry point.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/assert.h"

namespace inkasso {

// An expected failure. `code` is stable and machine-readable (a rule id such as
// "reminder_fee_max" or an input error such as "invalid_amount"); `message` is for people.
// `field` names the offending input where there is one ("claims[0].amount").
struct Error {
  std::string code;
  std::string message;
  std::string field;
};

inline Error make_error(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design, like expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    INKASSO_ASSERT(ok());
    return std::get<0>(v_);
  }
  T& value() & {
    INKASSO_ASSERT(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    INKASSO_ASSERT(ok());
    return std::get<0>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const {
    INKASSO_ASSERT(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    INKASSO_ASSERT(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace inkasso
