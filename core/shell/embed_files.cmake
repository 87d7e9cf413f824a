# cmake -P script: writes OUTPUT, a C++ header that holds each of INPUTS (a ;-list of files under
# SOURCE_DIR) as bytes, so the program prints the shell files exactly as they are in the repository.
# Each file becomes `embedded::<path with every non-alphanumeric character as _>`.
cmake_minimum_required(VERSION 3.25)
set(text "// Generated from shells/ and completions/ by core/embed_files.cmake; do not edit.\n")
string(APPEND text "#pragma once\n#include <string_view>\n\nnamespace tdb::embedded {\n")
foreach(input IN LISTS INPUTS)
  string(MAKE_C_IDENTIFIER "${input}" name)
  file(READ "${SOURCE_DIR}/${input}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND text "\ninline constexpr char ${name}_bytes[] = {\n    ${bytes}'\\0'};\n")
  string(APPEND text "inline constexpr std::string_view ${name}{${name}_bytes, ${size}};\n")
endforeach()
string(APPEND text "\n}  // namespace tdb::embedded\n")
file(WRITE "${OUTPUT}.tmp" "${text}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
