# triplydb shell integration for zsh, printed by `triplydb-profile init zsh`.
# Load it with:  eval "$(triplydb-profile init zsh)"   (after compinit, for TAB completion)
# Every new shell runs this, so it only defines stand-ins: the first use of the function or of its
# TAB completion loads the whole integration (`init zsh --functions`, shells/triplydb.zsh).

# The status of the user's previous command, handed back at the end (see __triplydb_restore_status).
typeset -gi __triplydb_init_status=$?
typeset -g __triplydb_bin='__TRIPLYDB_BIN__'

# Quiet, because TAB runs it too (the command itself reports file problems); removes itself once
# loaded, so that a stand-in that was not replaced fails instead of recursing.
__triplydb_load() {
  emulate -L zsh
  local functions
  functions=$("$__triplydb_bin" init zsh --functions --cmd __TRIPLYDB_CMD__ 2>/dev/null) || {
    printf '%s\n' "triplydb: cannot load the shell integration from $__triplydb_bin" >&2
    return 1
  }
  unfunction __triplydb_load
  eval "$functions"
}
__TRIPLYDB_CMD__() { __triplydb_load && __TRIPLYDB_CMD__ "$@" }
_triplydb_profile() { __triplydb_load && _triplydb_profile "$@" }
if (( $+functions[compdef] )); then
  compdef _triplydb_profile triplydb-profile __TRIPLYDB_CMD__
fi

# Hands back the status that the user's previous command left, unless errexit would end the shell.
__triplydb_restore_status() {
  local -i status_=$__triplydb_init_status
  unset __triplydb_init_status
  unfunction __triplydb_restore_status
  [[ -o err_exit ]] && return 0
  return status_
}

if [[ -z ${TRIPLYDB_TOKEN-} ]]; then
  : # __TRIPLYDB_DEFAULT_ACTIVATION__
fi
__triplydb_restore_status
