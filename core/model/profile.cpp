#include "model/profile.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <numeric>

#include "util/visible_text.hpp"

namespace tdb {

const Profile* ProfileSet::find(std::string_view name) const {
  auto it = std::find_if(profiles.begin(), profiles.end(), [&](const Profile& p) { return p.name == name; });
  return it == profiles.end() ? nullptr : &*it;
}

std::vector<std::string> ProfileSet::names() const {
  std::vector<std::string> result;
  result.reserve(profiles.size());
  for (const auto& p : profiles) result.push_back(p.name);
  return result;
}

namespace {

// ASCII only, whatever the locale; and cheap, since every snapshot a command opens checks each name.
constexpr bool is_name_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
constexpr bool is_name_char(unsigned char c) { return is_name_start(c) || c == '.' || c == '_' || c == '-'; }
constexpr std::size_t max_name_length = 64;

// Optimal-string-alignment distance: a swapped pair of letters counts as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

bool has_only_name_characters(std::string_view text) {
  static constexpr auto allowed = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) table[static_cast<std::size_t>(c)] = is_name_char(static_cast<unsigned char>(c)) ? 1 : 0;
    return table;
  }();
  unsigned char all = 1;  // no early exit: a snapshot's names pass, and are checked in one go
  for (char c : text) all &= allowed[static_cast<unsigned char>(c)];
  return all == 1;
}

bool is_valid_name_of_name_characters(std::string_view name) {
  return !name.empty() && name.size() <= max_name_length && is_name_start(static_cast<unsigned char>(name[0]));
}

bool is_valid_profile_name(std::string_view name) { return is_valid_name_of_name_characters(name) && has_only_name_characters(name); }

std::string explain_invalid_name(std::string_view name) {
  std::string quoted = "'" + std::string(name) + "'";
  if (name.empty()) return "a profile name cannot be empty";
  if (name == "-") return "'-' means the previous profile and cannot be a profile name";
  if (name.size() > max_name_length) return "profile name is " + std::to_string(name.size()) + " characters long; the limit is 64";
  if (!is_name_start(static_cast<unsigned char>(name[0])))
    return "invalid profile name " + quoted + ": it must start with a letter or digit";
  return "invalid profile name " + quoted + ": use only letters, digits, '.', '_' and '-'";
}

std::optional<std::string> explain_invalid_free_text(std::string_view label, std::string_view text) {
  const auto found = find_control_character(text);
  if (!found) return std::nullopt;
  return std::string(label) + " holds the control character " + found->name +
         "; account and description may hold tabs and newlines but no other control character";
}

bool is_keyring_attribute(std::string_view text) {
  return !text.empty() && text.size() <= 255 && std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

bool is_access_label(std::string_view text) { return text == "read" || text == "write" || text == "management"; }

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    std::size_t distance = edit_distance(name, candidate);
    bool is_prefix = candidate.size() > name.size() && candidate.compare(0, name.size(), name) == 0 && !name.empty();
    if (is_prefix) distance = std::min<std::size_t>(distance, 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string unknown_profile_message(std::string_view name, const ProfileSet& set) { return unknown_profile_message(name, set.names()); }

std::string unknown_profile_message(std::string_view name, const std::vector<std::string>& names) {
  std::string message = "unknown profile '" + std::string(name) + "'";
  if (auto suggestion = closest_name(name, names)) return message + "; did you mean '" + *suggestion + "'?";
  if (names.empty()) return message + "; there are no profiles yet: run 'triplydb-profile add " + std::string(name) + "'";
  return message + "; 'triplydb-profile list' shows the profiles, 'triplydb-profile add " + std::string(name) + "' creates it";
}

}  // namespace tdb
