#include "util/context.hpp"

namespace tdb {

Environment Environment::from_process(char** envp) {
  Environment env;
  env.process_block_ = envp;
  return env;
}

// The first entry of a name wins, in the search and in the copy alike.
std::optional<std::string> Environment::get(std::string_view name) const {
  if (process_block_) {
    if (name.find('=') != std::string_view::npos) return std::nullopt;  // no variable's name has one
    for (char** entry = process_block_; *entry; ++entry) {
      std::string_view text(*entry);
      if (text.size() > name.size() && text[name.size()] == '=' && text.starts_with(name)) return std::string(text.substr(name.size() + 1));
    }
    return std::nullopt;
  }
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

void Environment::set(std::string name, std::string value) {
  copy_process_block();
  vars_[std::move(name)] = std::move(value);
}

void Environment::unset(const std::string& name) {
  copy_process_block();
  vars_.erase(name);
}

const Environment::Map& Environment::all() const {
  copy_process_block();
  return vars_;
}

void Environment::copy_process_block() const {
  if (!process_block_) return;
  for (char** entry = process_block_; *entry; ++entry) {
    std::string_view text(*entry);
    auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    vars_.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  process_block_ = nullptr;
}

Environment Environment::without_prefix(std::string_view prefix) const {
  Environment kept;
  for (const auto& [name, value] : all())
    if (!name.starts_with(prefix)) kept.vars_.emplace(name, value);
  return kept;
}

}  // namespace tdb
