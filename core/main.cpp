// triplydb-profile: everything lives in the triplydb_core library; this file only connects it
// to the process.
#include <unistd.h>

#include <iostream>

#include "app.hpp"
#include "util/not_dumpable.hpp"
#include "util/terminal.hpp"

extern char** environ;

namespace {

std::filesystem::path executable_path(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::absolute(argv0, ec) : self;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  tdb::Context ctx{.env = tdb::Environment::from_process(environ),
                   .in = std::cin,
                   .out = std::cout,
                   .err = std::cerr,
                   .stdin_is_terminal = tdb::is_terminal(STDIN_FILENO),
                   .stdout_is_terminal = tdb::is_terminal(STDOUT_FILENO),
                   .stderr_is_terminal = tdb::is_terminal(STDERR_FILENO),
                   .program_path = executable_path(argv[0])};
  tdb::make_not_dumpable();  // after /proc/self/exe: a token may be read from here on
  int status = tdb::run_program(ctx, std::vector<std::string>(argv + 1, argv + argc));
  std::cout.flush();
  return status;
}
