#include "store/profile_reader.hpp"

#include "model/token.hpp"

namespace tdb {

std::vector<std::string> ProfileReader::names() const { return view_ ? view_->names() : parsed_.names(); }

std::optional<std::string> ProfileReader::default_name() const {
  if (!view_) return parsed_.default_name;
  if (auto name = view_->default_name()) return std::string(*name);
  return std::nullopt;
}

std::optional<Profile> ProfileReader::find(std::string_view name) const {
  if (view_) {
    auto index = view_->index_of(name);
    if (!index) return std::nullopt;
    if (auto profile = view_->profile(*index)) return profile;
    fall_back();
  }
  const Profile* profile = parsed_.find(name);
  return profile ? std::optional<Profile>(*profile) : std::nullopt;
}

ProfileSet ProfileReader::all() const {
  if (view_) {
    if (auto set = view_->all()) return std::move(*set);
    fall_back();
  }
  return parsed_;
}

std::vector<std::optional<std::int64_t>> ProfileReader::token_expiries() const {
  std::vector<std::optional<std::int64_t>> expiries;
  if (view_) {
    for (std::size_t i = 0; i < view_->size(); ++i) expiries.push_back(view_->token_expiry(i));
    return expiries;
  }
  for (const auto& profile : parsed_.profiles) {
    auto claims = read_token(profile.token);
    expiries.push_back(claims ? claims->expires_at : std::nullopt);
  }
  return expiries;
}

void ProfileReader::fall_back() const {
  parsed_ = parse_file_();
  view_.reset();
}

}  // namespace tdb
