#include "util/helper_main.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <new>

#include "util/io.hpp"
#include "util/not_dumpable.hpp"

namespace tdb {

namespace {

void wipe(std::string& bytes) { explicit_bzero(bytes.data(), bytes.size()); }

int complain(const HelperProgram& program, const char* what, int status) {
  std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(program.name.size()), program.name.data(), what);
  return status;
}

}  // namespace

int run_helper(int argc, char** argv, const HelperProgram& program) {
  make_not_dumpable();
  if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("%s\n", program.version_line.c_str());
    return 0;
  }
  if (argc != 1) return complain(program, "takes no arguments; triplydb-profile runs it with a request on standard input", 2);
  try {
    ReadResult request = read_all(STDIN_FILENO, program.max_request_bytes);
    std::optional<std::string> answer = request.problem ? std::nullopt : program.answer(request.bytes);
    wipe(request.bytes);
    if (!answer) return complain(program, "the request is not one this version reads; reinstall triplydb-profile", 2);
    const bool written = write_all(STDOUT_FILENO, *answer);
    wipe(*answer);
    return written ? 0 : 1;
  } catch (const std::bad_alloc&) {
    return complain(program, "out of memory", 1);
  }
}

}  // namespace tdb
