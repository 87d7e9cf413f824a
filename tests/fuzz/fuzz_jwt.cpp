// libFuzzer target: any bytes as a token. The reader returns claims or a reason that never repeats
// the token; masking never shows more than the last 4 characters, also when the token is found in text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/token.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view token(reinterpret_cast<const char*>(data), size);
  auto claims = tdb::read_token(token);
  // 16 characters without a blank from the input in the message would be the input repeated.
  if (!claims && token.size() >= 16 && token.substr(0, 16).find(' ') == std::string_view::npos &&
      claims.error().message.find(token.substr(0, 16)) != std::string::npos)
    std::abort();
  if (claims) {
    if (tdb::instance_from_claims(*claims).empty()) std::abort();
    std::string masked = tdb::mask_token(token);
    if (masked.size() > 8 || (token.size() > 8 && masked != "****" + std::string(token.substr(token.size() - 4)))) std::abort();
    if (tdb::mask_tokens_in(token) != masked) std::abort();
  }
  if (tdb::mask_tokens_in(token).size() > size + 8) std::abort();  // masks only shorten, but for tokens of up to 8 characters
  if (auto decoded = tdb::decode_base64url(token); decoded && decoded->size() > size) std::abort();
  return 0;
}
