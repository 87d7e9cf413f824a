# triplydb shell integration for nushell, printed by `triplydb-profile init nu`.
# nushell has no eval: the text is saved to a file that config.nu sources (see README), so it holds
# no token. The default profile is activated when the shell starts, by asking the program.
# `init` fills in the function's name and the program's quoted absolute path (the placeholders).

# The program and the previous profile of this shell: a record, which nushell keeps from children.
$env.__triplydb = {bin: '__TRIPLYDB_BIN__', previous: ''}

# Switch TriplyDB token profiles (triplydb-profile). Like a native command, it reports its outcome
# in $env.LAST_EXIT_CODE; the program's own failures are nushell errors, as any command's are.
def --env --wrapped __TRIPLYDB_CMD__ [...args: string@__triplydb_complete] {
    let first = ($args | get 0? | default '')
    if $first not-in ['use' 'off'] {
        __triplydb_other ...$args
        return
    }
    let rest = ($args | skip 1)
    let change = if $first == 'use' { __triplydb_use ...$rest } else { __triplydb_off ...$rest }
    __triplydb_apply $change
}

def --env --wrapped __triplydb_other [...args: string] {
    # init fills in the program's commands, from its command table.
    if ($args | get 0? | default '') in ['' '-h' '--help' '--version' 'help' '__TRIPLYDB_COMMANDS__'] {
        ^$env.__triplydb.bin ...$args
    } else {
        __triplydb_official ...$args
    }
}

# Prints the message; the outcome of a failed `use` or `off`.
def __triplydb_fail [code: int, message: string] {
    print --stderr $message
    {status: $code}
}

# Runs the program: its output and status; its messages go to stderr.
def --wrapped __triplydb_run [...args: string] {
    let result = (do { ^$env.__triplydb.bin ...$args } | complete)
    print --stderr --no-newline $result.stderr
    {status: $result.exit_code, output: $result.stdout}
}

# Makes the change that `use` or `off` returned: the variables of the record that `env --shell nu`
# printed (null hides one) and the previous profile, or only the status of a failure. nushell
# loses a hide-env made after a command that changed the environment, so nothing else here does.
def --env __triplydb_apply [change: record] {
    $env.LAST_EXIT_CODE = $change.status
    if $change.status != 0 { return }
    let hidden = ($change.variables | transpose name value | where value == null | get name)
    $env.__triplydb.previous = $change.previous
    load-env ($change.variables | reject ...$hidden)
    # Last: setting part of a record in $env after it would bring a hidden variable back.
    hide-env --ignore-errors ...$hidden
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list): the change to
# make, which nothing has made yet.
def __triplydb_use [...args: string] {
    if ($args | length) > 1 {
        return (__triplydb_fail 2 $"triplydb: use takes one profile name, got ($args | length)")
    }
    mut name = ($args | get 0? | default '')
    if ($args | is-empty) {
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
    let result = (__triplydb_run env $name --shell nu)
    if $result.status != 0 { return $result }
    {status: 0, variables: ($result.output | from nuon), previous: ($env.TRIPLYDB_PROFILE? | default '')}
}

def __triplydb_off [...args: string] {
    if not ($args | is-empty) {
        return (__triplydb_fail 2 'triplydb: off takes no arguments')
    }
    let result = (__triplydb_run env --unset --shell nu)
    if $result.status != 0 { return $result }
    {status: 0, variables: ($result.output | from nuon), previous: ($env.TRIPLYDB_PROFILE? | default $env.__triplydb.previous)}
}

# The chosen profile name: fzf when installed, else a numbered menu on stderr.
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
    for entry in ($names | enumerate) {
        print --stderr $"(($entry.index + 1) | fill --alignment right --width 3)) ($entry.item)"
    }
    loop {
        let choice = (input 'profile number: ')
        if ($choice =~ '^[0-9]+$') and ($choice | into int) in 1..($names | length) {
            return {status: 0, name: ($names | get (($choice | into int) - 1))}
        }
    }
}

# A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed.
def --env __triplydb_official [...args: string] {
    if (which -a triplydb | where type == external | is-not-empty) {
        ^triplydb ...$args
        return
    }
    let failed = (__triplydb_fail 127 ([$"triplydb: '($args.0)' is not a triplydb-profile command, and the official TriplyDB CLI"
        "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb'"] | str join "\n"))
    $env.LAST_EXIT_CODE = $failed.status
}

# The default profile, unless the shell already has a TRIPLYDB_TOKEN (or init had --no-default).
def --env __triplydb_use_default [] {
    if not ($env.TRIPLYDB_TOKEN? | default '' | is-empty) { return }
    let name = (do { ^$env.__triplydb.bin default } | complete)
    # Without a default, `default` fails and says so; that is no news at every start.
    if $name.exit_code != 0 {
        if not ($name.stdout | is-empty) { print --stderr --no-newline $name.stderr }
        return
    }
    __triplydb_apply (__triplydb_use ($name.stdout | str trim))
}

# __TRIPLYDB_COMPLETION__

__triplydb_use_default # __TRIPLYDB_DEFAULT_ACTIVATION__
