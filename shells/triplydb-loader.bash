# shellcheck shell=bash
# triplydb shell integration for bash, printed by `triplydb-profile init bash`.
# Load it with:  eval "$(triplydb-profile init bash)"
# Every new shell runs this, so it only defines stand-ins: the first use of the function or of its
# TAB completion loads the whole integration (`init bash --functions`, shells/triplydb.bash).

# The status of the user's previous command, handed back at the end (see __triplydb_restore_status).
__triplydb_init_status=$?
__triplydb_bin='__TRIPLYDB_BIN__'

# Quiet, because TAB runs it too (the command itself reports file problems); removes itself once
# loaded, so that a stand-in that was not replaced fails instead of recursing.
__triplydb_load() {
  local functions
  functions=$("$__triplydb_bin" init bash --functions --cmd __TRIPLYDB_CMD__ 2>/dev/null) || {
    printf '%s\n' "triplydb: cannot load the shell integration from $__triplydb_bin" >&2
    return 1
  }
  unset -f __triplydb_load
  eval "$functions"
}
__TRIPLYDB_CMD__() { __triplydb_load && __TRIPLYDB_CMD__ "$@"; }
_triplydb_profile_complete() { __triplydb_load && _triplydb_profile_complete "$@"; }
complete -F _triplydb_profile_complete triplydb-profile __TRIPLYDB_CMD__

# Hands back the status that the user's previous command left, unless errexit would end the shell.
__triplydb_restore_status() {
  local status=$__triplydb_init_status
  unset __triplydb_init_status
  unset -f __triplydb_restore_status
  case $- in
    *e*) return 0 ;;
  esac
  return "$status"
}

if [ -z "${TRIPLYDB_TOKEN-}" ]; then
  : # __TRIPLYDB_DEFAULT_ACTIVATION__
fi
__triplydb_restore_status
