#pragma once
// Writes a yaml-cpp tree back as text so that every YAML reader gets the same values back, not
// only yaml-cpp (which reads every scalar as text and forgets which ones were quoted). Pure.
#include <string>
#include <string_view>

namespace YAML {
class Node;
}

namespace tdb {

// Whether `text`, written without quotes, would be read as a number, a boolean or null by a
// YAML 1.2 (core schema) or YAML 1.1 reader. Errs on the side of yes: quoting never hurts.
bool plain_scalar_changes_type(std::string_view text);

// The document as block YAML. A scalar that was quoted in the file, or that this program set,
// is quoted when plain_scalar_changes_type says it must be; plain scalars from the file stay
// plain, so `port: 8080` remains a number for whoever wrote it.
std::string to_yaml_text(const YAML::Node& root);

// A scalar that to_yaml_text writes without quotes, as if it had been read plain: for values
// that are meant to be numbers, such as the file's `version: 1`.
YAML::Node plain_scalar(const std::string& text);

}  // namespace tdb
