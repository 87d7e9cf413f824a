#pragma once
// add's check that a token works before it is saved (on by default, --no-verify skips it).
#include "commands/common.hpp"
#include "model/profile.hpp"

namespace tdb {

// Asks profile.instance who the token belongs to and reports it on ctx.out. When the instance
// is a web console and `force` is set, switches profile.instance to the API URL the console
// names. Sets profile.account to the token's account when it has none; one that differs is an
// error unless `force`. Throws Failure, saying that nothing was saved, when the token cannot be confirmed.
// When the instance lists the token among the account's tokens, sets profile.description and
// profile.access from its record.
void verify_before_saving(Context& ctx, const CommandLine& line, Profile& profile, bool force);

}  // namespace tdb
