#include "util/wire_fields.hpp"

#include <charconv>

namespace tdb::wire {

void FieldWriter::text(std::string_view name, std::string_view value) {
  out_.append(name).append(" ").append(std::to_string(value.size())).append("\n").append(value).append("\n");
}

std::optional<long long> parse_number(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<Fields> read_fields(std::string_view bytes, std::string_view first_line) {
  if (bytes.substr(0, first_line.size()) != first_line) return std::nullopt;
  bytes.remove_prefix(first_line.size());
  Fields fields;
  while (!bytes.empty()) {
    const auto line_end = bytes.find('\n');
    const auto space = bytes.substr(0, line_end).find(' ');
    if (line_end == std::string_view::npos || space == std::string_view::npos || space == 0) return std::nullopt;
    const std::string_view name = bytes.substr(0, space);
    const auto length = parse_number(bytes.substr(space + 1, line_end - space - 1));
    bytes.remove_prefix(line_end + 1);
    if (!length || *length < 0 || static_cast<unsigned long long>(*length) >= bytes.size()) return std::nullopt;
    const auto size = static_cast<std::size_t>(*length);
    if (bytes[size] != '\n') return std::nullopt;
    if (!fields.emplace(std::string(name), std::string(bytes.substr(0, size))).second) return std::nullopt;
    bytes.remove_prefix(size + 1);
  }
  return fields;
}

std::optional<std::string> FieldReader::optional_text(std::string_view name) {
  auto it = fields_.find(name);
  if (it == fields_.end()) return std::nullopt;
  std::string value = std::move(it->second);
  fields_.erase(it);
  return value;
}

std::string FieldReader::text(std::string_view name) {
  auto value = optional_text(name);
  if (!value) ok_ = false;
  return value.value_or("");
}

long long FieldReader::number(std::string_view name, long long low, long long high) {
  auto value = parse_number(text(name));
  if (!value || *value < low || *value > high) {
    ok_ = false;
    return low;
  }
  return *value;
}

}  // namespace tdb::wire
