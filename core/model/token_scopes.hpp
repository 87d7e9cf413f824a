#pragma once
// What a TriplyDB token may do: its scopes as the API types them ({acc?, ds?, us?, tok?, cust?})
// and the plain label this program derives from them. The web console's read, write and
// management access are not documented in scopes, so the label is ours and the scopes are always
// shown beside it. Pure: text in, text out.
#include <optional>
#include <string>
#include <string_view>

namespace tdb {

// "read": ds r (and acc pub/priv) only; "write": ds c, u or d, and nothing that manages;
// "management": any "a" (acc, ds, us, tok), us u or tok c. Nothing when the scopes are empty,
// hold cust or a group this version does not know, or are not a JSON object of string lists.
std::optional<std::string> access_label(std::string_view scopes_json);

}  // namespace tdb
