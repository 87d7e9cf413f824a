// libFuzzer target: any text as a profiles file. The loader must return a document or a problem
// with a position, never crash; a document it accepts must survive a write and a re-read intact.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/profile_yaml.hpp"

namespace {

bool same_profiles(const tdb::ProfileSet& a, const tdb::ProfileSet& b) {
  if (a.default_name != b.default_name || a.profiles.size() != b.profiles.size()) return false;
  for (std::size_t i = 0; i < a.profiles.size(); ++i) {
    const auto& p = a.profiles[i];
    const auto& q = b.profiles[i];
    if (p.name != q.name || p.instance != q.instance || p.token != q.token || p.account != q.account || p.description != q.description ||
        p.token_command != q.token_command)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto document = tdb::ProfileDocument::parse(text);
  if (!document) {
    if (document.error().message.empty() || document.error().line < 0 || document.error().column < 0) std::abort();
    return 0;
  }
  std::string written = document->to_text();
  auto reread = tdb::ProfileDocument::parse(written);
  // Text that does not parse back is never written: ProfileStore::update refuses it. What does
  // parse back must hold the same profiles.
  if (reread && !same_profiles(document->profiles(), reread->profiles())) std::abort();
  return 0;
}
