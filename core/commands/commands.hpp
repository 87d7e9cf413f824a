#pragma once
// The run function of every subcommand, one per file in this folder.
#include "commands/command.hpp"

namespace tdb {

int run_add(Context& ctx, const Arguments& args);
int run_list(Context& ctx, const Arguments& args);
int run_show(Context& ctx, const Arguments& args);
int run_remove(Context& ctx, const Arguments& args);
int run_rename(Context& ctx, const Arguments& args);
int run_default(Context& ctx, const Arguments& args);
int run_current(Context& ctx, const Arguments& args);
int run_token(Context& ctx, const Arguments& args);
int run_env(Context& ctx, const Arguments& args);
int run_exec(Context& ctx, const Arguments& args);
int run_init(Context& ctx, const Arguments& args);
int run_completion(Context& ctx, const Arguments& args);
int run_whoami(Context& ctx, const Arguments& args);
int run_doctor(Context& ctx, const Arguments& args);

}  // namespace tdb
