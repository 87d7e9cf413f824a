#pragma once
// The run function of every subcommand, one per file in this folder; table.cpp lists them.
#include "commands/command.hpp"

namespace tdb {

int run_add(Context& ctx, const CommandLine& line);
int run_list(Context& ctx, const CommandLine& line);
int run_show(Context& ctx, const CommandLine& line);
int run_remove(Context& ctx, const CommandLine& line);
int run_rename(Context& ctx, const CommandLine& line);
int run_default(Context& ctx, const CommandLine& line);
int run_current(Context& ctx, const CommandLine& line);
int run_token(Context& ctx, const CommandLine& line);
int run_env(Context& ctx, const CommandLine& line);
int run_exec(Context& ctx, const CommandLine& line);
int run_init(Context& ctx, const CommandLine& line);
int run_completion(Context& ctx, const CommandLine& line);
int run_whoami(Context& ctx, const CommandLine& line);
int run_doctor(Context& ctx, const CommandLine& line);
int run_complete(Context& ctx, const CommandLine& line);
int run_move_token(Context& ctx, const CommandLine& line);
int run_tokens(Context& ctx, const CommandLine& line);
int run_rotate(Context& ctx, const CommandLine& line);
int run_revoke(Context& ctx, const CommandLine& line);
int run_allow(Context& ctx, const CommandLine& line);
int run_deny(Context& ctx, const CommandLine& line);
int run_bind(Context& ctx, const CommandLine& line);
int run_unbind(Context& ctx, const CommandLine& line);
int run_bindings(Context& ctx, const CommandLine& line);
int run_hook(Context& ctx, const CommandLine& line);
int run_status(Context& ctx, const CommandLine& line);
int run_edit(Context& ctx, const CommandLine& line);
int run_pick(Context& ctx, const CommandLine& line);

// Not in the table: the shell function's words that are not ours, for the official TriplyDB CLI.
int run_official_cli(Context& ctx, const Arguments& args);

}  // namespace tdb
