#pragma once
// What a command may touch of the outside world: its arguments, the environment, the standard
// streams and the clock. main.cpp builds the real one; tests build their own.
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tdb {

// Environment variables as the process started with them; commands never call getenv().
// from_process() copies nothing: a shell start looks up a handful of names, so the process's
// block is searched until set(), unset() or all() need the whole map.
class Environment {
 public:
  using Map = std::map<std::string, std::string, std::less<>>;
  Environment() = default;
  explicit Environment(Map vars) : vars_(std::move(vars)) {}
  static Environment from_process(char** envp);

  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  void set(std::string name, std::string value);
  void unset(const std::string& name);
  const Map& all() const;
  // A copy without the variables whose names start with `prefix` (e.g. "TRIPLYDB_"): what a
  // child that must not see the shell's tokens gets.
  Environment without_prefix(std::string_view prefix) const;

 private:
  void copy_process_block() const;

  mutable Map vars_;
  mutable char** process_block_ = nullptr;  // not copied into vars_ yet
};

struct Context {
  Environment env;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool stdin_is_terminal = false;
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
  std::filesystem::path program_path;  // absolute path of the running executable
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

}  // namespace tdb
