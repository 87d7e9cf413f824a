#include "model/yaml_emit.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace tdb {

namespace {

// The words YAML 1.1 or 1.2 readers take for null or a boolean (1.1 also has yes/no/on/off).
constexpr std::array<std::string_view, 8> special_words = {"null", "~", "true", "false", "yes", "no", "on", "off"};

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// Decimal, hex (0x), octal (0o), binary (0b), floats with exponents, 1.1's `1_000` and `1:30`:
// a sign or digit or dot up front, a digit somewhere, and nothing but number characters.
bool looks_numeric(std::string_view text) {
  std::string_view body = text;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) body.remove_prefix(1);
  if (const std::string lower = lowercase(body); lower == ".inf" || lower == ".nan") return true;
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body.front())) || body.front() == '.')) return false;
  if (std::none_of(body.begin(), body.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  return body.find_first_not_of("0123456789abcdefABCDEFxXoO_.:+-") == std::string_view::npos;
}

constexpr std::size_t max_plain_key_bytes = 1024 / 4;

void emit(YAML::Emitter& out, const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (!tag.empty() && tag != "?" && tag != "!") out << YAML::VerbatimTag(tag);
  switch (node.Type()) {
    case YAML::NodeType::Map:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        // YAML allows at most 1024 characters in a simple key, and escapes can make a key four
        // times longer when written than when read: long keys are written as `? key`.
        if (entry.first.IsScalar() && entry.first.Scalar().size() > max_plain_key_bytes) out << YAML::LongKey;
        out << YAML::Key;
        emit(out, entry.first);
        out << YAML::Value;
        emit(out, entry.second);
      }
      out << YAML::EndMap;
      break;
    case YAML::NodeType::Sequence:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node) emit(out, item);
      out << YAML::EndSeq;
      break;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a plain scalar it read "?"; one it read quoted "!"; one set here has none.
      if (tag != "?" && plain_scalar_changes_type(node.Scalar())) out << YAML::DoubleQuoted;
      out << node.Scalar();
      break;
    case YAML::NodeType::Null:
      out << YAML::Null;
      break;
    case YAML::NodeType::Undefined:
      break;
  }
}

}  // namespace

bool plain_scalar_changes_type(std::string_view text) {
  if (text.empty()) return true;
  const std::string lower = lowercase(text);
  if (std::find(special_words.begin(), special_words.end(), lower) != special_words.end()) return true;
  if (lower == "y" || lower == "n") return true;  // YAML 1.1 booleans too
  return looks_numeric(text);
}

YAML::Node plain_scalar(const std::string& text) {
  YAML::Node node(text);
  node.SetTag("?");
  return node;
}

std::string to_yaml_text(const YAML::Node& root) {
  YAML::Emitter out;
  emit(out, root);
  return std::string(out.c_str()) + "\n";
}

}  // namespace tdb
