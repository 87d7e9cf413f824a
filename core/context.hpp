#pragma once
// What a command may touch of the outside world: its arguments, the environment, the standard
// streams and the clock. main() builds the real one; tests build their own.
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tdb {

// A snapshot of environment variables, taken once; commands never call getenv().
class Environment {
 public:
  using Map = std::map<std::string, std::string, std::less<>>;
  Environment() = default;
  explicit Environment(Map vars) : vars_(std::move(vars)) {}
  static Environment from_process(char** envp);

  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  void set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  void unset(const std::string& name) { vars_.erase(name); }
  const Map& all() const { return vars_; }

 private:
  Map vars_;
};

struct Context {
  Environment env;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool stdin_is_terminal = false;
  bool stdout_is_terminal = false;
  std::filesystem::path program_path;  // absolute path of the running executable
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

}  // namespace tdb
