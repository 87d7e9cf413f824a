#pragma once
// The two TriplyDB API calls this program makes, GET /info and GET /me, and what their answers
// mean for a token: verified, rejected, or pointing at a web console instead of the API.
#include <optional>
#include <string>

#include "net/http.hpp"

namespace tdb::api {

struct InstanceInfo {
  std::string name;         // branding.name
  std::string console_url;  // consoleUrl
  std::string api_url;      // apiUrl
  std::string version;
};

struct Account {
  std::string account_name, uid, type, name, role, email, created_at;
};

enum class Outcome { verified, rejected, console, failed };

struct Verification {
  Outcome outcome = Outcome::failed;
  std::optional<InstanceInfo> info;  // when /info answered
  Account account;                   // when verified
  std::string api_url;               // when console: the API URL the console named
  std::string message;               // for people, token-free, when not verified
  std::string server_answer;         // when rejected: status and the server's message, "401 Unauthorized."
};

// Asks {instance}/info (without the token) and {instance}/me (with it). HTTP answers come back as
// a Verification; an unreachable instance or a refused URL throws Failure.
Verification verify_token(const http::Client& client, const std::string& instance);

// Where a person makes a new token, when the instance told us its console URL.
std::string token_settings_url(const Verification& verification);

}  // namespace tdb::api
