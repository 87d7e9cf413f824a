#pragma once
// Tokens minted for tests: an unsigned JWT with the given JSON payload.
#include <string>

namespace tdb::test {

std::string base64url(const std::string& bytes);
std::string mint_token(const std::string& payload_json);

}  // namespace tdb::test
