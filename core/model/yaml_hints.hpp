#pragma once
// yaml-cpp's own error messages ("illegal map value") say what the parser saw, not what a person
// got wrong: each gets a hint in plain words. Pure: no I/O.
#include <string>

namespace tdb {

// `message` followed by ": " and what it usually means in a hand-edited profiles file, or
// `message` alone when there is no hint for it.
std::string with_plain_hint(const std::string& message);

}  // namespace tdb
