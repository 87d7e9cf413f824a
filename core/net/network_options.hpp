#pragma once
// What the options every network command shares (--cacert, --timeout; declared in the command
// table) and TRIPLYDB_CA_BUNDLE make of a request's settings.
#include <cxxopts.hpp>

#include "net/http_message.hpp"
#include "util/context.hpp"

namespace tdb {

// Settings from the parsed options and the environment; UsageError on a bad value.
http::Settings network_settings(const cxxopts::ParseResult& parsed, const Environment& env);

}  // namespace tdb
