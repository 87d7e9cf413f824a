#include "test_support.hpp"

namespace tdb::test {

std::string base64url(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::string mint_token(const std::string& payload_json) {
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(payload_json) + "." + base64url("test-signature");
}

}  // namespace tdb::test
