# shellcheck shell=bash
# The triplydb functions and TAB completion for bash, printed by `triplydb-profile init bash
# --functions`. The text `init bash` prints defines stand-ins that load this on first use.
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.

__triplydb_bin='__TRIPLYDB_BIN__'

__TRIPLYDB_CMD__() {
  # rename, allow, deny, bind and unbind have their own cases first, and are in the list again.
  # shellcheck disable=SC2221,SC2222
  case "${1-}" in
    use) shift && __triplydb_use "$@" ;;
    off) shift && __triplydb_off "$@" ;;
    rename) __triplydb_rename "$@" ;;
    # Project folders: these change what the folder activates, which is looked at again.
    allow | deny | bind | unbind)
      TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" "$@" && if declare -F __triplydb_rehook >/dev/null; then __triplydb_rehook; fi ;;
    # init fills in the program's commands, from its command table.
    # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
    '' | -h | --help | --version | help | __TRIPLYDB_COMMANDS__)
      TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" "$@" ;;
    # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
    *) TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" --official-cli "$@" ;;
  esac
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
__triplydb_use() {
  local name code previous word announce=--announce force=
  case "${1-}" in -h | --help) "$__triplydb_bin" use --help; return ;; esac
  # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
  local -a names=()
  for word in "$@"; do
    case "$word" in
      -q | --quiet) announce= ;;
      --force) force=--force ;;
      *) names+=("$word") ;;
    esac
  done
  if [ "${#names[@]}" -gt 1 ]; then
    printf '%s\n' "triplydb: use takes one profile name, got ${#names[@]}" >&2
    return 2
  fi
  if [ "${#names[@]}" -eq 0 ]; then
    name=$(__triplydb_pick) || return
  else
    name=${names[0]}
  fi
  if [ "$name" = - ]; then
    if [ -z "${__triplydb_previous-}" ]; then
      printf '%s\n' 'triplydb: no previous profile in this shell' >&2
      return 1
    fi
    name=$__triplydb_previous
  fi
  case "$name" in
    -*)
      printf '%s\n' "triplydb: '$name' is not a profile name" >&2
      return 2 ;;
  esac
  # Nothing is changed unless the program printed the whole activation and succeeded.
  code=$(TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" env "$name" --shell bash $announce $force) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  __triplydb_previous=$previous
  if declare -F __triplydb_auto_used >/dev/null; then __triplydb_auto_used "$name"; fi  # project folders
}

__triplydb_off() {
  local code previous
  case "${1-}" in -h | --help) "$__triplydb_bin" off --help; return ;; esac
  if [ "$#" -gt 0 ]; then
    printf '%s\n' 'triplydb: off takes no arguments' >&2
    return 2
  fi
  code=$("$__triplydb_bin" env --unset --shell bash) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  if [ -n "$previous" ]; then
    __triplydb_previous=$previous
  fi
  if declare -F __triplydb_auto_used >/dev/null; then __triplydb_auto_used ''; fi  # project folders
}

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
__triplydb_rename() {
  local code
  # Without the program's "this shell still calls it" hint: the lines below refresh this shell.
  TRIPLYDB_PROFILE='' "$__triplydb_bin" "$@" || return
  [ "$#" -eq 3 ] || return 0
  if [ "${__triplydb_previous-}" = "$2" ]; then
    __triplydb_previous=$3
  fi
  [ "${TRIPLYDB_PROFILE-}" = "$2" ] || return 0
  code=$("$__triplydb_bin" env "$3" --shell bash) || return
  eval "$code"
}

# Prints the chosen profile name: fzf when installed, else the program's numbered list on stderr.
__triplydb_pick() {
  local names
  names=$("$__triplydb_bin" list --names) || return
  if [ -z "$names" ]; then
    printf '%s\n' "triplydb: there are no profiles yet; add one with 'triplydb add NAME'" >&2
    return 1
  fi
  if [ ! -t 0 ] || [ ! -t 2 ]; then
    printf '%s\n' 'triplydb: use needs a profile name; one of:' "$names" >&2
    return 2
  fi
  if command -v fzf >/dev/null 2>&1; then
    printf '%s\n' "$names" | fzf --height=40% --reverse --prompt='profile> '
    return
  fi
  # The numbered list: the active profile marked, instance and account beside each name.
  "$__triplydb_bin" pick
}

# __TRIPLYDB_COMPLETION__
complete -F _triplydb_profile_complete __TRIPLYDB_CMD__
