# shellcheck shell=bash
# The triplydb functions and TAB completion for bash, printed by `triplydb-profile init bash
# --functions`. The text `init bash` prints defines stand-ins that load this on first use.
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.

__triplydb_bin='__TRIPLYDB_BIN__'

__TRIPLYDB_CMD__() {
  # shellcheck disable=SC2221,SC2222 # allow, deny, bind and unbind come first, and again in the list
  case "${1-}" in
    use) shift && __triplydb_use "$@" ;;
    off) shift && __triplydb_off "$@" ;;
    # Project folders: these change what the folder activates, which is looked at again.
    allow | deny | bind | unbind)
      "$__triplydb_bin" "$@" && if declare -F __triplydb_rehook >/dev/null; then __triplydb_rehook; fi ;;
    # init fills in the program's commands, from its command table.
    '' | -h | --help | --version | help | __TRIPLYDB_COMMANDS__)
      "$__triplydb_bin" "$@" ;;
    *) __triplydb_official "$@" ;;
  esac
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
__triplydb_use() {
  local name code previous
  if [ "$#" -gt 1 ]; then
    printf '%s\n' "triplydb: use takes one profile name, got $#" >&2
    return 2
  fi
  if [ "$#" -eq 0 ]; then
    name=$(__triplydb_pick) || return
  else
    name=$1
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
  code=$("$__triplydb_bin" env "$name" --shell bash) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  __triplydb_previous=$previous
  if declare -F __triplydb_auto_used >/dev/null; then __triplydb_auto_used "$name"; fi  # project folders
}

__triplydb_off() {
  local code previous
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

# Prints the chosen profile name: fzf when installed, else bash's numbered menu on stderr.
__triplydb_pick() {
  local names choice
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
  local PS3='profile number: '
  local -a list
  # One name a line, each kept as it is: nothing in a name is globbed or split.
  mapfile -t list <<<"$names"
  select choice in "${list[@]}"; do
    if [ -n "$choice" ]; then
      printf '%s\n' "$choice"
      return 0
    fi
  done
  return 1
}

# A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed.
__triplydb_official() {
  if type -P triplydb >/dev/null 2>&1; then
    command triplydb "$@"
    return
  fi
  printf '%s\n' "triplydb: '${1-}' is not a triplydb-profile command, and the official TriplyDB CLI" \
    "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb'" >&2
  return 127
}

# __TRIPLYDB_COMPLETION__
complete -F _triplydb_profile_complete __TRIPLYDB_CMD__
