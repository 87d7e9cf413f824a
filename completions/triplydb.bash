# shellcheck shell=bash
# bash-completion loads this file the first time `triplydb` is completed. Only the shell function
# of `triplydb-profile init bash` gets our completion; the official TriplyDB CLI, which shares the
# name, keeps bash's default. The function itself lives in the sibling file `triplydb-profile`.
if declare -F triplydb >/dev/null && [ -r "${BASH_SOURCE[0]%/*}/triplydb-profile" ]; then
  # shellcheck source=/dev/null
  . "${BASH_SOURCE[0]%/*}/triplydb-profile"
  complete -F _triplydb_profile_complete triplydb
fi
