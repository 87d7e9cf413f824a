#pragma once
// The options every network command shares (--cacert, --timeout) and TRIPLYDB_CA_BUNDLE.
#include <cxxopts.hpp>

#include "context.hpp"
#include "http.hpp"

namespace tdb {

void add_network_options(cxxopts::Options& options);

// Settings from the parsed options and the environment; UsageError on a bad value.
http::Settings network_settings(const cxxopts::ParseResult& parsed, const Environment& env);

}  // namespace tdb
