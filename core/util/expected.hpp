#pragma once
// A value or the reason there is none, for errors the caller is expected to handle.
#include <string>
#include <utility>
#include <variant>

namespace tdb {

struct Problem {
  std::string message;
};

template <typename T, typename E = Problem>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}
  Expected(E error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace tdb
