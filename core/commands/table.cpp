// The table of subcommands: adding a command or an option is one edit here plus its run function.
#include <algorithm>
#include <array>

#include "commands/commands.hpp"

namespace tdb {

namespace {

using K = ValueKind;

constexpr OptionSpec json_option{"json", "print JSON"};
constexpr OptionSpec cacert_option{
    "cacert", "CA certificates (PEM) to trust instead of the system's, for a private instance; default $TRIPLYDB_CA_BUNDLE", K::file,
    "FILE"};
constexpr OptionSpec yes_option{"yes", "do not ask for confirmation on a terminal", K::none, {}, {}, "y"};
constexpr OptionSpec timeout_option{"timeout", "give up on an instance after this many seconds", K::seconds, "SECONDS", "30"};

constexpr std::array add_options{
    OptionSpec{"instance", "API base URL (default: the token's issuer)", K::url, "URL"},
    OptionSpec{"account", "account name, exported as TRIPLYDB_ACCOUNT (default: the token's account, as the instance says)", K::text, "A"},
    OptionSpec{"description", "free text shown by list and show (default: the token's name on the instance)", K::text, "D"},
    OptionSpec{"from-env", "take the token from $TRIPLYDB_TOKEN"},
    OptionSpec{"no-verify", "do not ask the instance whether the token works"},
    OptionSpec{"force", "replace an existing profile; accept an expired token or an --instance that differs from the token"},
    OptionSpec{"keyring", "keep the token in the system keyring (Secret Service) instead of the profiles file"},
    OptionSpec{"token-command", "get the token from this command's output each time (split as a shell would, nothing expanded)", K::text,
               "CMD"},
    cacert_option,
    timeout_option,
};
constexpr std::array list_options{json_option, OptionSpec{"names", "print only the names, one per line (for completion)"}};
constexpr std::array show_options{json_option, OptionSpec{"online", "also ask the instance what the token may do"}, cacert_option,
                                  timeout_option};
constexpr std::array remove_options{yes_option};
constexpr std::array default_options{OptionSpec{"unset", "new shells start without a profile"}};
constexpr std::array env_options{
    OptionSpec{"shell", "the shell to write for", K::shell, "SHELL"}, OptionSpec{"unset", "unset the variables instead"},
    OptionSpec{"force", "write them for a token that has expired too"},
    OptionSpec{"announce", "say 'Switched to NAME' on standard error when it is a terminal (what use does)"},
    OptionSpec{"output", "write to FILE (mode 0600) instead; warns when git does not ignore it", K::file, "FILE"}};
constexpr std::array use_options{OptionSpec{"force", "activate a profile whose token has expired"},
                                 OptionSpec{"quiet", "say nothing on a terminal", K::none, {}, {}, "q"}};
constexpr std::array init_options{
    OptionSpec{"cmd", "name the function NAME instead of triplydb", K::text, "NAME"},
    OptionSpec{"no-default", "do not activate the default profile"},
    OptionSpec{"no-auto", "leave out the hook that activates a folder's profile when the shell enters it"},
    OptionSpec{"functions", "bash and zsh: print only the functions and their completion, which init loads on first use"},
    OptionSpec{"default-activation", "print only the default profile's activation, or nothing: what nushell asks for when it starts"},
};
constexpr std::array whoami_options{json_option, cacert_option, timeout_option};
constexpr std::array tokens_options{json_option, cacert_option, timeout_option};
constexpr std::array rotate_options{cacert_option, timeout_option};
constexpr std::array revoke_options{
    OptionSpec{"token-id", "delete this token of the account instead, one no profile here holds", K::text, "ID"},
    OptionSpec{"with", "with --token-id: the profile whose token deletes it", K::profile, "PROFILE"},
    yes_option,
    cacert_option,
    timeout_option,
};
constexpr std::array doctor_options{OptionSpec{"online", "verify every token with its instance"}, cacert_option, timeout_option};
constexpr std::array complete_options{OptionSpec{"function", "complete for the shell function, which has use and off too"},
                                      OptionSpec{"describe", "add a tab and a description to each candidate"}};

constexpr std::array exec_options{
    OptionSpec{"as", "also set PREFIX_TOKEN, PREFIX_API and PREFIX_ACCOUNT for the profile NAME (repeatable)", K::text, "PREFIX=NAME"}};
constexpr std::array bindings_options{json_option};
constexpr std::array status_options{json_option};
constexpr std::array hook_words{PositionalSpec{"SHELL", K::integration_shell}, PositionalSpec{"KEY", K::text},
                                PositionalSpec{"USE", K::text}};

constexpr std::array move_token_options{OptionSpec{"to", "where the token goes: keyring or file", K::text, "keyring|file"}};

constexpr std::array one_name{PositionalSpec{"NAME", K::profile}};
constexpr std::array use_name{PositionalSpec{"NAME", K::profile_or_dash}};
constexpr std::array old_and_new{PositionalSpec{"OLD", K::profile}, PositionalSpec{"NEW", K::text}};
constexpr std::array one_shell{PositionalSpec{"SHELL", K::integration_shell}};

constexpr std::array commands{
    Command{.name = "use",
            .summary = "activate a profile in this shell ('-': the previous one; alone: pick from a list)",
            .synopsis = "[NAME | -] [--force] [-q]",
            .description =
                "Set TRIPLYDB_TOKEN, TRIPLYDB_API, TRIPLYDB_PROFILE and TRIPLYDB_ACCOUNT in this shell for the profile NAME. "
                "'use -' goes back to the previous profile of this shell; 'use' alone offers a pick list on a terminal. A token that "
                "has expired is refused unless --force; one that expires within 7 days is warned of. On a terminal, use says "
                "which profile is active now (-q: nothing). "
                "Only the shell function (triplydb-profile init) can change the shell.",
            .options = use_options,
            .positionals = use_name,
            .function_only = true},
    Command{.name = "off",
            .summary = "unset the profile's variables in this shell",
            .synopsis = "",
            .description =
                "Unset TRIPLYDB_TOKEN, TRIPLYDB_API, TRIPLYDB_PROFILE and TRIPLYDB_ACCOUNT in this shell. Only the shell function "
                "(triplydb-profile init) can change the shell.",
            .function_only = true},
    Command{
        .name = "add",
        .summary = "store a profile (token from standard input or a hidden prompt)",
        .synopsis =
            "NAME [--instance URL] [--account A] [--description D] [--from-env | --token-command CMD] [--no-verify] [--force] [--keyring]",
        .description =
            "Store a profile. The token is read from standard input when that is not a terminal, from a hidden prompt otherwise, "
            "or from $TRIPLYDB_TOKEN with --from-env. The instance is read from the token. With --keyring the token goes to the "
            "system keyring and the profiles file only says where it is.",
        .options = add_options,
        .positionals = one_name,
        .required = 1,
        .run = run_add},
    Command{.name = "list",
            .summary = "profiles grouped by instance, tokens masked",
            .synopsis = "[--json | --names]",
            .description = "List the profiles, grouped by instance. Tokens are masked; '*' marks the profile active in this shell.",
            .options = list_options,
            .run = run_list},
    Command{.name = "show",
            .summary = "one profile with its token's claims",
            .synopsis = "NAME [--json] [--online] [--cacert FILE] [--timeout SECONDS]",
            .description =
                "Show one profile with its token's decoded claims. The token is masked. With --online, also ask the instance for the "
                "token's name, access, scopes and last use.",
            .options = show_options,
            .positionals = one_name,
            .required = 1,
            .run = run_show},
    Command{.name = "remove",
            .summary = "delete a profile",
            .synopsis = "NAME [-y]",
            .description = "Delete a profile; on a terminal after a confirmation (--yes skips it), since TriplyDB shows a token only "
                           "once. When it was the default, no default is set afterwards. Folders bound to it stay bound, for a profile "
                           "added again under the name, and are listed.",
            .options = remove_options,
            .positionals = one_name,
            .required = 1,
            .run = run_remove},
    Command{.name = "rename",
            .summary = "rename a profile, keeping the default and folder bindings pointing at it",
            .synopsis = "OLD NEW",
            .description = "Rename a profile. A default that pointed at OLD points at NEW afterwards, and so do the folders bound to "
                           "OLD with 'bind'; a .triplydb.yaml that names OLD is the project's to change.",
            .positionals = old_and_new,
            .required = 2,
            .run = run_rename},
    Command{.name = "edit",
            .summary = "edit the profiles file in $VISUAL or $EDITOR, checked before it replaces the file",
            .synopsis = "",
            .description = "Open a private copy of the profiles file in $VISUAL, else $EDITOR, else vi. When the editor exits, the "
                           "copy is checked like any hand-edited file and replaces the file only when it is valid; otherwise the "
                           "message says file:line:column and, on a terminal, offers to edit again.",
            .run = run_edit},
    Command{.name = "move-token",
            .summary = "move a profile's token into the keyring or back into the profiles file",
            .synopsis = "NAME --to keyring|file",
            .description = "Move the token of NAME into the system keyring (--to keyring) or back into the profiles file (--to file). "
                           "The token is written to its new place before it leaves the old one, and is left in both only when deleting "
                           "the old copy fails, which is reported.",
            .options = move_token_options,
            .positionals = one_name,
            .required = 1,
            .run = run_move_token},
    Command{.name = "default",
            .summary = "print or set the profile new shells start with",
            .synopsis = "[NAME | --unset]",
            .description =
                "Print the default profile, set it to NAME, or unset it. New shells that have no TRIPLYDB_TOKEN activate the default.",
            .options = default_options,
            .positionals = one_name,
            .run = run_default},
    Command{.name = "current",
            .summary = "the profile active in this shell",
            .synopsis = "",
            .description =
                "Print the profile active in this shell ($TRIPLYDB_PROFILE). Exits 1 when none is active or when $TRIPLYDB_TOKEN "
                "no longer matches the profile's token.",
            .run = run_current},
    Command{.name = "pick",
            .summary = "choose a profile from a numbered list on the terminal; print its name",
            .synopsis = "",
            .description = "List the profiles with their instance and account, the active one ($TRIPLYDB_PROFILE) marked, and read "
                           "a number from the terminal; print the chosen name on standard output ('triplydb use' alone activates "
                           "it). A wrong number asks again; q or an empty line leaves without a choice (exit 1).",
            .run = run_pick},
    Command{.name = "token",
            .summary = "print the raw token of a profile, for scripts",
            .synopsis = "[NAME]",
            .description = "Print the raw token of NAME, or of the profile active in this shell.",
            .positionals = one_name,
            .run = run_token},
    Command{.name = "env",
            .summary = "print the statements that activate or deactivate a profile",
            .synopsis = "NAME --shell SHELL [--output FILE] | env --unset --shell SHELL",
            .description =
                "Print the statements that set TRIPLYDB_TOKEN, TRIPLYDB_API, TRIPLYDB_PROFILE and TRIPLYDB_ACCOUNT for a profile, "
                "or (--unset) that unset them. SHELL is bash, zsh, fish, pwsh, nu, elvish, xonsh, posix, dotenv or json "
                "(nu: a record for from nuon and load-env).",
            .options = env_options,
            .positionals = one_name,
            .run = run_env},
    Command{.name = "exec",
            .summary = "run a command with a profile's variables set",
            .synopsis = "[NAME] [--as PREFIX=NAME]... [--] [CMD [ARG...]]",
            .description = "Run CMD with the profile's TRIPLYDB_TOKEN, TRIPLYDB_API, TRIPLYDB_PROFILE and TRIPLYDB_ACCOUNT set, "
                           "and for each --as PREFIX=NAME the profile NAME's PREFIX_TOKEN, PREFIX_API and PREFIX_ACCOUNT; "
                           "without CMD, start $SHELL (else /bin/sh) with them. Every word after NAME belongs to CMD, with or "
                           "without '--'. The exit status is CMD's; 127 when CMD is not found, 126 when it cannot be run.",
            .options = exec_options,
            .positionals = one_name,
            .takes_command = true,
            .run = run_exec},
    Command{.name = "init",
            .summary = "print the shell integration: the triplydb function, its completion, the default profile",
            .synopsis = "SHELL [--cmd NAME] [--no-default] [--no-auto] [--functions | --default-activation]",
            .description = "Print the shell integration: the function (named triplydb, or NAME), its TAB completion, and the "
                           "activation of the default profile when the shell has no TRIPLYDB_TOKEN yet. SHELL is bash, zsh, "
                           "fish, pwsh, nu, elvish or xonsh. Add to your rc file: eval \"$(triplydb-profile init bash)\". "
                           "For bash and zsh this defines stand-ins that load the functions on first use; --functions prints "
                           "the functions themselves.",
            .options = init_options,
            .positionals = one_shell,
            .required = 1,
            .run = run_init},
    Command{.name = "completion",
            .summary = "print the TAB completion script for a shell",
            .synopsis = "SHELL",
            .description = "Print the TAB completion script for triplydb-profile and the triplydb function. SHELL is bash, "
                           "zsh, fish, pwsh, nu, elvish or xonsh. `init` includes it already.",
            .positionals = one_shell,
            .required = 1,
            .run = run_completion},
    Command{.name = "whoami",
            .summary = "ask the instance which account a profile's token belongs to",
            .synopsis = "[NAME] [--json] [--cacert FILE] [--timeout SECONDS]",
            .description = "Ask the instance which account the token of NAME (default: the profile active in this shell) belongs to.",
            .options = whoami_options,
            .positionals = one_name,
            .run = run_whoami},
    Command{.name = "tokens",
            .summary = "the tokens of the account on the instance, marked with the profiles that hold them",
            .synopsis = "[NAME] [--json] [--cacert FILE] [--timeout SECONDS]",
            .description = "List the tokens of the account that the token of NAME (default: the profile active in this shell) belongs to, "
                           "as its instance lists them: id, name, access, scopes, issued, last used, and the profile here that holds each.",
            .options = tokens_options,
            .positionals = one_name,
            .run = run_tokens},
    Command{.name = "rotate",
            .summary = "replace a profile's token with a new one of the same name and scopes, then delete the old one",
            .synopsis = "NAME [--cacert FILE] [--timeout SECONDS]",
            .description =
                "Create a new token with the description and scopes of NAME's token, verify it, store it in the profile, then delete "
                "the old token on the instance. When the old token cannot be deleted, the new one is kept and the exit status is 1.",
            .options = rotate_options,
            .positionals = one_name,
            .required = 1,
            .run = run_rotate},
    Command{.name = "revoke",
            .summary = "delete a profile's token on its instance, then the profile",
            .synopsis = "NAME [-y] | --token-id ID --with PROFILE [-y]",
            .description =
                "Delete the token of NAME on its instance, then remove the profile; on a terminal after a confirmation (--yes skips "
                "it). With --token-id, delete another token of the account, using the token of PROFILE. When the instance refuses, "
                "the profile is kept.",
            .options = revoke_options,
            .positionals = one_name,
            .run = run_revoke},
    Command{.name = "doctor",
            .summary = "check the profiles file, tokens and shell integration; --online asks the instances",
            .synopsis = "[--online] [--cacert FILE] [--timeout SECONDS]",
            .description = "Check the profiles file, its permissions, the default profile, where each token lives (and whether the keyring "
                           "answers), token expiry, the official TriplyDB CLI, the network and keyring helpers and the shell integration. "
                           "With --online, also ask every instance whether its token works.",
            .options = doctor_options,
            .run = run_doctor},
    Command{.name = "allow",
            .summary = "let this folder's .triplydb.yaml activate your profile for its instance",
            .synopsis = "",
            .description = "Allow the nearest .triplydb.yaml in this folder or above, with its content as it is now: entering the "
                           "folder then activates your profile for the instance (and account) it names. A changed file needs allowing "
                           "again.",
            .run = run_allow},
    Command{.name = "deny",
            .summary = "keep this folder's .triplydb.yaml from activating anything",
            .synopsis = "",
            .description = "Deny the nearest .triplydb.yaml in this folder or above, whatever it holds: it activates nothing and is "
                           "not mentioned again until 'allow'.",
            .run = run_deny},
    Command{.name = "bind",
            .summary = "bind this folder and those below it to a profile, in your own store",
            .synopsis = "NAME",
            .description = "Bind this folder (and the folders below it) to the profile NAME: entering it activates NAME. The binding "
                           "is kept beside your profiles file, not in the project; it also chooses among several matching profiles.",
            .positionals = one_name,
            .required = 1,
            .run = run_bind},
    Command{.name = "unbind",
            .summary = "remove this folder's binding",
            .synopsis = "",
            .description = "Remove the binding that 'bind' made for this folder.",
            .run = run_unbind},
    Command{.name = "bindings",
            .summary = "the folders bound to profiles and the project files allowed or denied",
            .synopsis = "[--json]",
            .description = "List the folders bound to a profile, and the project files allowed or denied, from your own store.",
            .options = bindings_options,
            .run = run_bindings},
    Command{.name = "status",
            .summary = "the active profile and why, and what in this folder and above would override it",
            .synopsis = "[--json]",
            .description = "Print the profile active in this shell and why (use, bind, project, default, inherited), its instance "
                           "and account, what this folder asks for, and every .env, .env.local, .envrc, .ratt and .ratt-private line "
                           "here or above that sets TRIPLYDB_TOKEN or TRIPLYDB_API, a TRIPLYDB_API that is not the token's instance, "
                           "and variables changed by hand after 'use', each with its file and line and the way out.",
            .options = status_options,
            .run = run_status},
};

// Not listed: what the shells' hook runs when the folder changes.
constexpr Command hook_command{.name = "hook",
                               .summary = "the statements that switch profiles for the folder the shell is in",
                               .synopsis = "SHELL [KEY [USE]]",
                               .description =
                                   "Print the statements that activate this folder's profile (or give back what the shell "
                                   "had), for the shells' directory-change hook.",
                               .positionals = hook_words,
                               .required = 1,
                               .run = run_hook};

// Not listed: what the shells' TAB completion asks, one run per TAB.
constexpr Command complete_command{"complete",
                                   "the candidates for the last of WORDS (for the shells' TAB completion)",
                                   "[--function] [--describe] -- WORD...",
                                   "Print the candidates for the last of WORDS, the words of a command line after the program's "
                                   "name, one per line. A line ':files' asks the shell to complete file names, ':commands' "
                                   "command names.",
                                   complete_options,
                                   {},
                                   0,
                                   true,
                                   false,
                                   run_complete};

}  // namespace

std::span<const Command> all_commands() { return commands; }

const Command* find_command(std::string_view name) {
  if (name == complete_command.name) return &complete_command;
  if (name == hook_command.name) return &hook_command;
  auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == name; });
  return it == commands.end() ? nullptr : &*it;
}

const OptionSpec* find_option(const Command& command, std::string_view name) {
  auto it = std::find_if(command.options.begin(), command.options.end(), [&](const OptionSpec& o) { return o.name == name; });
  return it == command.options.end() ? nullptr : &*it;
}

}  // namespace tdb
