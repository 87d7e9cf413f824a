#!/usr/bin/env bash
# Every C and C++ file of core/ and tests/ as clang-format would write it; names the files that
# are not, with clang-format's first complaints, and the command that fixes them.
# Usage: check_format.bash CLANG_FORMAT SOURCE_DIR
set -euo pipefail
clang_format=$1
cd "$2"
mapfile -t files < <(find core tests -name node_modules -prune -o -type f \
  \( -name '*.cpp' -o -name '*.hpp' -o -name '*.c' -o -name '*.h' \) -print | sort)
[ "${#files[@]}" -gt 50 ] || { echo "found only ${#files[@]} C and C++ files under core/ and tests/" >&2; exit 1; }
unformatted=()
for file in "${files[@]}"; do
  "$clang_format" --dry-run --Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if [ "${#unformatted[@]}" -gt 0 ]; then
  for file in "${unformatted[@]}"; do "$clang_format" --dry-run "$file" 2>&1 | head -6; done
  echo "not formatted: ${unformatted[*]}" >&2
  echo "fix with: clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
