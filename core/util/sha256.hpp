#pragma once
// SHA-256 of a byte string, as lower-case hex: what a project file is allowed by (its content hash).
#include <string>
#include <string_view>

namespace tdb {

std::string sha256_hex(std::string_view bytes);

}  // namespace tdb
