#pragma once
// Text from outside (a server's answer, a token's claims, the profiles file) may hold bytes that
// drive a terminal: ESC sequences, OSC 52 that writes the clipboard, C1 controls. Everything this
// program prints for people passes through visible_text(). Pure: no I/O.
#include <functional>
#include <iosfwd>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace tdb {

// `text` with every control character spelt out as JSON writes it, so that the result is safe in
// a terminal and still valid inside a JSON string: C0 controls other than newline and tab, DEL and
// the C1 controls U+0080..U+009F become `\u001b`, `\u007f`, `\u009b`; a byte that is not part of
// valid UTF-8 becomes `\xHH` (a raw 0x9B, which some terminals read as CSI, among them).
std::string visible_text(std::string_view text);

// The first control character that `account` and `description` may not hold (anything but tab
// and newline that visible_text() would spell out), as "U+001B", with its byte offset.
struct ControlCharacter {
  std::size_t offset;
  std::string name;  // "U+001B", or "byte 0x9B" when it is not UTF-8
};
std::optional<ControlCharacter> find_control_character(std::string_view text);

// A stream buffer that passes whole lines through visible_text() (and, for standard error,
// `redact` first: the masking of tokens, the name of the command the user typed) before they reach `target`; what remains of a last line
// goes at destruction.
// Writes gather in its own buffer, so a table printed piece by piece costs one pass per 4 KiB.
class VisibleTextBuffer final : public std::streambuf {
 public:
  using Redact = std::function<std::string(std::string_view)>;
  explicit VisibleTextBuffer(std::ostream& target, Redact redact = nullptr);
  ~VisibleTextBuffer() override;
  VisibleTextBuffer(const VisibleTextBuffer&) = delete;
  VisibleTextBuffer& operator=(const VisibleTextBuffer&) = delete;
  // Passes on the start of a line too (redacted): a question that waits on the same line for its answer.
  void release();

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void pass_on(bool everything);  // the gathered lines (or all) to target_
  void write_visible(std::string_view text);
  std::ostream& target_;
  Redact redact_;
  std::string pending_;  // the start of a line that was not finished when the buffer filled
  char buffer_[4096];
};

// Flushes `out`; through a VisibleTextBuffer, the unfinished last line too (a [y/N] question).
void flush_with_partial_line(std::ostream& out);

}  // namespace tdb
