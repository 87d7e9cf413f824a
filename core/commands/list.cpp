// list: every profile, grouped by instance, with tokens masked.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "model/token.hpp"
#include "util/utf8.hpp"

namespace tdb {

namespace {

struct Row {
  const Profile* profile;
  bool active;
  bool is_default;
  std::optional<std::int64_t> expires_at;
};

std::string expiry_text(const Row& row, std::int64_t now) {
  if (!row.profile->has_stored_token()) return "expiry unknown";
  if (!row.expires_at) return "never expires";
  return (*row.expires_at <= now ? "EXPIRED " : "expires ") + format_utc(*row.expires_at);
}

// Expiry, access and the default marker: the column before the description.
std::string status_text(const Row& row, std::int64_t now) {
  return expiry_text(row, now) + (row.profile->access ? "  " + *row.profile->access : "") + (row.is_default ? "  (default)" : "");
}

// A description on one table line: its newlines and tabs as spaces.
std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return text;
}

void print_table(std::ostream& out, const std::vector<Row>& rows, std::int64_t now) {
  std::vector<std::string> instances;
  for (const auto& row : rows)
    if (std::find(instances.begin(), instances.end(), row.profile->instance) == instances.end()) instances.push_back(row.profile->instance);
  // Columns line up by what the terminal draws: a CJK character or an emoji takes two.
  std::size_t name_width = 4, account_width = 1, status_width = 0;
  std::vector<std::string> statuses;  // each made once: it formats a time
  statuses.reserve(rows.size());
  for (const auto& row : rows) {
    name_width = std::max(name_width, display_width(row.profile->name));
    account_width = std::max(account_width, display_width(row.profile->account.value_or("-")));
    statuses.push_back(status_text(row, now));
    status_width = std::max(status_width, statuses.back().size());
  }
  auto pad = [](const std::string& text, std::size_t width) {
    const std::size_t shown = display_width(text);
    return shown < width ? text + std::string(width - shown, ' ') : text;
  };
  for (std::size_t i = 0; i < instances.size(); ++i) {
    out << (i ? "\n" : "") << instances[i] << "\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Row& row = rows[r];
      if (row.profile->instance != instances[i]) continue;
      const std::string description = one_line(row.profile->description.value_or(""));
      out << (row.active ? "* " : "  ") << pad(row.profile->name, name_width) << "  "
          << pad(row.profile->account.value_or("-"), account_width) << "  " << pad(token_display(*row.profile), 8) << "  "
          << (description.empty() ? statuses[r] : pad(statuses[r], status_width) + "  " + description) << "\n";
    }
  }
}

void print_json(std::ostream& out, const std::vector<Row>& rows, std::int64_t now) {
  auto list = nlohmann::json::array();
  for (const auto& row : rows) {
    const Profile& p = *row.profile;
    list.push_back({{"name", p.name},
                    {"instance", p.instance},
                    {"account", p.account ? nlohmann::json(*p.account) : nlohmann::json(nullptr)},
                    {"description", p.description ? nlohmann::json(*p.description) : nlohmann::json(nullptr)},
                    {"access", p.access ? nlohmann::json(*p.access) : nlohmann::json(nullptr)},
                    {"token", p.has_stored_token() ? nlohmann::json(mask_token(p.token)) : nlohmann::json(nullptr)},
                    {"keyring", keyring_json(p)},
                    {"token_command", p.token_command ? nlohmann::json(token_command_display(p)) : nlohmann::json(nullptr)},
                    {"expires_at", row.expires_at ? nlohmann::json(*row.expires_at) : nlohmann::json(nullptr)},
                    {"expired", row.expires_at && *row.expires_at <= now},
                    {"active", row.active},
                    {"default", row.is_default}});
  }
  out << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

int run_list(Context& ctx, const CommandLine& line) {
  const ProfileReader reader = store_for(ctx).read(ctx.now);
  if (line.flag("names")) {
    std::string text;  // one write: TAB runs this with every profile's name
    for (const auto& name : reader.names()) text.append(name).append("\n");
    ctx.out << text;
    return 0;
  }
  const ProfileSet set = reader.all();
  const auto expiries = reader.token_expiries();  // after all(), which may fall back to the file
  auto active = ctx.env.get("TRIPLYDB_PROFILE");
  std::vector<Row> rows;
  for (std::size_t i = 0; i < set.profiles.size(); ++i) {
    const Profile& p = set.profiles[i];
    rows.push_back({&p, active == p.name, set.default_name == p.name, expiries.at(i)});
  }
  auto now = epoch_seconds(ctx.now);
  if (line.flag("json")) {
    print_json(ctx.out, rows, now);
  } else if (rows.empty()) {
    ctx.err << "No profiles yet in " << store_for(ctx).path().string() << ". Add one with 'triplydb-profile add NAME'.\n";
  } else {
    print_table(ctx.out, rows, now);
  }
  return 0;
}

}  // namespace tdb
