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
    (rename) __triplydb_rename "$@" ;;
    # Project folders: these change what the folder activates, which is looked at again.
    (allow | deny | bind | unbind)
      TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" "$@" && if (( $+functions[__triplydb_rehook] )); then __triplydb_rehook; fi ;;
    # init fills in the program's commands, from its command table.
    # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
    ('' | -h | --help | --version | help | __TRIPLYDB_COMMANDS__)
      TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" "$@" ;;
    # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
    (*) TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" --official-cli "$@" ;;
  esac
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
__triplydb_use() {
  emulate -L zsh
  local name code previous word
  case ${1-} in (-h | --help) "$__triplydb_bin" use --help; return ;; esac
  # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
  local -a names flags
  flags=(--announce)
  for word in "$@"; do
    case $word in
      (-q|--quiet) flags=(${flags:#--announce}) ;;
      (--force) flags+=(--force) ;;
      (*) names+=("$word") ;;
    esac
  done
  if (( $#names > 1 )); then
    print -ru2 -- "triplydb: use takes one profile name, got $#names"
    return 2
  fi
  if (( $#names == 0 )); then
    name=$(__triplydb_pick) || return
  else
    name=$names[1]
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
  code=$(TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ "$__triplydb_bin" env "$name" --shell zsh $flags) || return
  previous=${TRIPLYDB_PROFILE-}
  eval "$code" || return
  __triplydb_previous=$previous
  if (( $+functions[__triplydb_auto_used] )); then __triplydb_auto_used $name; fi  # project folders
}

__triplydb_off() {
  emulate -L zsh
  local code previous
  case ${1-} in (-h | --help) "$__triplydb_bin" off --help; return ;; esac
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

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
__triplydb_rename() {
  emulate -L zsh
  local code
  # Without the program's "this shell still calls it" hint: the lines below refresh this shell.
  TRIPLYDB_PROFILE='' "$__triplydb_bin" "$@" || return
  (( $# == 3 )) || return 0
  [[ $__triplydb_previous != "$2" ]] || __triplydb_previous=$3
  [[ ${TRIPLYDB_PROFILE-} == "$2" ]] || return 0
  code=$("$__triplydb_bin" env "$3" --shell zsh) || return
  eval "$code"
}

# Prints the chosen profile name: fzf when installed, else the program's numbered list on stderr.
__triplydb_pick() {
  emulate -L zsh
  local names
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
  # The numbered list: the active profile marked, instance and account beside each name.
  "$__triplydb_bin" pick
}

# __TRIPLYDB_COMPLETION__
if (( $+functions[compdef] )); then
  compdef _triplydb_profile __TRIPLYDB_CMD__
fi
