#include "util/visible_text.hpp"

#include <algorithm>

#include <ostream>
#include <utility>

#include "util/utf8.hpp"

namespace tdb {

namespace {

constexpr std::string_view hex_digits = "0123456789abcdef";
constexpr std::size_t longest_held_line = 64 * 1024;  // a longer line is passed on in pieces

bool is_control(std::uint32_t code_point) {
  return (code_point < 0x20 && code_point != '\n' && code_point != '\t') || (code_point >= 0x7F && code_point <= 0x9F);
}

// Plain ASCII text without controls, the usual case, is returned as it is without decoding.
bool needs_no_change(std::string_view text) {
  unsigned char seen = 0;  // no early exit: the compiler checks 16 bytes at a time
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    seen |= static_cast<unsigned char>((byte >= 0x7F) | ((byte < 0x20) & (byte != '\n') & (byte != '\t')));
  }
  return seen == 0;
}

void append_escape(std::string& out, const char* prefix, std::uint32_t value, int digits) {
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex_digits[(value >> shift) & 0xF];
}

}  // namespace

std::string visible_text(std::string_view text) {
  if (needs_no_change(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const auto code_point = next_code_point(text, i);
    if (!code_point) {
      append_escape(out, "\\x", static_cast<unsigned char>(text[i++]), 2);
    } else if (is_control(*code_point)) {
      append_escape(out, "\\u", *code_point, 4);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::optional<ControlCharacter> find_control_character(std::string_view text) {
  // Printable ASCII, tab and newline need no decoding: the common case, checked for every record.
  auto plain = [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n'; };
  if (std::all_of(text.begin(), text.end(), plain)) return std::nullopt;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const auto code_point = next_code_point(text, i);
    if (!code_point) {
      std::string name = "byte 0x";
      append_escape(name, "", static_cast<unsigned char>(text[start]), 2);
      return ControlCharacter{start, name};
    }
    if (is_control(*code_point)) {
      std::string name;
      append_escape(name, "U+", *code_point, 4);
      for (auto& c : name) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
      return ControlCharacter{start, name};
    }
  }
  return std::nullopt;
}

VisibleTextBuffer::VisibleTextBuffer(std::ostream& target, Redact redact) : target_(target), redact_(std::move(redact)) {
  setp(buffer_, buffer_ + sizeof buffer_);
}

VisibleTextBuffer::~VisibleTextBuffer() {
  pass_on(true);
  target_.flush();
}

VisibleTextBuffer::int_type VisibleTextBuffer::overflow(int_type c) {
  pass_on(false);
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int VisibleTextBuffer::sync() {
  pass_on(false);  // a part of a line waits for its end: a token is only found whole
  // ...unless it ends in a blank, as a prompt does: no token is cut in two there.
  if (!pending_.empty() && pending_.back() == ' ') {
    write_visible(pending_);
    pending_.clear();
  }
  target_.flush();
  return target_ ? 0 : -1;
}

void VisibleTextBuffer::release() {
  pass_on(true);
  if (!pending_.empty()) {
    write_visible(pending_);
    pending_.clear();
  }
  target_.flush();
}

void flush_with_partial_line(std::ostream& out) {
  if (auto* buffer = dynamic_cast<VisibleTextBuffer*>(out.rdbuf()))
    buffer->release();
  else
    out.flush();
}

void VisibleTextBuffer::pass_on(bool everything) {
  std::string_view gathered(pbase(), static_cast<std::size_t>(pptr() - pbase()));
  setp(buffer_, buffer_ + sizeof buffer_);
  const auto line_end = gathered.rfind('\n');
  const bool whole = everything || pending_.size() + gathered.size() > longest_held_line;
  const std::size_t ready = whole ? gathered.size() : line_end == std::string_view::npos ? 0 : line_end + 1;
  if (pending_.empty()) {
    write_visible(gathered.substr(0, ready));
  } else if (ready > 0) {
    pending_.append(gathered.substr(0, ready));
    write_visible(pending_);
    pending_.clear();
  }
  pending_.append(gathered.substr(ready));
}

void VisibleTextBuffer::write_visible(std::string_view text) {
  if (text.empty()) return;
  if (redact_) {
    target_ << visible_text(redact_(text));
  } else if (needs_no_change(text)) {
    target_.write(text.data(), static_cast<std::streamsize>(text.size()));
  } else {
    target_ << visible_text(text);
  }
}

}  // namespace tdb
