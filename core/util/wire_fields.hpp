#pragma once
// The framing of the messages between the program and its helpers (network, keyring): a first
// line naming the message, then fields, each "NAME LENGTH\n", LENGTH bytes and "\n". Pure.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tdb::wire {

class FieldWriter {
 public:
  explicit FieldWriter(std::string_view first_line) : out_(first_line) {}
  void text(std::string_view name, std::string_view value);
  void number(std::string_view name, long long value) { text(name, std::to_string(value)); }
  void optional_text(std::string_view name, const std::optional<std::string>& value) {
    if (value) text(name, *value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

using Fields = std::map<std::string, std::string, std::less<>>;

std::optional<long long> parse_number(std::string_view text);

// Every field of a message, when it is one: `first_line` first, each name once, nothing left over.
std::optional<Fields> read_fields(std::string_view bytes, std::string_view first_line);

// Takes fields out of a message; a missing or malformed required one fails the whole message.
class FieldReader {
 public:
  explicit FieldReader(Fields fields) : fields_(std::move(fields)) {}
  bool ok() const { return ok_ && fields_.empty(); }  // every field known and used

  std::optional<std::string> optional_text(std::string_view name);
  std::string text(std::string_view name);
  long long number(std::string_view name, long long low, long long high);

 private:
  Fields fields_;
  bool ok_ = true;
};

}  // namespace tdb::wire
