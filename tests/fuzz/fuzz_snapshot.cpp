// libFuzzer target: any bytes as a profiles snapshot. Opening and every look-up must stay inside
// the bytes and never crash; what a view decodes must agree between its lazy and whole answers
// and survive a fresh encode and decode. The bytes are opened as they are, and again sealed
// (identity and checksums written in, which a fuzzer cannot forge) so that the look-ups reach the
// decoding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "store/profile_cache.hpp"

namespace {

bool same_profile(const tdb::Profile& p, const tdb::Profile& q) {
  return p.name == q.name && p.instance == q.instance && p.token == q.token && p.account == q.account && p.description == q.description &&
         p.access == q.access && p.token_command == q.token_command;
}

bool same_profiles(const tdb::ProfileSet& a, const tdb::ProfileSet& b) {
  if (a.default_name != b.default_name || a.profiles.size() != b.profiles.size()) return false;
  for (std::size_t i = 0; i < a.profiles.size(); ++i)
    if (!same_profile(a.profiles[i], b.profiles[i])) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tdb::FileIdentity identity{1, 2, 300, 1700000000, 5, 1700000001, 6};
  (void)tdb::decode_snapshot(bytes, identity);

  std::string sealed(bytes);
  tdb::seal_snapshot(sealed, identity);
  auto view = tdb::SnapshotView::open(sealed, identity);
  if (!view) return 0;
  for (std::size_t i = 0; i < view->size(); ++i) (void)view->profile(i);
  auto names = view->names();
  if (names.size() != view->size()) std::abort();
  for (const auto& name : names) {
    auto index = view->index_of(name);
    if (!index || view->name(*index) != name) std::abort();
    (void)view->token_expiry(*index);
  }
  auto set = view->all();
  if (!set) return 0;
  if (set->names() != names || set->default_name != view->default_name()) std::abort();
  for (std::size_t i = 0; i < view->size(); ++i) {
    auto profile = view->profile(i);
    if (!profile || !same_profile(*profile, set->profiles[i])) std::abort();
  }
  auto reread = tdb::decode_snapshot(tdb::encode_snapshot(identity, *set), identity);
  if (!reread || !same_profiles(*set, *reread)) std::abort();
  return 0;
}
