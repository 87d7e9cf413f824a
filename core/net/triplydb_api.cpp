#include "net/triplydb_api.hpp"

#include "model/instance_url.hpp"

#include <nlohmann/json.hpp>

namespace tdb::api {
namespace {

using nlohmann::json;

std::string text_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The server's own words for an error ("Unauthorized."), when it sent JSON with a message.
std::string status_text(const http::Response& response) {
  const json body = json::parse(response.body, nullptr, false);
  const std::string message = text_field(body, "message");
  return std::to_string(response.status) + (message.empty() ? "" : " " + message);
}

std::string api_base_of(const std::string& url, const std::string& path) {
  return url.ends_with(path) ? url.substr(0, url.size() - path.size()) : url;
}

Verification console(const std::string& instance, const std::string& api_url) {
  Verification result;
  result.outcome = Outcome::console;
  result.api_url = api_url;
  result.message = instance + " is a TriplyDB web console, not its API; the API is at " + api_url;
  return result;
}

Verification failed(std::string message) {
  Verification result;
  result.message = std::move(message);
  return result;
}

Verification verify(const http::Client& client, const std::string& instance) {
  // /info first and without the token: a console URL is recognised before the token goes anywhere.
  const http::Response info_response = client.get_anonymous(instance + "/info");
  if (info_response.triply_api) return console(instance, *info_response.triply_api);
  std::optional<InstanceInfo> info;
  if (info_response.status / 100 == 2) {
    const json body = json::parse(info_response.body, nullptr, false);
    if (body.is_object()) {
      const json branding = body.contains("branding") ? body["branding"] : json();
      info = InstanceInfo{text_field(branding, "name"), text_field(body, "consoleUrl"), text_field(body, "apiUrl"),
                          text_field(body, "version")};
    }
  }

  const http::Response me = client.get(instance + "/me");
  if (me.triply_api) return console(instance, *me.triply_api);
  Verification result;
  result.info = info;
  // Whatever another origin answers, it never saw the token, so the answer proves nothing about it.
  if (me.token_withheld) {
    const std::string target = api_base_of(me.url, "/me");
    result.message = instance + " redirected GET /me to " + target +
                     ", another origin, where the token is not sent: the token is not verified (" + target + " answered " +
                     status_text(me) + "); if that is the instance's API, use --instance " + target;
    return result;
  }
  if (me.status == 401) {
    result.outcome = Outcome::rejected;
    result.server_answer = status_text(me);
    result.message = instance + " rejected the token (" + result.server_answer + ")";
    return result;
  }
  if (me.status == 403) return failed(instance + " refused the token access to its account (" + status_text(me) + ")");
  if (me.status / 100 != 2) return failed(instance + " answered GET /me with " + status_text(me) + "; try again later");
  const json body = json::parse(me.body, nullptr, false);
  const std::string account_name = text_field(body, "accountName");
  if (account_name.empty())
    return failed(instance + " did not answer GET /me like a TriplyDB API (status " + std::to_string(me.status) + ", " +
                  me.content_type.value_or("no content type") + "); check the instance URL");
  result.outcome = Outcome::verified;
  result.account = Account{account_name,
                           text_field(body, "uid"),
                           text_field(body, "type"),
                           text_field(body, "name"),
                           text_field(body, "role"),
                           text_field(body, "email"),
                           text_field(body, "createdAt")};
  return result;
}

}  // namespace

Verification verify_token(const http::Client& client, const std::string& instance) {
  Verification result = verify(client, instance);
  // The server's words may echo anything, the token included.
  result.message = client.scrub(std::move(result.message));
  result.server_answer = client.scrub(std::move(result.server_answer));
  return result;
}

std::string token_settings_url(const Verification& verification) {
  if (!verification.info || verification.info->console_url.empty()) return {};
  return token_settings_page(verification.info->console_url);
}

}  // namespace tdb::api
