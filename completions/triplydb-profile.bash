# shellcheck shell=bash
# bash completion for triplydb-profile and the `triplydb` shell function (`triplydb-profile init`).
# Every TAB is one run of `triplydb-profile complete`, which answers from the program's command
# table: the commands, their options and what each value may be (profile names among them).

_triplydb_profile_complete() {
  local flags=(--function) cur=${COMP_WORDS[COMP_CWORD]-} output
  local -a lines=()
  [ "${COMP_WORDS[0]##*/}" = triplydb-profile ] && flags=()
  COMPREPLY=()
  output=$("${__triplydb_bin:-triplydb-profile}" complete "${flags[@]}" -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  [ -n "$output" ] || return 0
  # Candidates are words without newlines, one a line; nothing in them is expanded or run.
  mapfile -t lines <<<"$output"
  case "${lines[0]}" in
    :files) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    :commands) mapfile -t COMPREPLY < <(compgen -c -- "$cur") ;;
    # A lone candidate goes onto the command line quoted, so that running the line passes it as one
    # word (a valid name needs no quotes); several are listed as they are.
    *) if [ "${#lines[@]}" -eq 1 ]; then COMPREPLY=("$(printf '%q' "${lines[0]}")"); else COMPREPLY=("${lines[@]}"); fi ;;
  esac
}

complete -F _triplydb_profile_complete triplydb-profile
