#pragma once
// The statements that put a profile into a shell's environment, or take it out. Pure: no I/O.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/profile.hpp"
#include "shell/shell_quote.hpp"
#include "util/expected.hpp"

namespace tdb {

// The variables `use` sets, in the order they are written.
inline constexpr std::array<std::string_view, 4> profile_variables{"TRIPLYDB_TOKEN", "TRIPLYDB_API", "TRIPLYDB_PROFILE",
                                                                   "TRIPLYDB_ACCOUNT"};

// The one mapping of a profile to its variables, in that order: a value, or nullopt to unset it.
using Assignment = std::pair<std::string_view, std::optional<std::string>>;
std::array<Assignment, 4> profile_assignments(const Profile& profile);

// The whole script, or the first value that cannot be written: nothing is half printed.
Expected<std::string> render_activation(Shell shell, const Profile& profile);
// Unsets the four and the names of `extra` (the active profile's `vars:`).
std::string render_deactivation(Shell shell, const Variables& extra = {});

// The profile's statements, its `vars:`, then extra variables (a project's `vars:`).
Expected<std::string> render_activation(Shell shell, const Profile& profile, const Variables& extra);

// A switch to `profile` from one whose `vars:` it lacks: those (`stale`, the values ignored) are
// unset first. One record for nu, as `from nuon` reads it.
Expected<std::string> render_switch(Shell shell, const Profile& profile, const Variables& stale);

// A call of one of the integration's own functions with literal arguments: `NAME 'ARG' ...` in the
// shells with eval, `NAME('ARG', ...)` in xonsh, `{call: 'NAME', args: ['ARG', ...]}` for nu.
Expected<std::string> render_call(Shell shell, std::string_view function, const std::vector<std::string>& args);

}  // namespace tdb
