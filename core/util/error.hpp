#pragma once
// The one exception type for errors that end a command; app prints it once and exits.
// Recoverable errors travel as values (see expected.hpp).
#include <stdexcept>
#include <string>

namespace tdb {

inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

class Failure : public std::runtime_error {
 public:
  explicit Failure(const std::string& message, int exit_code = exit_failure) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Wrong words on the command line: exit status 2.
class UsageError : public Failure {
 public:
  explicit UsageError(const std::string& message) : Failure(message, exit_usage) {}
};

}  // namespace tdb
