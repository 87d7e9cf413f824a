// The HTTP policy with a scripted transport: where the token goes, which URLs are refused, and
// how failures are worded.
#include <catch2/catch.hpp>

#include <deque>

#include "net/http.hpp"
#include "net/tokens_api.hpp"
#include "net/triplydb_api.hpp"
#include "util/error.hpp"

namespace {

using tdb::http::RawRequest;
using tdb::http::RawResponse;

// Answers from a script, in order, and remembers what it was asked.
class ScriptedTransport : public tdb::http::Transport {
 public:
  std::deque<RawResponse> answers;
  std::vector<RawRequest> requests;

  RawResponse send(const RawRequest& request, const tdb::http::Settings&) override {
    requests.push_back(request);
    REQUIRE(!answers.empty());
    RawResponse answer = answers.front();
    answers.pop_front();
    return answer;
  }
};

RawResponse answer(long status, std::string body = "{}", std::optional<std::string> location = {}) {
  RawResponse response;
  response.status = status;
  response.body = std::move(body);
  response.location = std::move(location);
  response.content_type = "application/json";
  return response;
}

RawResponse failure(tdb::http::TransportFailure kind, std::string error) {
  RawResponse response;
  response.failure = kind;
  response.error = std::move(error);
  return response;
}

std::string failure_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const tdb::Failure& error) {
    return error.what();
  }
  return "(no failure)";
}

const std::string token = "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ1MSJ9.c2ln";

}  // namespace

TEST_CASE("origin_of makes default ports explicit and ignores path, query and fragment") {
  CHECK(tdb::http::origin_of("https://API.Example.org/info") == "https://api.example.org:443");
  CHECK(tdb::http::origin_of("http://127.0.0.1:8080/x?y=/z#f") == "http://127.0.0.1:8080");
  CHECK(tdb::http::origin_of("https://user@api.example.org/") == "");
  CHECK(tdb::http::origin_of("http://[::1]:9/") == "http://[::1]:9");
  CHECK(tdb::http::origin_of("ftp://example.org") == "");
  CHECK(tdb::http::origin_of("/relative") == "");
}

TEST_CASE("resolve_location handles absolute, scheme-relative, root and relative targets") {
  const std::string base = "https://api.example.org/_api/me?x=1";
  CHECK(tdb::http::resolve_location(base, "http://other:1/a") == "http://other:1/a");
  CHECK(tdb::http::resolve_location(base, "//cdn.example.org/me") == "https://cdn.example.org/me");
  CHECK(tdb::http::resolve_location(base, "/v2/me") == "https://api.example.org/v2/me");
  CHECK(tdb::http::resolve_location(base, "whoami") == "https://api.example.org/_api/whoami");
  CHECK(tdb::http::resolve_location("https://h.example", "me") == "https://h.example/me");
}

TEST_CASE("the token follows a redirect on the same origin only") {
  ScriptedTransport transport;
  transport.answers = {answer(302, "", "/v2/me"), answer(307, "", "https://other.example/me"), answer(200)};
  const tdb::http::Client client(transport, {}, token);
  const auto response = client.get("https://api.example.org/me");
  REQUIRE(transport.requests.size() == 3);
  CHECK(transport.requests[0].bearer_token == token);
  CHECK(transport.requests[1].url == "https://api.example.org/v2/me");
  CHECK(transport.requests[1].bearer_token == token);
  CHECK(transport.requests[2].url == "https://other.example/me");
  CHECK_FALSE(transport.requests[2].bearer_token.has_value());
  CHECK(response.token_withheld);
  CHECK(response.url == "https://other.example/me");
}

TEST_CASE("a change of scheme or port is another origin") {
  ScriptedTransport transport;
  transport.answers = {answer(301, "", "https://127.0.0.1:8443/me"), answer(200)};
  const tdb::http::Client client(transport, {}, token);
  client.get("http://127.0.0.1:8080/me");
  CHECK_FALSE(transport.requests[1].bearer_token.has_value());
}

TEST_CASE("plain http is refused before any request unless the host is loopback") {
  ScriptedTransport transport;
  const tdb::http::Client client(transport, {}, token);
  CHECK(failure_message([&] { client.get("http://api.example.org/me"); }) ==
        "refusing http://api.example.org/me: plain http:// is only allowed to this machine "
        "(localhost, 127.0.0.1, ::1); use https://");
  CHECK(transport.requests.empty());
  for (const char* url : {"http://localhost:1/me", "http://127.0.0.2:1/me", "http://[::1]:1/me"}) {
    transport.answers = {answer(200)};
    CHECK_NOTHROW(client.get(url));
  }
}

TEST_CASE("a redirect to plain http elsewhere is refused") {
  ScriptedTransport transport;
  transport.answers = {answer(302, "", "http://evil.example/me")};
  const tdb::http::Client client(transport, {}, token);
  CHECK(failure_message([&] { client.get("https://api.example.org/me"); }) ==
        "refusing the instance redirected to http://evil.example/me: plain http:// is only allowed to this "
        "machine (localhost, 127.0.0.1, ::1); use https://");
  CHECK(transport.requests.size() == 1);
}

TEST_CASE("redirect loops end") {
  ScriptedTransport transport;
  for (int i = 0; i < 6; ++i) transport.answers.push_back(answer(302, "", "/me"));
  tdb::http::Settings settings;
  settings.max_redirects = 5;
  const tdb::http::Client client(transport, settings, token);
  CHECK(failure_message([&] { client.get("https://api.example.org/me"); }) ==
        "too many redirects from https://api.example.org/me (more than 5)");
}

TEST_CASE("transport failures are worded for people and never show the token") {
  ScriptedTransport transport;
  const tdb::http::Client client(transport, {}, token);
  transport.answers = {failure(tdb::http::TransportFailure::certificate, "SSL certificate problem: " + token)};
  CHECK(failure_message([&] { client.get("https://api.example.org/me"); }) ==
        "cannot verify the TLS certificate of https://api.example.org:443: SSL certificate problem: <token>; "
        "if the instance uses a private CA, name its certificate with --cacert FILE or TRIPLYDB_CA_BUNDLE=FILE");
  transport.answers = {failure(tdb::http::TransportFailure::timeout, "Operation timed out")};
  CHECK(failure_message([&] { client.get("https://api.example.org/me"); }) ==
        "https://api.example.org:443 did not answer in time: Operation timed out");
}

TEST_CASE("verify_token asks /info without the token, then /me with it") {
  ScriptedTransport transport;
  transport.answers = {answer(200, R"({"branding":{"name":"Acme Data"},"consoleUrl":"https://acme.example/","apiUrl":"x"})"),
                       answer(200, R"({"accountName":"acme","type":"org","role":"regular","name":"Acme"})")};
  const tdb::http::Client client(transport, {}, token);
  const auto result = tdb::api::verify_token(client, "https://api.acme.example");
  CHECK(result.outcome == tdb::api::Outcome::verified);
  CHECK(result.account.account_name == "acme");
  CHECK(result.account.type == "org");
  CHECK(result.info->name == "Acme Data");
  CHECK(tdb::api::token_settings_url(result) == "https://acme.example/me/-/settings/tokens");
  CHECK(transport.requests[0].url == "https://api.acme.example/info");
  CHECK_FALSE(transport.requests[0].bearer_token.has_value());
  CHECK(transport.requests[1].url == "https://api.acme.example/me");
  CHECK(transport.requests[1].bearer_token == token);
}

TEST_CASE("verify_token reports a rejected token with the server's words") {
  ScriptedTransport transport;
  transport.answers = {answer(200, "{}"), answer(401, R"({"message":"Unauthorized."})")};
  const tdb::http::Client client(transport, {}, token);
  const auto result = tdb::api::verify_token(client, "https://api.acme.example");
  CHECK(result.outcome == tdb::api::Outcome::rejected);
  CHECK(result.message == "https://api.acme.example rejected the token (401 Unauthorized.)");
}

TEST_CASE("verify_token recognises a web console before sending the token") {
  ScriptedTransport transport;
  RawResponse console = answer(200, "<html>");
  console.triply_api = "https://api.acme.example";
  transport.answers = {console};
  const tdb::http::Client client(transport, {}, token);
  const auto result = tdb::api::verify_token(client, "https://acme.example");
  CHECK(result.outcome == tdb::api::Outcome::console);
  CHECK(result.api_url == "https://api.acme.example");
  CHECK(result.message ==
        "https://acme.example is a TriplyDB web console, not its API; the API is at "
        "https://api.acme.example");
  CHECK(transport.requests.size() == 1);
}

TEST_CASE("verify_token does not trust a 200 that is not a TriplyDB answer") {
  ScriptedTransport transport;
  RawResponse html = answer(200, "<html>hello</html>");
  html.content_type = "text/html";
  transport.answers = {html, html};
  const tdb::http::Client client(transport, {}, token);
  const auto result = tdb::api::verify_token(client, "https://www.example.org");
  CHECK(result.outcome == tdb::api::Outcome::failed);
  CHECK(result.message ==
        "https://www.example.org did not answer GET /me like a TriplyDB API (status 200, "
        "text/html); check the instance URL");
}

TEST_CASE("a server message that echoes the token is scrubbed") {
  ScriptedTransport transport;
  transport.answers = {answer(200, "{}"), answer(500, R"({"message":"bad token )" + token + R"("})")};
  const tdb::http::Client client(transport, {}, token);
  const auto result = tdb::api::verify_token(client, "https://api.acme.example");
  CHECK(result.message == "https://api.acme.example answered GET /me with 500 bad token <token>; try again later");
}

TEST_CASE("the network helper is looked for in the install layout, then beside the executable") {
  const auto candidates = tdb::http::helper_candidates("/opt/tdb/bin/triplydb-profile");
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[1] == "/opt/tdb/bin/triplydb-profile-http");
  CHECK(candidates[0].filename() == "triplydb-profile-http");
  CHECK(candidates[0].parent_path().filename() == "triplydb-profile");
}

TEST_CASE("send makes one request with the method, body and token, and follows no redirect") {
  ScriptedTransport transport;
  transport.answers = {answer(307, "", "https://api.example.org/elsewhere")};
  const tdb::http::Client client(transport, {}, token);
  const auto response = client.send("POST", "https://api.example.org/accounts/a/tokens", std::string("{}"));
  REQUIRE(transport.requests.size() == 1);
  CHECK(transport.requests[0].method == "POST");
  CHECK(transport.requests[0].body == "{}");
  CHECK(transport.requests[0].bearer_token == token);
  CHECK(response.status == 307);
  CHECK(failure_message([&] { client.send("DELETE", "http://api.example.org/x", std::nullopt); }).starts_with("refusing http://"));
}

TEST_CASE("the tokens API reads tokens and words a refusal with the settings page, without the token") {
  ScriptedTransport transport;
  transport.answers = {
      answer(200, R"([{"tokenId":"t1","description":"ci","issuedAt":"2025-01-02T03:04:05.000Z","lastAccessed":null,)"
                  R"("ownerId":"u","scopes":{"ds":["r"]}},{"no":"id"}])"),
      answer(401, R"({"message":"Unauthorized. )" + token + R"("})"),
      answer(201, R"({"tokenId":"t2","description":"ci","scopes":{"ds":["r"]},"token":"eyJ.new.jwt"})"),
  };
  const tdb::http::Client client(transport, {}, token);
  const tdb::api::TokensApi api(client, "https://api.example.org", "acme bot", "https://example.org/me/-/settings/tokens");
  const auto listed = api.list();
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(transport.requests[0].url == "https://api.example.org/accounts/acme%20bot/tokens");
  CHECK((*listed)[0].scopes_json == R"({"ds":["r"]})");
  CHECK((*listed)[0].last_accessed.empty());
  const auto refused = api.remove("t1");
  REQUIRE(refused);
  CHECK(refused->message ==
        "https://api.example.org refused DELETE /accounts/acme bot/tokens/t1 (401 Unauthorized. <token>): the token may not "
        "manage the tokens of account acme bot; manage them at https://example.org/me/-/settings/tokens");
  CHECK(transport.requests[1].method == "DELETE");
  const auto created = api.create("ci", R"({"ds":["r"]})");
  REQUIRE(created);
  CHECK(created->jwt == "eyJ.new.jwt");
  CHECK(transport.requests[2].body == R"({"description":"ci","scopes":{"ds":["r"]}})");
}
