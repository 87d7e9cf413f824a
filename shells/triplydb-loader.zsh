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

# --- Project folders ---------------------------------------------------------------------------
# The hook (chpwd) runs `triplydb-profile hook` once each time the folder changes and evaluates
# what it prints: calls of these functions and the profile's exports. What the shell had before a
# folder's profile is kept in unexported __triplydb_saved_* parameters and given back exactly when
# the shell leaves the folder.

# Remembers which of the variables NAME... are set, and their values.
__triplydb_auto_save() {
  local __tdb_n
  typeset -g __triplydb_auto_names="$*" __triplydb_saved_names=
  for __tdb_n in "$@"; do
    if [[ -v $__tdb_n ]]; then
      __triplydb_saved_names+=" $__tdb_n"
      typeset -g "__triplydb_saved_$__tdb_n=${(P)__tdb_n}"
    fi
  done
}

# Unsets what the folder set and exports again what the shell had before.
__triplydb_auto_restore() {
  local __tdb_n __tdb_saved
  for __tdb_n in ${=__triplydb_auto_names-}; do unset $__tdb_n; done
  for __tdb_n in ${=__triplydb_saved_names-}; do
    __tdb_saved=__triplydb_saved_$__tdb_n
    export "$__tdb_n=${(P)__tdb_saved}"
    unset $__tdb_saved
  done
  unset __triplydb_auto_names __triplydb_saved_names __triplydb_auto_key __triplydb_auto_use
}

# KEY: what this folder activated (or announced); SOURCE: why the profile is active.
__triplydb_auto_enter() {
  typeset -g __triplydb_auto_key=$1
  if [[ -n $2 ]]; then export TRIPLYDB_PROFILE_SOURCE=$2; fi
}

# `use` (or `off`, with no argument) typed in a folder that activated a profile wins until the shell
# leaves that folder's tree.
__triplydb_auto_used() {
  local __tdb_n
  if [[ -n ${1-} ]]; then
    export TRIPLYDB_PROFILE_SOURCE=use
  else
    # off: the folder's extra variables go too (what the shell had comes back on leaving).
    for __tdb_n in ${=__triplydb_auto_names-}; do unset $__tdb_n; done
    unset TRIPLYDB_PROFILE_SOURCE
  fi
  case ${__triplydb_auto_key-} in
    (bind$'\t'* | project$'\t'*)
      typeset -g __triplydb_auto_use=$__triplydb_auto_key
      print -ru2 -- "triplydb: ${1:-no profile} until this shell leaves ${__triplydb_auto_key##*$'\t'}" ;;
  esac
}

__triplydb_hook() {
  local -i status_=$?
  local code
  if [[ ${__triplydb_pwd-} != $PWD ]]; then
    typeset -g __triplydb_pwd=$PWD
    if code=$("$__triplydb_bin" hook zsh "${__triplydb_auto_key-}" "${__triplydb_auto_use-}"); then eval "$code"; fi
  fi
  return status_
}

if [[ -n ${TRIPLYDB_TOKEN-} && -z ${TRIPLYDB_PROFILE_SOURCE-} ]]; then
  export TRIPLYDB_PROFILE_SOURCE=inherited
fi
# --- end of project folders --------------------------------------------------------------------

if [[ -z ${TRIPLYDB_TOKEN-} ]]; then
  : # __TRIPLYDB_DEFAULT_ACTIVATION__
fi

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
# After allow, deny, bind and unbind: the folder is looked at again now.
__triplydb_rehook() {
  typeset -g __triplydb_pwd=
  __triplydb_hook
}
typeset -ga chpwd_functions
(( ${chpwd_functions[(I)__triplydb_hook]} )) || chpwd_functions+=(__triplydb_hook)
__triplydb_hook
# __TRIPLYDB_AUTO_END__
__triplydb_restore_status
