# triplydb shell integration for nushell, printed by `triplydb-profile init nu`.
# nushell has no eval: the text is saved to a file that config.nu sources (see README), so it holds
# no token. The default profile is activated when the shell starts, by asking the program.
# `init` fills in the function's name and the program's quoted absolute path (the placeholders).

# This shell's state, one record, which nushell keeps from children: the program, the previous
# profile, and for project folders the folder last looked at (pwd), what it activated (auto_key),
# the key under which `use` or `off` was typed (auto_use), the variables the folder set
# (auto_names) and those of them the shell had before, with their values (saved).
$env.__triplydb = {bin: '__TRIPLYDB_BIN__', previous: '', pwd: '', auto_key: '', auto_use: '', auto_names: [], saved: {},
    hooked: false}

# Switch TriplyDB token profiles (triplydb-profile). Like a native command, it reports its outcome
# in $env.LAST_EXIT_CODE; the program's own failures are nushell errors, as any command's are.
def --env --wrapped __TRIPLYDB_CMD__ [...args: string@__triplydb_complete] {
    let input = $in  # what was piped in (a token for add, lines for exec's command), else null
    let first = ($args | get 0? | default '')
    let rest = ($args | skip 1)
    if $first in ['use' 'off'] and ($rest | any {|word| $word in ['-h' '--help'] }) {
        __triplydb_program $first --help
        return
    }
    let change = match $first {
        'use' => (__triplydb_use ...$rest)
        'off' => (__triplydb_off ...$rest)
        'rename' => (__triplydb_rename ...$rest)
        _ => {
            $input | __triplydb_other ...$args
            return
        }
    }
    $env.LAST_EXIT_CODE = $change.status
    __triplydb_apply $change
}

# The program, its hints naming this function as the user typed it; what was piped in reaches it,
# and without that it reads the terminal.
def --wrapped __triplydb_program [...args: string] {
    let input = $in
    with-env {TRIPLYDB_FUNCTION_NAME: '__TRIPLYDB_CMD__'} {
        if $input == null { ^$env.__triplydb.bin ...$args } else { $input | ^$env.__triplydb.bin ...$args }
    }
}

# Our other commands; words that are not ours go to the program as --official-cli, which says
# "did you mean" for a typo of ours and runs the official TriplyDB CLI for the rest.
def --env --wrapped __triplydb_other [...args: string] {
    # init fills in the program's commands, from its command table.
    let input = $in
    let first = ($args | get 0? | default '')
    if $first not-in ['' '-h' '--help' '--version' 'help' '__TRIPLYDB_COMMANDS__'] {
        $input | __triplydb_program --official-cli ...$args
        return
    }
    $input | __triplydb_program ...$args
    # Project folders: these change what the folder activates, which is looked at again.
    if $first in ['allow' 'deny' 'bind' 'unbind'] and $env.LAST_EXIT_CODE == 0 and $env.__triplydb.hooked {
        __triplydb_hook --again
    }
}

# Prints the message; the outcome of a failed `use` or `off`.
def __triplydb_fail [code: int, message: string] {
    print --stderr $message
    {status: $code}
}

# Runs the program: its output and status. Its messages go straight to stderr, which stays the
# terminal, where `use` says what it switched to.
def --wrapped __triplydb_run [...args: string] {
    try {
        {status: 0, output: (__triplydb_program ...$args | default '')}
    } catch {|failure|
        {status: ($failure.exit_code? | default 1)}
    }
}

# Makes a change that `use`, `off`, `rename` or the folder hook worked out: this shell's new state
# and the variables to set (null hides one), or nothing for a failure. nushell loses a hide-env
# made after a command that changed the environment, so nothing else here does.
def --env __triplydb_apply [change: record] {
    if $change.status != 0 { return }
    let hidden = ($change.variables | transpose name value | where value == null | each {|row| $row.name })
    $env.__triplydb = $change.state
    load-env ($change.variables | reject ...$hidden)
    # Last: setting part of a record in $env after it would bring a hidden variable back.
    hide-env --ignore-errors ...$hidden
}

# The activation of profile NAME as `env` prints it, with the options of `use` (-q, --force).
def __triplydb_activation [name: string, options: list<string>] {
    let announce = if ($options | any {|o| $o in ['-q' '--quiet'] }) { [] } else { ['--announce'] }
    let force = if '--force' in $options { ['--force'] } else { [] }
    let result = (__triplydb_run env $name --shell nu ...$announce ...$force)
    if $result.status != 0 { return $result }
    {status: 0, variables: ($result.output | from nuon)}
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list): the change to
# make, which nothing has made yet.
def __triplydb_use [...args: string] {
    let options = ($args | where {|word| $word in ['-q' '--quiet' '--force'] })
    let names = ($args | where {|word| $word not-in ['-q' '--quiet' '--force'] })
    if ($names | length) > 1 {
        return (__triplydb_fail 2 $"triplydb: use takes one profile name, got ($names | length)")
    }
    mut name = ($names | get 0? | default '')
    if ($names | is-empty) {
        let picked = (__triplydb_pick)
        if $picked.status != 0 { return $picked }
        $name = $picked.name
    }
    if $name == '-' {
        if ($env.__triplydb.previous | is-empty) {
            return (__triplydb_fail 1 'triplydb: no previous profile in this shell')
        }
        $name = $env.__triplydb.previous
    }
    if ($name | str starts-with '-') {
        return (__triplydb_fail 2 $"triplydb: '($name)' is not a profile name")
    }
    # Nothing is changed unless the program printed the whole activation and succeeded.
    let activation = (__triplydb_activation $name $options)
    if $activation.status != 0 { return $activation }
    let state = ($env.__triplydb | upsert previous ($env.TRIPLYDB_PROFILE? | default ''))
    __triplydb_auto_used ($activation | insert state $state) $name
}

def __triplydb_off [...args: string] {
    if not ($args | is-empty) {
        return (__triplydb_fail 2 'triplydb: off takes no arguments')
    }
    let result = (__triplydb_run env --unset --shell nu)
    if $result.status != 0 { return $result }
    let state = ($env.__triplydb | upsert previous ($env.TRIPLYDB_PROFILE? | default $env.__triplydb.previous))
    __triplydb_auto_used {status: 0, variables: ($result.output | from nuon), state: $state} ''
}

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
def __triplydb_rename [...args: string] {
    # Without the program's "this shell still calls it" hint: the change below refreshes this shell.
    let result = (do { with-env {TRIPLYDB_PROFILE: ''} { ^$env.__triplydb.bin rename ...$args } } | complete)
    print --no-newline $result.stdout
    print --stderr --no-newline $result.stderr
    if $result.exit_code != 0 or ($args | length) != 2 { return {status: $result.exit_code, variables: {}, state: $env.__triplydb} }
    let old = $args.0
    let new = $args.1
    let state = if $env.__triplydb.previous == $old { $env.__triplydb | upsert previous $new } else { $env.__triplydb }
    if ($env.TRIPLYDB_PROFILE? | default '') != $old { return {status: 0, variables: {}, state: $state} }
    let activation = (__triplydb_activation $new ['-q'])
    if $activation.status != 0 { return $activation }
    $activation | insert state $state
}

# The chosen profile name: fzf when installed, else the program's numbered list.
def __triplydb_pick [] {
    let listed = (__triplydb_run list --names)
    if $listed.status != 0 { return $listed }
    let names = ($listed.output | lines)
    if ($names | is-empty) {
        return (__triplydb_fail 1 "triplydb: there are no profiles yet; add one with 'triplydb add NAME'")
    }
    if not ((is-terminal --stdin) and (is-terminal --stderr)) {
        return (__triplydb_fail 2 (['triplydb: use needs a profile name; one of:' ...$names] | str join "\n"))
    }
    if (which -a fzf | where type == external | is-not-empty) {
        let choice = ($names | str join "\n" | do { ^fzf --height=40% --reverse --prompt='profile> ' } | complete)
        return {status: $choice.exit_code, name: ($choice.stdout | str trim --right)}
    }
    # The numbered list, shown on stderr: the active profile marked, instance and account beside each name.
    try {
        {status: 0, name: (^$env.__triplydb.bin pick | str trim --right)}
    } catch {|failure|
        {status: ($failure.exit_code? | default 1)}
    }
}

# The default profile, unless the shell already has a TRIPLYDB_TOKEN (or init had --no-default):
# one run of the program, which says why when the default cannot be activated.
def --env __triplydb_use_default [] {
    if not ($env.TRIPLYDB_TOKEN? | default '' | is-empty) { return }
    let result = (do { ^$env.__triplydb.bin init nu --default-activation } | complete)
    print --stderr --no-newline $result.stderr
    if $result.exit_code != 0 or ($result.stdout | is-empty) { return }
    __triplydb_apply {status: 0, variables: ($result.stdout | from nuon), state: $env.__triplydb}
}

# __TRIPLYDB_COMPLETION__

# --- Project folders ---------------------------------------------------------------------------
# The hook runs `triplydb-profile hook nu` once each time PWD changes. It prints one record a line:
# a call of __triplydb_auto_save, _restore or _enter (below, as the other shells have them) or
# {set: VARIABLES}, the profile's exports. They are worked out in order into one change, made at
# once; what the shell had before a folder's profile is kept in the state and given back exactly
# when the shell leaves.

# A variable's value after the changes worked out so far, or null.
def __triplydb_value [variables: record, name: string] {
    if $name in ($variables | columns) { $variables | get $name } else { $env | get --optional $name }
}

# Remembers which of the variables NAMES are set, and their values.
def __triplydb_auto_save [change: record, names: list<string>] {
    let saved = ($names | reduce --fold {} {|name, kept|
        let value = (__triplydb_value $change.variables $name)
        if $value == null { $kept } else { $kept | insert $name $value }
    })
    $change | upsert state ($change.state | merge {auto_names: $names, saved: $saved})
}

# Unsets what the folder set and sets again what the shell had before.
def __triplydb_auto_restore [change: record] {
    let unset = ($change.state.auto_names | reduce --fold {} {|name, all| $all | upsert $name null })
    {status: 0, variables: ($change.variables | merge $unset | merge $change.state.saved),
        state: ($change.state | merge {auto_names: [], saved: {}, auto_key: '', auto_use: ''})}
}

# KEY: what this folder activated (or announced); SOURCE: why the profile is active.
def __triplydb_auto_enter [change: record, key: string, source: string] {
    let variables = if ($source | is-empty) { $change.variables } else { $change.variables | upsert TRIPLYDB_PROFILE_SOURCE $source }
    {status: 0, variables: $variables, state: ($change.state | upsert auto_key $key)}
}

# `use` (or `off`, with no name) typed in a folder that activated a profile wins until the shell
# leaves that folder's tree.
def __triplydb_auto_used [change: record, name: string] {
    let variables = if ($name | is-not-empty) {
        $change.variables | upsert TRIPLYDB_PROFILE_SOURCE 'use'
    } else {
        # off: the folder's extra variables go too (what the shell had comes back on leaving).
        $change.state.auto_names | reduce --fold ($change.variables | upsert TRIPLYDB_PROFILE_SOURCE null) {|n, all| $all | upsert $n null }
    }
    let key = $change.state.auto_key
    if not ($key =~ "^(bind|project)\t") { return ($change | upsert variables $variables) }
    let what = if ($name | is-empty) { 'no profile' } else { $name }
    print --stderr $"triplydb: ($what) until this shell leaves ($key | split row "\t" | last)"
    {status: 0, variables: $variables, state: ($change.state | upsert auto_use $key)}
}

# Looks at the folder when it changed since the last time (--again: after allow, deny, bind, unbind).
def --env __triplydb_hook [--again] {
    if $env.__triplydb.pwd == $env.PWD and not $again { return }
    let state = ($env.__triplydb | upsert pwd $env.PWD)
    let result = (__triplydb_run hook nu $state.auto_key $state.auto_use)
    if $result.status != 0 {
        __triplydb_apply {status: 0, variables: {}, state: $state}
        return
    }
    mut change = {status: 0, variables: {}, state: $state}
    for step in ($result.output | lines | each {|line| $line | from nuon }) {
        $change = if 'set' in $step {
            $change | upsert variables ($change.variables | merge $step.set)
        } else {
            match $step.call {
                '__triplydb_auto_save' => (__triplydb_auto_save $change $step.args)
                '__triplydb_auto_restore' => (__triplydb_auto_restore $change)
                '__triplydb_auto_enter' => (__triplydb_auto_enter $change $step.args.0 $step.args.1)
                _ => $change
            }
        }
    }
    __triplydb_apply $change
}

if not ($env.TRIPLYDB_TOKEN? | default '' | is-empty) and ($env.TRIPLYDB_PROFILE_SOURCE? | default '' | is-empty) {
    $env.TRIPLYDB_PROFILE_SOURCE = 'inherited'
}
# --- end of project folders --------------------------------------------------------------------

__triplydb_use_default # __TRIPLYDB_DEFAULT_ACTIVATION__

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
$env.__triplydb.hooked = true
$env.config.hooks.env_change.PWD = ($env.config.hooks.env_change.PWD? | default [] | append {|before, after| __triplydb_hook })
__triplydb_hook
# __TRIPLYDB_AUTO_END__
