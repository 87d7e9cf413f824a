#include "profile_cache.hpp"

#include <cstring>

namespace tdb {

namespace {

// Bumped whenever the layout or the Profile fields change, so an old snapshot is never misread.
constexpr std::string_view magic = "triplydb-profiles-snapshot 2\n";

class Writer {
 public:
  void number(std::uint64_t value) {
    char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    out_.append(bytes, sizeof value);
  }
  void text(std::string_view value) {
    number(value.size());
    out_.append(value);
  }
  void optional_text(const std::optional<std::string>& value) {
    number(value ? 1 : 0);
    if (value) text(*value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; any shortfall or leftover makes the whole snapshot invalid.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return in_.empty(); }

  std::uint64_t number() {
    std::uint64_t value = 0;
    if (in_.size() < sizeof value) return fail();
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return value;
  }
  std::string text() {
    std::uint64_t length = number();
    if (!ok_ || length > in_.size()) return fail(), std::string();
    std::string value(in_.substr(0, length));
    in_.remove_prefix(length);
    return value;
  }
  std::optional<std::string> optional_text() {
    std::uint64_t present = number();
    if (present > 1) fail();
    if (!ok_ || present == 0) return std::nullopt;
    return text();
  }

 private:
  std::uint64_t fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};

void write_identity(Writer& w, const FileIdentity& id) {
  for (std::uint64_t field : {id.device, id.inode, id.size, static_cast<std::uint64_t>(id.modified_seconds),
                              static_cast<std::uint64_t>(id.modified_nanoseconds), static_cast<std::uint64_t>(id.changed_seconds),
                              static_cast<std::uint64_t>(id.changed_nanoseconds)})
    w.number(field);
}

FileIdentity read_identity(Reader& r) {
  FileIdentity id;
  id.device = r.number();
  id.inode = r.number();
  id.size = r.number();
  id.modified_seconds = static_cast<std::int64_t>(r.number());
  id.modified_nanoseconds = static_cast<std::int64_t>(r.number());
  id.changed_seconds = static_cast<std::int64_t>(r.number());
  id.changed_nanoseconds = static_cast<std::int64_t>(r.number());
  return id;
}

}  // namespace

std::string encode_snapshot(const FileIdentity& identity, const ProfileSet& set) {
  Writer w;
  w.text(magic);
  write_identity(w, identity);
  w.optional_text(set.default_name);
  w.number(set.profiles.size());
  for (const auto& p : set.profiles) {
    w.text(p.name);
    w.text(p.instance);
    w.text(p.token);
    w.optional_text(p.account);
    w.optional_text(p.description);
    w.number(p.token_command ? p.token_command->size() + 1 : 0);  // 0: no token_command
    for (const auto& word : p.token_command.value_or(std::vector<std::string>{})) w.text(word);
  }
  return w.take();
}

std::optional<ProfileSet> decode_snapshot(std::string_view bytes, const FileIdentity& identity) {
  Reader r(bytes);
  if (r.text() != magic || !r.ok()) return std::nullopt;
  if (!(read_identity(r) == identity) || !r.ok()) return std::nullopt;
  ProfileSet set;
  set.default_name = r.optional_text();
  std::uint64_t count = r.number();
  if (!r.ok() || count > bytes.size()) return std::nullopt;
  set.profiles.reserve(count);
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    Profile p;
    p.name = r.text();
    p.instance = r.text();
    p.token = r.text();
    p.account = r.optional_text();
    p.description = r.optional_text();
    std::uint64_t words = r.number();
    if (words > bytes.size()) return std::nullopt;
    if (words > 0) {
      p.token_command.emplace();
      for (std::uint64_t k = 1; k < words && r.ok(); ++k) p.token_command->push_back(r.text());
    }
    set.profiles.push_back(std::move(p));
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return set;
}

}  // namespace tdb
