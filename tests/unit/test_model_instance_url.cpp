#include <catch2/catch.hpp>

#include "model/instance_url.hpp"

using namespace tdb;

TEST_CASE("instance URLs are normalised") {
  CHECK(*normalise_instance_url("https://api.triplydb.com") == "https://api.triplydb.com");
  CHECK(*normalise_instance_url("HTTPS://API.TriplyDB.com/") == "https://api.triplydb.com");
  CHECK(*normalise_instance_url("https://data.acme.example/_api//") == "https://data.acme.example/_api");
  CHECK(*normalise_instance_url("https://data.acme.example:8443/_API") == "https://data.acme.example:8443/_API");
  CHECK(*normalise_instance_url("http://localhost:8080") == "http://localhost:8080");
  CHECK(*normalise_instance_url("http://127.0.0.1:3000/") == "http://127.0.0.1:3000");
  CHECK(*normalise_instance_url("http://[::1]:3000") == "http://[::1]:3000");
}

TEST_CASE("unsafe or malformed instance URLs are refused with a reason") {
  auto message = [](const char* url) { return normalise_instance_url(url).error().message; };
  CHECK(message("http://api.triplydb.com") ==
        "invalid instance URL 'http://api.triplydb.com': plain http:// would send the token unencrypted; use https:// (http:// is allowed "
        "only to localhost)");
  CHECK(message("http://127.0.0.1.evil.example").find("plain http://") != std::string::npos);
  CHECK(message("ftp://x.example") == "invalid instance URL 'ftp://x.example': the scheme must be https://");
  CHECK(message("api.triplydb.com") == "invalid instance URL 'api.triplydb.com': expected https://HOST");
  CHECK(message("https://") == "invalid instance URL 'https://': the host is missing");
  CHECK(message("https://user:pw@x.example") ==
        "invalid instance URL 'https://user:pw@x.example': user names and passwords do not belong in the URL");
  CHECK(message("https://x.example/?a=1") ==
        "invalid instance URL 'https://x.example/?a=1': a query or fragment does not belong in an API base URL");
  CHECK(message("https://x.example:99999") == "invalid instance URL 'https://x.example:99999': the port must be a number up to 65535");
  CHECK(message("https://x.example:") == "invalid instance URL 'https://x.example:': the port must be a number up to 65535");
  CHECK(message("https://x y.example") ==
        "invalid instance URL 'https://x y.example': the host may hold only letters, digits, '-' and '.'");
}

TEST_CASE("loopback hosts") {
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.1.2.3"));
  CHECK(is_loopback_host("[::1]"));
  CHECK_FALSE(is_loopback_host("127.0.0.1.nip.io"));
  CHECK_FALSE(is_loopback_host("10.0.0.1"));
  CHECK_FALSE(is_loopback_host("localhost.example"));
}

TEST_CASE("the token settings page is the console's, asked or guessed") {
  CHECK(token_settings_page("https://triplydb.com/") == "https://triplydb.com/me/-/settings/tokens");
  CHECK(token_settings_page("https://data.acme.example") == "https://data.acme.example/me/-/settings/tokens");
  CHECK(likely_console_url("https://api.triplydb.com") == "https://triplydb.com");
  CHECK(likely_console_url("https://data.acme.example/_api") == "https://data.acme.example/_api");
}
