// pick: the numbered list that 'triplydb use' alone offers on a terminal; the chosen name goes to
// standard output for the shell function, the list and its questions to standard error.
#include <unistd.h>

#include <algorithm>
#include <istream>
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "util/error.hpp"
#include "util/terminal.hpp"

namespace tdb {

namespace {

void print_menu(std::ostream& err, const ProfileSet& set, const std::string& active) {
  std::size_t name_width = 0, instance_width = 0;
  for (const auto& profile : set.profiles) {
    name_width = std::max(name_width, profile.name.size());
    instance_width = std::max(instance_width, profile.instance.size());
  }
  auto pad = [](const std::string& text, std::size_t width) { return text + std::string(width - text.size(), ' '); };
  for (std::size_t i = 0; i < set.profiles.size(); ++i) {
    const Profile& profile = set.profiles[i];
    const bool is_active = profile.name == active;
    err << (is_active ? "* " : "  ") << (i + 1 < 10 && set.profiles.size() >= 10 ? " " : "") << (i + 1) << ") "
        << pad(profile.name, name_width) << "  " << pad(profile.instance, instance_width) << "  "
        << "account " << profile.account.value_or("-") << (is_active ? "  (active)" : "") << "\n";
  }
}

// The profile number in `answer` (1 to count), else nothing.
std::optional<std::size_t> profile_number(const std::string& answer, std::size_t count) {
  if (answer.empty() || answer.size() > 6 || !std::all_of(answer.begin(), answer.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const std::size_t number = std::stoul(answer);
  if (number < 1 || number > count) return std::nullopt;
  return number;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

int run_pick(Context& ctx, const CommandLine& /*line*/) {
  const ProfileSet set = store_for(ctx).read(ctx.now).all();
  if (set.profiles.empty()) throw Failure("there are no profiles yet; add one with 'triplydb add NAME'");
  if (!ctx.stdin_is_terminal) throw UsageError("pick reads the profile number from a terminal; name the profile instead");
  print_menu(ctx.err, set, ctx.env.get("TRIPLYDB_PROFILE").value_or(""));
  const std::string range = set.profiles.size() == 1 ? "1" : "1 to " + std::to_string(set.profiles.size());
  while (true) {
    ctx.err << "Profile number (" << range << "; q or Enter: leave unchanged): " << std::flush;
    std::string answer;
    wait_for_terminal(STDIN_FILENO);
    if (!std::getline(ctx.in, answer)) {
      if (!owns_terminal(STDIN_FILENO)) throw Failure("cannot read the profile number: another process group holds the terminal");
      answer.clear();  // end of input (Ctrl-D): leave, as q does
    }
    answer = trimmed(answer);
    if (answer.empty() || answer == "q" || answer == "Q") {
      ctx.err << "No profile chosen; nothing changed.\n";
      return exit_failure;
    }
    if (auto number = profile_number(answer, set.profiles.size())) {
      ctx.out << set.profiles[*number - 1].name << "\n";
      return 0;
    }
    ctx.err << "'" << answer << "' is not a profile number: type " << range << ", or q to leave\n";
  }
}

}  // namespace tdb
