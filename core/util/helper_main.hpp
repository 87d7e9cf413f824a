#pragma once
// The frame of both helper programs (network, keyring): no core dump, --version, no other
// arguments, one request read from standard input and one answer written to standard output,
// the bytes of both wiped once used (they carry tokens).
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

struct HelperProgram {
  std::string_view name;     // e.g. "triplydb-profile-http", in front of its messages
  std::string version_line;  // what --version prints
  std::size_t max_request_bytes;
  // The answer to the request's bytes; nullopt when they are not a request this version reads.
  std::function<std::optional<std::string>(const std::string& request)> answer;
};

// main() of a helper: 0 when the answer was written, 1 when it could not be, 2 for a call that
// is not triplydb-profile's.
int run_helper(int argc, char** argv, const HelperProgram& program);

}  // namespace tdb
