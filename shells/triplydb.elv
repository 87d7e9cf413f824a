# triplydb shell integration for elvish, printed by `triplydb-profile init elvish`.
# Load it in ~/.config/elvish/rc.elv with:  eval (triplydb-profile init elvish | slurp)
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.
use re
use str

var __triplydb_bin = '__TRIPLYDB_BIN__'
var __triplydb_previous = ''

# elvish functions have no exit status: a failure is an exception, which names the status that
# the other shells' functions return. The message comes first, as the other shells print it.
fn __triplydb_fail {|code message|
  echo $message >&2
  fail 'triplydb: status '$code
}

fn __triplydb_profile_now {
  if (has-env TRIPLYDB_PROFILE) { get-env TRIPLYDB_PROFILE } else { put '' }
}

# Prints the chosen profile name: fzf when installed, else a numbered menu on stderr.
fn __triplydb_pick {
  var names = [($__triplydb_bin list --names | from-lines)]
  if (== (count $names) 0) {
    __triplydb_fail 1 "triplydb: there are no profiles yet; add one with 'triplydb add NAME'"
  }
  if (not ?(e:sh -c '[ -t 0 ] && [ -t 2 ]')) {
    __triplydb_fail 2 (str:join "\n" ['triplydb: use needs a profile name; one of:' $@names])
  }
  if (has-external fzf) {
    put (to-lines $names | e:fzf --height=40% --reverse --prompt='profile> ')
    return
  }
  range (count $names) | each {|i| printf "%3d) %s\n" (+ $i 1) $names[$i] >&2 }
  while $true {
    print 'profile number: ' >&2
    var choice = (read-line)
    if (and (re:match '^[0-9]+$' $choice) (<= 1 $choice (count $names))) {
      put $names[(- $choice 1)]
      return
    }
  }
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
fn __triplydb_use {|@args|
  if (> (count $args) 1) {
    __triplydb_fail 2 'triplydb: use takes one profile name, got '(count $args)
  }
  var name = ''
  if (== (count $args) 0) { set name = (__triplydb_pick) } else { set name = $args[0] }
  if (eq $name -) {
    if (eq $__triplydb_previous '') {
      __triplydb_fail 1 'triplydb: no previous profile in this shell'
    }
    set name = $__triplydb_previous
  }
  if (str:has-prefix $name -) {
    __triplydb_fail 2 "triplydb: '"$name"' is not a profile name"
  }
  # Nothing is changed unless the program printed the whole activation and succeeded: a failing
  # program is an exception here, before eval.
  var code = ($__triplydb_bin env $name --shell elvish | slurp)
  var previous = (__triplydb_profile_now)
  eval $code
  set __triplydb_previous = $previous
}

fn __triplydb_off {|@args|
  if (> (count $args) 0) {
    __triplydb_fail 2 'triplydb: off takes no arguments'
  }
  var code = ($__triplydb_bin env --unset --shell elvish | slurp)
  var previous = (__triplydb_profile_now)
  eval $code
  if (not-eq $previous '') { set __triplydb_previous = $previous }
}

# A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed.
fn __triplydb_official {|@args|
  if (has-external triplydb) {
    e:triplydb $@args
    return
  }
  __triplydb_fail 127 (str:join "\n" ["triplydb: '"$args[0]"' is not a triplydb-profile command, and the official TriplyDB CLI" ^
      "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb'"])
}

# Switch TriplyDB token profiles (triplydb-profile).
fn __TRIPLYDB_CMD__ {|@args|
  var first = ''
  if (> (count $args) 0) { set first = $args[0] }
  var rest = [(drop 1 $args)]
  if (eq $first use) {
    __triplydb_use $@rest
  } elif (eq $first off) {
    __triplydb_off $@rest
  } elif (has-value ['' -h --help --version help __TRIPLYDB_COMMANDS__] $first) {
    # init fills in the program's commands, from its command table.
    $__triplydb_bin $@args
  } else {
    __triplydb_official $@args
  }
}

# __TRIPLYDB_COMPLETION__

# Only an interactive shell has edit:; there the REPL gets the function and TAB its completion.
# The code is compiled only there, by an eval at the top, which sees (and sets) the names above.
var __triplydb_editor = ?(eval 'nop $edit:completion:arg-completer')
eval (if $__triplydb_editor {
    put 'edit:add-var __TRIPLYDB_CMD__~ $__TRIPLYDB_CMD__~
    set __triplydb_complete_files~ = $edit:complete-filename~
    set __triplydb_candidate~ = {|word description| edit:complex-candidate $word &display=$word"  "$description }
    set edit:completion:arg-completer[__TRIPLYDB_CMD__] = $__triplydb_complete~
    set edit:completion:arg-completer[triplydb-profile] = $__triplydb_complete~'
  } else { put '' })

if (or (not (has-env TRIPLYDB_TOKEN)) (eq (get-env TRIPLYDB_TOKEN) '')) {
  nop # __TRIPLYDB_DEFAULT_ACTIVATION__
}
