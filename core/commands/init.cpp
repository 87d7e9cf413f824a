// init SHELL [--cmd NAME] [--no-default] [--no-auto] [--functions | --default-activation]: the shell
// integration, evaluated by the rc file.
// Runs at every shell start, so it reads the profiles file only when it has a default to activate.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_init.hpp"
#include "shell/shell_script.hpp"
#include "util/error.hpp"

namespace tdb {

namespace {

// The default profile's statements, or nothing with a warning: a broken profiles file must not
// cost the user the function that lets them repair it.
std::optional<std::string> default_activation(Context& ctx, Shell shell) {
  try {
    const ProfileReader reader = store_for(ctx).read(ctx.now);
    const auto name = reader.default_name();
    if (!name) return std::nullopt;
    const auto profile = reader.find(*name);
    if (!profile) {
      ctx.err << "triplydb-profile: the default profile '" << *name
              << "' does not exist; run 'triplydb-profile default NAME' or 'triplydb-profile default --unset'\n";
      return std::nullopt;
    }
    // A token_command runs once here, with its deadline; when it fails, nothing is activated.
    const Profile activated = with_token(ctx, *profile);
    if (auto expired = expired_token_message(ctx, activated)) {
      ctx.err << "triplydb-profile: the default profile was not activated: " << *expired << "\n";
      return std::nullopt;
    }
    auto script = render_activation(shell, activated, {{"TRIPLYDB_PROFILE_SOURCE", "default"}});
    if (!script) {
      ctx.err << "triplydb-profile: the default profile '" << profile->name << "' cannot be activated: " << script.error().message << "\n";
      return std::nullopt;
    }
    return *script;
  } catch (const Failure& failure) {
    ctx.err << "triplydb-profile: the default profile was not activated: " << failure.what() << "\n";
    return std::nullopt;
  }
}

// --cmd NAME: refused with the real reason, before the rc file evaluates anything.
void require_function_name(const std::string& name) {
  if (name == "triplydb-profile")
    throw UsageError(
        "init: --cmd triplydb-profile would hide the program behind the function in this shell; pick another name, e.g. 'tdb'");
  if (!is_valid_function_name(name))
    throw UsageError("init: '" + name + "' cannot name a function; use letters, digits, '_' and '-', starting with a letter");
  if (auto word = reserved_shell_word(name)) {
    throw UsageError("init: '" + name + "' is a shell " + std::string(*word) + "; " +
                     (*word == "keyword" ? "a function of that name cannot be defined" : "a function of that name would take it over") +
                     ", pick another name, e.g. 'tdb'");
  }
}

}  // namespace

int run_init(Context& ctx, const CommandLine& line) {
  InitRequest request;
  auto shell = parse_integration_shell(line.positional().front());
  if (!shell) throw UsageError("init: unknown shell '" + line.positional().front() + "'; use " + std::string(integration_shell_names));
  request.shell = *shell;
  if (auto name = line.text("cmd")) {
    require_function_name(*name);
    request.function_name = *name;
  }
  if (line.flag("default-activation")) {  // a shell whose saved init text holds no token asks for it at start-up
    if (line.flag("no-default") || line.flag("functions") || line.text("cmd"))
      throw UsageError("init: --default-activation goes without --cmd, --no-default and --functions");
    if (ctx.env.get("TRIPLYDB_TOKEN").value_or("").empty()) ctx.out << default_activation(ctx, *shell).value_or("");
    return 0;
  }
  request.program = ctx.program_path;
  for (const auto& command : all_commands())
    if (!command.function_only) request.commands.push_back(command.name);
  request.functions_only = line.flag("functions");
  request.auto_switch = !line.flag("no-auto");
  if (request.functions_only && !loads_functions_on_first_use(request.shell)) {
    throw UsageError("init: --functions is for bash and zsh; init " + line.positional().front() + " prints the whole integration already");
  }
  request.activate_default = !line.flag("no-default");
  if (!request.functions_only && !line.flag("no-default") && !activates_default_when_loaded(request.shell) &&
      ctx.env.get("TRIPLYDB_TOKEN").value_or("").empty()) {
    request.default_activation = default_activation(ctx, request.shell);
  }
  auto text = render_init(request);
  if (!text) throw Failure("init: " + text.error().message);
  ctx.out << *text;
  return 0;
}

}  // namespace tdb
