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

# Runs the program with TRIPLYDB_FUNCTION_NAME: its hints then name this function, as the user typed it.
fn __triplydb_run {|@args|
  tmp E:TRIPLYDB_FUNCTION_NAME = '__TRIPLYDB_CMD__'
  $__triplydb_bin $@args
}

# --- Project folders ---------------------------------------------------------------------------
# The hook runs `triplydb-profile hook` once each time the folder changes and evaluates what it
# prints: calls of these functions and the profile's exports. What the shell had before a folder's
# profile is kept in __triplydb_saved (unexported) and given back exactly when the shell leaves.
var __triplydb_auto_key = ''
var __triplydb_auto_use = ''
var __triplydb_auto_names = []
var __triplydb_saved = [&]
var __triplydb_pwd = ''

# Remembers which of the variables NAME... are set, and their values.
fn __triplydb_auto_save {|@names|
  set __triplydb_auto_names = $names
  set __triplydb_saved = [&]
  for name $names {
    if (has-env $name) { set __triplydb_saved[$name] = (get-env $name) }
  }
}

# Unsets what the folder set and exports again what the shell had before.
fn __triplydb_auto_restore {
  for name $__triplydb_auto_names { unset-env $name }
  keys $__triplydb_saved | each {|name| set-env $name $__triplydb_saved[$name] }
  set __triplydb_auto_names = []
  set __triplydb_saved = [&]
  set __triplydb_auto_key = ''
  set __triplydb_auto_use = ''
}

# KEY: what this folder activated (or announced); SOURCE: why the profile is active.
fn __triplydb_auto_enter {|key source|
  set __triplydb_auto_key = $key
  if (not-eq $source '') { set-env TRIPLYDB_PROFILE_SOURCE $source }
}

# `use` (or `off`, with no argument) typed in a folder that activated a profile wins until the shell
# leaves that folder's tree.
fn __triplydb_auto_used {|name|
  if (not-eq $name '') {
    set-env TRIPLYDB_PROFILE_SOURCE use
  } else {
    # off: the folder's extra variables go too (what the shell had comes back on leaving).
    for n $__triplydb_auto_names { unset-env $n }
    unset-env TRIPLYDB_PROFILE_SOURCE
  }
  if (re:match "^(bind|project)\t" $__triplydb_auto_key) {
    set __triplydb_auto_use = $__triplydb_auto_key
    var what = (if (eq $name '') { put 'no profile' } else { put $name })
    echo 'triplydb: '$what' until this shell leaves '(str:split "\t" $__triplydb_auto_key | drop 2 | str:join "\t") >&2
  }
}

# What the hook's output may call: these functions (and the builtins set-env and unset-env).
var __triplydb_auto_ns = (ns [&__triplydb_auto_save~=$__triplydb_auto_save~ &__triplydb_auto_restore~=$__triplydb_auto_restore~
    &__triplydb_auto_enter~=$__triplydb_auto_enter~])

# Never raises: a program that fails has said why, and the next change of folder tries again.
fn __triplydb_hook {
  if (eq $__triplydb_pwd $pwd) { return }
  set __triplydb_pwd = $pwd
  var code = ''
  if ?(set code = ($__triplydb_bin hook elvish $__triplydb_auto_key $__triplydb_auto_use | slurp)) {
    try { eval $code &ns=$__triplydb_auto_ns } catch e { echo 'triplydb: '(to-string $e[reason]) >&2 }
  }
}

# After allow, deny, bind and unbind: the folder is looked at again (set below, unless init --no-auto).
var __triplydb_rehook~ = { }

if (and (has-env TRIPLYDB_TOKEN) (not-eq (get-env TRIPLYDB_TOKEN) '') ^
    (or (not (has-env TRIPLYDB_PROFILE_SOURCE)) (eq (get-env TRIPLYDB_PROFILE_SOURCE) ''))) {
  set-env TRIPLYDB_PROFILE_SOURCE inherited
}
# --- end of project folders --------------------------------------------------------------------

# Prints the chosen profile name: fzf when installed, else the program's numbered list on stderr.
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
  # The numbered list: the active profile marked, instance and account beside each name.
  put ($__triplydb_bin pick)
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
fn __triplydb_use {|@args|
  if (and (> (count $args) 0) (has-value [-h --help] $args[0])) {
    $__triplydb_bin use --help
    return
  }
  # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
  var names = []
  var announce = [--announce]
  var force = []
  for word $args {
    if (has-value [-q --quiet] $word) {
      set announce = []
    } elif (eq $word --force) {
      set force = [--force]
    } else {
      set names = [$@names $word]
    }
  }
  if (> (count $names) 1) {
    __triplydb_fail 2 'triplydb: use takes one profile name, got '(count $names)
  }
  var name = ''
  if (== (count $names) 0) { set name = (__triplydb_pick) } else { set name = $names[0] }
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
  var code = (__triplydb_run env $name --shell elvish $@announce $@force | slurp)
  var previous = (__triplydb_profile_now)
  eval $code
  set __triplydb_previous = $previous
  __triplydb_auto_used $name # project folders
}

fn __triplydb_off {|@args|
  if (and (> (count $args) 0) (has-value [-h --help] $args[0])) {
    $__triplydb_bin off --help
    return
  }
  if (> (count $args) 0) {
    __triplydb_fail 2 'triplydb: off takes no arguments'
  }
  var code = ($__triplydb_bin env --unset --shell elvish | slurp)
  var previous = (__triplydb_profile_now)
  eval $code
  if (not-eq $previous '') { set __triplydb_previous = $previous }
  __triplydb_auto_used '' # project folders
}

# Without the program's "this shell still calls it" hint: __triplydb_rename refreshes this shell.
fn __triplydb_run_unnamed {|@args|
  tmp E:TRIPLYDB_PROFILE = ''
  $__triplydb_bin $@args
}

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
fn __triplydb_rename {|@args|
  __triplydb_run_unnamed $@args
  if (!= (count $args) 3) { return }
  if (eq $__triplydb_previous $args[1]) { set __triplydb_previous = $args[2] }
  if (not-eq (__triplydb_profile_now) $args[1]) { return }
  eval ($__triplydb_bin env $args[2] --shell elvish | slurp)
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
  } elif (eq $first rename) {
    __triplydb_rename $@args
  } elif (has-value [allow deny bind unbind] $first) {
    # Project folders: these change what the folder activates, which is looked at again.
    __triplydb_run $@args
    __triplydb_rehook
  } elif (has-value ['' -h --help --version help __TRIPLYDB_COMMANDS__] $first) {
    # init fills in the program's commands, from its command table.
    __triplydb_run $@args
  } else {
    # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
    __triplydb_run --official-cli $@args
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

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
set __triplydb_rehook~ = {
  set __triplydb_pwd = ''
  __triplydb_hook
}
# elvish runs $after-chdir after every cd, in scripts too.
set after-chdir = [$@after-chdir {|_| __triplydb_hook }]
__triplydb_hook
# __TRIPLYDB_AUTO_END__
