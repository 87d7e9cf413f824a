#include "net/network_options.hpp"

#include <algorithm>
#include <cmath>

#include "util/error.hpp"

namespace tdb {

http::Settings network_settings(const cxxopts::ParseResult& parsed, const Environment& env) {
  http::Settings settings;
  std::optional<std::string> ca_file;
  std::string source = "--cacert";
  if (parsed.count("cacert")) {
    ca_file = parsed["cacert"].as<std::string>();
  } else if (auto bundle = env.get("TRIPLYDB_CA_BUNDLE"); bundle && !bundle->empty()) {
    ca_file = std::move(bundle);
    source = "TRIPLYDB_CA_BUNDLE";
  }
  if (ca_file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(*ca_file, error))
      throw UsageError(source + ": " + *ca_file + " is not a file; name a PEM file of CA certificates");
    settings.ca_file = std::filesystem::absolute(*ca_file);
  }
  const double seconds = parsed["timeout"].as<double>();
  if (!std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
    throw UsageError("--timeout: expected a number of seconds between 0 and 3600");
  settings.total_timeout = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  settings.connect_timeout = std::min(settings.connect_timeout, settings.total_timeout);
  return settings;
}

}  // namespace tdb
