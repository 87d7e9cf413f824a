#include "store/profile_cache.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "model/instance_url.hpp"
#include "model/token.hpp"
#include "util/visible_text.hpp"

namespace tdb {

namespace {

// Bumped whenever the layout or the Profile fields change, so an old snapshot is never misread.
constexpr std::string_view magic = "triplydb-profiles-snapshot 5\n";

// The layout: the magic, then these numbers (8 bytes each, in the machine's byte order), then one
// entry per profile in file order, then the names (the default's first), then the records.
enum HeaderField : std::size_t {
  header_checksum,  // of everything after this field up to names_end
  total_size,
  names_end,  // where the records start
  device,
  inode,
  file_size,
  modified_seconds,
  modified_nanoseconds,
  changed_seconds,
  changed_nanoseconds,
  profile_count,
  has_default,
  default_offset,
  default_length,
  header_fields
};
// has_expiry and expiry hold the `exp` of the profile's stored token, so that list decodes no token.
enum EntryField : std::size_t { name_offset, name_length, record_offset, record_length, record_checksum, has_expiry, expiry, entry_fields };

constexpr std::size_t number_size = sizeof(std::uint64_t);
constexpr std::size_t checked_from = magic.size() + number_size;
constexpr std::size_t header_size = magic.size() + header_fields * number_size;
constexpr std::size_t entry_size = entry_fields * number_size;

// FNV-1a over 8-byte words: each step is a bijection of the running value, so any change of a
// single word (and so of a single byte) always changes the result.
std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t prime = 1099511628211ULL;
  std::uint64_t sum = 14695981039346656037ULL;
  std::size_t i = 0;
  for (; i + number_size <= bytes.size(); i += number_size) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, number_size);
    sum = (sum ^ word) * prime;
  }
  for (; i < bytes.size(); ++i) sum = (sum ^ static_cast<unsigned char>(bytes[i])) * prime;
  return sum;
}

std::uint64_t number_at(std::string_view bytes, std::size_t offset) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data() + offset, number_size);
  return value;
}

void append_number(std::string& out, std::uint64_t value) {
  char bytes[number_size];
  std::memcpy(bytes, &value, number_size);
  out.append(bytes, number_size);
}

// [offset, offset + length) lies within [begin, end), without overflow.
bool within(std::uint64_t offset, std::uint64_t length, std::uint64_t begin, std::uint64_t end) {
  return offset >= begin && offset <= end && length <= end - offset;
}

// One profile's fields but its name, length-prefixed.
class RecordWriter {
 public:
  void number(std::uint64_t value) { append_number(out_, value); }
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

// Reads what RecordWriter wrote; any shortfall or leftover makes the record invalid.
class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return in_.empty(); }

  std::uint64_t number() {
    if (in_.size() < number_size) return fail();
    std::uint64_t value = number_at(in_, 0);
    in_.remove_prefix(number_size);
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

std::string encode_record(const Profile& p) {
  RecordWriter w;
  w.text(p.instance);
  w.text(p.keyring ? std::string() : p.token);  // a keyring token never lands on disk here
  w.optional_text(p.account);
  w.optional_text(p.description);
  w.optional_text(p.access);
  w.number(p.token_command ? p.token_command->size() + 1 : 0);  // 0: no token_command
  for (const auto& word : p.token_command.value_or(std::vector<std::string>{})) w.text(word);
  w.number(p.keyring ? 1 : 0);  // where the token is; never the token itself
  if (p.keyring) {
    w.text(p.keyring->service);
    w.text(p.keyring->account);
  }
  return w.take();
}

bool is_loadable_text(const std::optional<std::string>& text) { return !text || !find_control_character(*text); }

// What the YAML loader would have refused can never come out of a snapshot, damaged or forged:
// the checks that need no decoding of the token, so that list stays fast with many profiles.
// `checked_instance` is the last instance URL that passed: most profiles share a few instances.
bool is_loadable(const Profile& p, std::string& checked_instance) {
  if (p.instance != checked_instance) {
    auto url = normalise_instance_url(p.instance);
    if (!url || *url != p.instance) return false;
    checked_instance = p.instance;
  }
  if (!is_loadable_text(p.account) || !is_loadable_text(p.description)) return false;
  if (p.keyring)  // no token, and nothing else that says where it is
    return p.token.empty() && !p.token_command && is_keyring_attribute(p.keyring->service) && is_keyring_attribute(p.keyring->account);
  if (p.access && !is_access_label(*p.access)) return false;
  if (!p.token_command) return !token_shape_problem(p.token);
  const auto& words = *p.token_command;
  return p.token.empty() && !words.empty() && !words.front().empty() &&
         std::none_of(words.begin(), words.end(), [](const std::string& w) { return w.find('\0') != std::string::npos; });
}

std::optional<Profile> decode_record(std::string_view record, std::string& checked_instance) {
  RecordReader r(record);
  Profile p;
  p.instance = r.text();
  p.token = r.text();
  p.account = r.optional_text();
  p.description = r.optional_text();
  p.access = r.optional_text();
  std::uint64_t words = r.number();
  if (words > 0) {
    p.token_command.emplace();
    for (std::uint64_t k = 1; k < words && r.ok(); ++k) p.token_command->push_back(r.text());
  }
  const std::uint64_t in_keyring = r.number();
  if (in_keyring > 1) return std::nullopt;
  if (in_keyring == 1) {
    KeyringItem item;
    item.service = r.text();
    item.account = r.text();
    p.keyring = std::move(item);
  }
  if (!r.ok() || !r.at_end() || !is_loadable(p, checked_instance)) return std::nullopt;
  return p;
}

std::array<std::uint64_t, 7> identity_fields(const FileIdentity& id) {
  return {id.device,
          id.inode,
          id.size,
          static_cast<std::uint64_t>(id.modified_seconds),
          static_cast<std::uint64_t>(id.modified_nanoseconds),
          static_cast<std::uint64_t>(id.changed_seconds),
          static_cast<std::uint64_t>(id.changed_nanoseconds)};
}

}  // namespace

std::string encode_snapshot(const FileIdentity& identity, const ProfileSet& set) {
  const std::size_t count = set.profiles.size();
  const std::size_t index_end = header_size + count * entry_size;
  std::array<std::uint64_t, header_fields> header{};
  std::vector<std::uint64_t> entries(count * entry_fields);

  std::string names;
  if (set.default_name) {
    header[has_default] = 1;
    header[default_offset] = index_end;
    header[default_length] = set.default_name->size();
    names += *set.default_name;
  }
  for (std::size_t i = 0; i < count; ++i) {
    entries[i * entry_fields + name_offset] = index_end + names.size();
    entries[i * entry_fields + name_length] = set.profiles[i].name.size();
    names += set.profiles[i].name;
  }
  const std::size_t records_start = index_end + names.size();
  std::string records;
  for (std::size_t i = 0; i < count; ++i) {
    std::string record = encode_record(set.profiles[i]);
    entries[i * entry_fields + record_offset] = records_start + records.size();
    entries[i * entry_fields + record_length] = record.size();
    records += record;
    if (auto claims = read_token(set.profiles[i].token); claims && claims->expires_at) {
      entries[i * entry_fields + has_expiry] = 1;
      entries[i * entry_fields + expiry] = static_cast<std::uint64_t>(*claims->expires_at);
    }
  }

  header[total_size] = records_start + records.size();
  header[names_end] = records_start;
  header[profile_count] = count;

  std::string out;
  out.reserve(header[total_size]);
  out += magic;
  for (std::uint64_t field : header) append_number(out, field);
  for (std::uint64_t field : entries) append_number(out, field);
  out += names;
  out += records;
  seal_snapshot(out, identity);
  return out;
}

void seal_snapshot(std::string& bytes, const FileIdentity& identity) {
  if (bytes.size() < header_size) return;
  auto put = [&](std::size_t offset, std::uint64_t value) { std::memcpy(bytes.data() + offset, &value, number_size); };
  auto field_offset = [](std::size_t f) { return magic.size() + f * number_size; };
  auto id = identity_fields(identity);
  for (std::size_t i = 0; i < id.size(); ++i) put(field_offset(device + i), id[i]);

  const std::uint64_t count = number_at(bytes, field_offset(profile_count));
  for (std::uint64_t i = 0; i < count && header_size + (i + 1) * entry_size <= bytes.size(); ++i) {
    const std::size_t entry = header_size + i * entry_size;
    const std::uint64_t offset = number_at(bytes, entry + record_offset * number_size);
    const std::uint64_t length = number_at(bytes, entry + record_length * number_size);
    if (within(offset, length, 0, bytes.size()))
      put(entry + record_checksum * number_size, checksum(std::string_view(bytes).substr(offset, length)));
  }
  const std::uint64_t end_of_names = number_at(bytes, field_offset(names_end));
  if (end_of_names >= checked_from && end_of_names <= bytes.size())
    put(field_offset(header_checksum), checksum(std::string_view(bytes).substr(checked_from, end_of_names - checked_from)));
}

std::optional<SnapshotView> SnapshotView::open(std::string_view bytes, const FileIdentity& identity) {
  if (bytes.size() < header_size || bytes.substr(0, magic.size()) != magic) return std::nullopt;
  auto field = [&](HeaderField f) { return number_at(bytes, magic.size() + f * number_size); };
  if (field(total_size) != bytes.size()) return std::nullopt;
  const std::uint64_t end_of_names = field(names_end);
  const std::uint64_t count = field(profile_count);
  if (end_of_names < header_size || end_of_names > bytes.size()) return std::nullopt;
  if (count > (end_of_names - header_size) / entry_size) return std::nullopt;
  auto expected = identity_fields(identity);
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (field(static_cast<HeaderField>(device + i)) != expected[i]) return std::nullopt;
  if (checksum(bytes.substr(checked_from, end_of_names - checked_from)) != field(header_checksum)) return std::nullopt;

  const std::uint64_t index_end = header_size + count * entry_size;
  std::optional<std::string_view> default_name;
  if (field(has_default) > 1) return std::nullopt;
  if (field(has_default) == 1) {
    if (!within(field(default_offset), field(default_length), index_end, end_of_names)) return std::nullopt;
    default_name = bytes.substr(field(default_offset), field(default_length));
  }
  // Every name lies in the names, which hold nothing else: their characters are checked at once.
  if (!has_only_name_characters(bytes.substr(index_end, end_of_names - index_end))) return std::nullopt;
  if (default_name && !is_valid_name_of_name_characters(*default_name)) return std::nullopt;
  SnapshotView view(bytes, count, default_name);
  for (std::size_t i = 0; i < count; ++i) {
    if (!within(view.entry_field(i, name_offset), view.entry_field(i, name_length), index_end, end_of_names) ||
        !within(view.entry_field(i, record_offset), view.entry_field(i, record_length), end_of_names, bytes.size()) ||
        view.entry_field(i, has_expiry) > 1 || !is_valid_name_of_name_characters(view.name(i)))
      return std::nullopt;
  }
  return view;
}

std::uint64_t SnapshotView::entry_field(std::size_t index, std::size_t field) const {
  return number_at(bytes_, header_size + index * entry_size + field * number_size);
}

std::string_view SnapshotView::name(std::size_t index) const {
  return bytes_.substr(entry_field(index, name_offset), entry_field(index, name_length));
}

std::vector<std::string> SnapshotView::names() const {
  std::vector<std::string> result;
  result.reserve(count_);
  for (std::size_t i = 0; i < count_; ++i) result.emplace_back(name(i));
  return result;
}

std::optional<std::size_t> SnapshotView::index_of(std::string_view wanted) const {
  for (std::size_t i = 0; i < count_; ++i)
    if (name(i) == wanted) return i;
  return std::nullopt;
}

std::optional<std::int64_t> SnapshotView::token_expiry(std::size_t index) const {
  if (entry_field(index, has_expiry) == 0) return std::nullopt;
  return static_cast<std::int64_t>(entry_field(index, expiry));
}

std::optional<Profile> SnapshotView::profile(std::size_t index) const {
  std::string_view record = bytes_.substr(entry_field(index, record_offset), entry_field(index, record_length));
  if (checksum(record) != entry_field(index, record_checksum)) return std::nullopt;
  auto profile = decode_record(record, checked_instance_);
  if (profile) profile->name = name(index);
  return profile;
}

std::optional<ProfileSet> SnapshotView::all() const {
  ProfileSet set;
  if (default_name_) set.default_name = std::string(*default_name_);
  set.profiles.reserve(count_);
  for (std::size_t i = 0; i < count_; ++i) {
    auto p = profile(i);
    if (!p) return std::nullopt;
    set.profiles.push_back(std::move(*p));
  }
  return set;
}

std::optional<ProfileSet> decode_snapshot(std::string_view bytes, const FileIdentity& identity) {
  auto view = SnapshotView::open(bytes, identity);
  if (!view) return std::nullopt;
  return view->all();
}

}  // namespace tdb
