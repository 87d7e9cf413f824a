#pragma once
// Splits a command line into words the way a POSIX shell does, without running anything: quotes
// and backslashes are removed, but nothing is expanded. Pure: no I/O.
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace tdb {

// Words of `text`: blanks separate words; '...' keeps every byte; "..." keeps every byte but
// treats \" \\ \$ \` and \<newline> as a shell does; a backslash outside quotes keeps the next
// byte. Characters a shell would expand or interpret unquoted ($ ` ; | & < > ( ) and a leading
// ~ or #) are refused, so that nobody believes a pipe or a variable works here.
Expected<std::vector<std::string>> split_words(std::string_view text);

// The words as one line that split_words() reads back as the same words.
std::string join_words(const std::vector<std::string>& words);

// One word as a POSIX shell reads it back: as it is when it holds only characters no shell treats
// specially, else quoted. For the commands that messages suggest (chmod 600 PATH).
std::string shell_word(std::string_view word);

}  // namespace tdb
