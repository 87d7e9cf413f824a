#pragma once
// UTF-8 decoding shared by the quoting (PowerShell needs code points) and the loader (a profiles
// file must be UTF-8 text), and the columns a text takes on a terminal (list's table). Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string_view>

namespace tdb {

// Decodes one UTF-8 sequence at `i`, advancing it; nullopt for malformed input (overlong forms,
// surrogates and values above U+10FFFF included), leaving `i` where it was.
std::optional<std::uint32_t> next_code_point(std::string_view s, std::size_t& i);

// The offset of the first byte that is not part of valid UTF-8, or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// The columns `s` takes on a terminal, as wcwidth() counts them: East Asian wide characters and
// emoji take two, combining marks, variation selectors and zero-width joiners none; a byte that
// is not UTF-8 one.
std::size_t display_width(std::string_view s);

}  // namespace tdb
