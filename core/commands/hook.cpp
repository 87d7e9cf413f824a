// hook SHELL [KEY [USE]]: what the shells' directory-change hook evaluates, once per change of
// folder. KEY is what the shell activated for a folder last ("KIND<TAB>PROFILE<TAB>ROOT"), USE the
// KEY under which `use` or `off` was typed; the shell keeps what it had before in its own variables
// (__triplydb_auto_save / __triplydb_auto_restore), so this program never sees those tokens.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "shell/shell_init.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace tdb {

namespace {

struct Key {
  std::string kind;  // "bind", "project", "notice", or empty
  std::string profile;
  std::string root;
};

Key parse_key(const std::string& text) {
  Key key;
  auto first = text.find('\t');
  auto second = first == std::string::npos ? first : text.find('\t', first + 1);
  if (second == std::string::npos) return key;
  return {text.substr(0, first), text.substr(first + 1, second - first - 1), text.substr(second + 1)};
}

std::string kind_word(Resolution::Kind kind) {
  switch (kind) {
    case Resolution::Kind::bind:
      return "bind";
    case Resolution::Kind::project:
      return "project";
    case Resolution::Kind::notice:
      return "notice";
    default:
      return "";
  }
}

// A notice's key holds its message's hash, so that a different message for the folder (after allow,
// bind or an edit) is printed again, and the same one only once.
std::string key_of(const Resolution& r) {
  if (r.kind == Resolution::Kind::none) return "";
  const std::string middle = r.kind == Resolution::Kind::notice ? sha256_hex(r.message).substr(0, 16) : r.profile;
  return kind_word(r.kind) + "\t" + middle + "\t" + r.root;
}

std::string call(Shell shell, std::string_view function, const std::vector<std::string>& args) {
  auto line = render_call(shell, function, args);
  if (!line) throw Failure("a folder cannot be written for this shell: " + line.error().message);
  return *line;
}

// The statements that save what the shell has and activate the resolution's profile.
std::string activation(Context& ctx, Shell shell, const Resolution& r) {
  const Profile profile = with_token(ctx, require_profile(store_for(ctx).read(ctx.now), r.profile));
  std::vector<std::string> names(profile_variables.begin(), profile_variables.end());
  names.emplace_back("TRIPLYDB_PROFILE_SOURCE");
  for (const auto& var : profile.vars) names.push_back(var.first);
  for (const auto& var : r.vars) names.push_back(var.first);
  auto script = render_activation(shell, profile, r.vars);
  if (!script) throw Failure("profile '" + profile.name + "' cannot be written for this shell: " + script.error().message);
  // nu reads each line as a record: the variables' record is the one that names no call.
  const std::string exports = shell == Shell::nu ? "{set: " + script->substr(0, script->size() - 1) + "}\n" : *script;
  return call(shell, "__triplydb_auto_save", names) + exports + call(shell, "__triplydb_auto_enter", {key_of(r), kind_word(r.kind)});
}

}  // namespace

int run_hook(Context& ctx, const CommandLine& line) {
  const auto& words = line.positional();
  auto shell = parse_integration_shell(words.front());
  if (!shell) throw UsageError("hook: unknown shell '" + words.front() + "'; use " + std::string(integration_shell_names));
  const std::string current_key = words.size() > 1 ? words[1] : "";
  const Key used = parse_key(words.size() > 2 ? words[2] : "");
  try {
    const std::string folder = this_folder();
    if (!used.root.empty() && is_within(folder, used.root)) return 0;  // an explicit use wins inside its tree
    const Resolution resolution = resolve_here(ctx, folder);
    const std::string key = key_of(resolution);
    if (key == current_key && used.root.empty()) return 0;
    const std::string kind = parse_key(current_key).kind;
    std::string out = kind == "bind" || kind == "project" || !used.root.empty() ? call(*shell, "__triplydb_auto_restore", {}) : "";
    if (resolution.kind == Resolution::Kind::bind || resolution.kind == Resolution::Kind::project) {
      out += activation(ctx, *shell, resolution);
    } else {
      if (resolution.kind == Resolution::Kind::notice) ctx.err << "triplydb: " << resolution.message << "\n";
      out += call(*shell, "__triplydb_auto_enter", {key, ""});
    }
    ctx.out << out;
  } catch (const Failure& failure) {
    // The prompt goes on; the folder's profile is not activated, and the next change of folder tries again.
    ctx.err << "triplydb: " << failure.what() << "\n";
  }
  return 0;
}

}  // namespace tdb
