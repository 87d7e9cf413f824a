# shellcheck shell=bash
# bash completion for triplydb-profile and the `triplydb` shell function (`triplydb-profile init`).
# Profile names come from one run of `triplydb-profile list --names` per TAB.

# Prints, one a line, each word after the first argument that starts with it. The words are data:
# unlike `compgen -W`, nothing in them is expanded or run, so a profile name is offered as it is.
__triplydb_profile_matching() {
  local prefix=$1 word
  shift
  for word in "$@"; do
    if [[ -n $word && $word == "$prefix"* ]]; then printf '%s\n' "$word"; fi
  done
  return 0
}

# Prints the candidates for the word at position $1 of the words that follow (the command line).
__triplydb_profile_candidates() {
  local cword=$1 function_mode=$2
  shift 2
  local words=("$@")
  local cur=${words[cword]-} prev=${words[cword - 1]-}
  local ours=(add list show remove rename default current token env exec init completion whoami doctor)
  local shells=(bash zsh fish pwsh)
  if [ "$cword" -eq 1 ]; then
    local subcommands=("${ours[@]}" --help --version)
    if [ "$function_mode" = 1 ]; then
      subcommands=(use off "${subcommands[@]}")
      if type -P triplydb >/dev/null 2>&1; then
        subcommands+=(import-from-file upload-asset run-pipeline)
      fi
    fi
    __triplydb_profile_matching "$cur" "${subcommands[@]}"
    return
  fi
  local sub=${words[1]}
  case "$sub" in
    import-from-file | upload-asset | run-pipeline) compgen -f -- "$cur"; return ;;
  esac
  case "$prev" in
    --shell) __triplydb_profile_matching "$cur" "${shells[@]}" posix dotenv json; return ;;
    --cacert) compgen -f -- "$cur"; return ;;
    --instance | --account | --description | --cmd) return ;;
  esac
  # The position of the current word among the arguments, skipping options and their values.
  local i position=0 after_dashes=0
  for ((i = 2; i < cword; i++)); do
    case "${words[i]}" in
      --) after_dashes=1 ;;
      --shell | --cacert | --instance | --account | --description | --cmd) i=$((i + 1)) ;;
      -*) ;;
      *) position=$((position + 1)) ;;
    esac
  done
  if [ "$after_dashes" = 1 ]; then
    [ "$sub" = exec ] && compgen -c -- "$cur"
    return
  fi
  if [[ "$cur" == -* ]]; then
    local options=(--help)
    case "$sub" in
      add) options+=(--instance --account --description --from-env --no-verify --force --cacert) ;;
      list | show) options+=(--json) ;;
      default) options+=(--unset) ;;
      env) options+=(--unset --shell) ;;
      init) options+=(--cmd --no-default --functions) ;;
      whoami) options+=(--json --cacert) ;;
      doctor) options+=(--online --cacert) ;;
      use) options=(- "${options[@]}") ;;
    esac
    __triplydb_profile_matching "$cur" "${options[@]}"
    return
  fi
  [ "$position" -eq 0 ] || return 0
  case "$sub" in
    use | show | remove | rename | default | token | env | exec | whoami)
      local output names=() matches=()
      output=$("${__triplydb_bin:-triplydb-profile}" list --names 2>/dev/null) || return 0
      mapfile -t names <<<"$output"
      [ "$sub" = use ] && names=(- "${names[@]}")
      mapfile -t matches < <(__triplydb_profile_matching "$cur" "${names[@]}")
      # A lone match goes onto the command line as it is: quoted, so that running the line passes the
      # name as text (a valid name needs no quotes). Several are listed as they are.
      if [ "${#matches[@]}" -eq 1 ]; then
        printf '%q\n' "${matches[0]}"
      elif [ "${#matches[@]}" -gt 1 ]; then
        printf '%s\n' "${matches[@]}"
      fi
      ;;
    init | completion) __triplydb_profile_matching "$cur" "${shells[@]}" ;;
  esac
}

_triplydb_profile_complete() {
  local function_mode=1
  [ "${COMP_WORDS[0]##*/}" = triplydb-profile ] && function_mode=0
  # Candidates are profile names, words and paths without newlines: one per line.
  mapfile -t COMPREPLY < <(__triplydb_profile_candidates "$COMP_CWORD" "$function_mode" "${COMP_WORDS[@]}")
}

complete -F _triplydb_profile_complete triplydb-profile
