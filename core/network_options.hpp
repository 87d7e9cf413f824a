#pragma once
// The options every network command shares (--cacert, --timeout) and TRIPLYDB_CA_BUNDLE.
#include <cxxopts.hpp>

#include "context.hpp"
#include "http.hpp"

namespace tdb {

// Adds --cacert and --timeout, e.g. add_network_options(line.add_options()).
void add_network_options(cxxopts::OptionAdder&& adder);

// Settings from the parsed options and the environment; UsageError on a bad value.
http::Settings network_settings(const cxxopts::ParseResult& parsed, const Environment& env);

}  // namespace tdb
