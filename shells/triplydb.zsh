# The triplydb functions and TAB completion for zsh, printed by `triplydb-profile init zsh
# --functions`. The text `init zsh` prints defines stand-ins that load this on first use.
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.

typeset -g __triplydb_bin='__TRIPLYDB_BIN__'
typeset -g __triplydb_previous=${__triplydb_previous-}

__TRIPLYDB_CMD__() {
  emulate -L zsh
  case ${1-} in
    (use) shift; __triplydb_use "$@" ;;
    (off) shift; __triplydb_off "$@" ;;
    # Project folders: these change what the folder activates, which is looked at again.
    (allow | deny | bind | unbind)
      "$__triplydb_bin" "$@" && if (( $+functions[__triplydb_rehook] )); then __triplydb_rehook; fi ;;
    # init fills in the program's commands, from its command table.
    ('' | -h | --help | --version | help | __TRIPLYDB_COMMANDS__)
      "$__triplydb_bin" "$@" ;;
    (*) __triplydb_official "$@" ;;
  esac
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
__triplydb_use() {
  emulate -L zsh
  local name code previous
  if (( $# > 1 )); then
    print -ru2 -- "triplydb: use takes one profile name, got $#"
    return 2
  fi
  if (( $# == 0 )); then
    name=$(__triplydb_pick) || return
  else
    name=$1
  fi
  if [[ $name == - ]]; then
    if [[ -z $__triplydb_previous ]]; then
      print -ru2 -- 'triplydb: no previous profile in this shell'
      return 1
    fi
    name=$__triplydb_previous
  fi
  if [[ $name == -* ]]; then
    print -ru2 -- "triplydb: '$name' is not a profile name"
    return 2
  fi
  # Nothing is changed unless the program printed the whole activation and succeeded.
  code=$("$__triplydb_bin" env "$name" --shell zsh) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  __triplydb_previous=$previous
  if (( $+functions[__triplydb_auto_used] )); then __triplydb_auto_used $name; fi  # project folders
}

__triplydb_off() {
  emulate -L zsh
  local code previous
  if (( $# > 0 )); then
    print -ru2 -- 'triplydb: off takes no arguments'
    return 2
  fi
  code=$("$__triplydb_bin" env --unset --shell zsh) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  [[ -z $previous ]] || __triplydb_previous=$previous
  if (( $+functions[__triplydb_auto_used] )); then __triplydb_auto_used ''; fi  # project folders
}

# Prints the chosen profile name: fzf when installed, else zsh's numbered menu on stderr.
__triplydb_pick() {
  emulate -L zsh
  local names choice
  names=$("$__triplydb_bin" list --names) || return
  if [[ -z $names ]]; then
    print -ru2 -- "triplydb: there are no profiles yet; add one with 'triplydb add NAME'"
    return 1
  fi
  if [[ ! -t 0 || ! -t 2 ]]; then
    print -ru2 -- 'triplydb: use needs a profile name; one of:' $names
    return 2
  fi
  if (( $+commands[fzf] )); then
    print -r -- $names | fzf --height=40% --reverse --prompt='profile> '
    return
  fi
  local PROMPT3='profile number: '
  select choice in ${(f)names}; do
    if [[ -n $choice ]]; then
      print -r -- $choice
      return 0
    fi
  done
  return 1
}

# A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed.
__triplydb_official() {
  emulate -L zsh
  if (( $+commands[triplydb] )); then
    command triplydb "$@"
    return
  fi
  print -ru2 -- "triplydb: '${1-}' is not a triplydb-profile command, and the official TriplyDB CLI" \
    "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb'"
  return 127
}

# __TRIPLYDB_COMPLETION__
if (( $+functions[compdef] )); then
  compdef _triplydb_profile __TRIPLYDB_CMD__
fi
