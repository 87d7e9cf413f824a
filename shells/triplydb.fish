# triplydb shell integration for fish, printed by `triplydb-profile init fish`.
# Load it with:  triplydb-profile init fish | source
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.

# The status of the user's previous command, handed back at the end.
set -g __triplydb_init_status $status
set -g __triplydb_bin '__TRIPLYDB_BIN__'

function __TRIPLYDB_CMD__ --description 'Switch TriplyDB token profiles (triplydb-profile)'
    switch "$argv[1]"
        case use
            __triplydb_use $argv[2..-1]
        case off
            __triplydb_off $argv[2..-1]
        case rename
            __triplydb_rename $argv
        # init fills in the program's commands, from its command table.
        # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
        case '' -h --help --version help __TRIPLYDB_COMMANDS__
            TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ $__triplydb_bin $argv
        # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
        case '*'
            TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ $__triplydb_bin --official-cli $argv
    end
end

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
function __triplydb_use
    if contains -- "$argv[1]" -h --help
        $__triplydb_bin use --help
        return
    end
    # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
    set -l names
    set -l flags --announce
    for word in $argv
        switch $word
            case -q --quiet
                set flags (string match -v -- --announce $flags)
            case --force
                set -a flags --force
            case '*'
                set -a names $word
        end
    end
    if test (count $names) -gt 1
        printf '%s\n' "triplydb: use takes one profile name, got "(count $names) >&2
        return 2
    end
    set -l name
    if test (count $names) -eq 0
        set name (__triplydb_pick); or return
    else
        set name $names[1]
    end
    if test "$name" = -
        if test -z "$__triplydb_previous"
            printf '%s\n' 'triplydb: no previous profile in this shell' >&2
            return 1
        end
        set name $__triplydb_previous
    end
    if string match -q -- '-*' $name
        printf '%s\n' "triplydb: '$name' is not a profile name" >&2
        return 2
    end
    # Nothing is changed unless the program printed the whole activation and succeeded.
    # string collect keeps newlines inside quoted values; pipestatus keeps the program's status.
    set -l code (TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ $__triplydb_bin env $name --shell fish $flags | string collect)
    set -l code_status $pipestatus[1]
    test $code_status -eq 0; or return $code_status
    set -l previous "$TRIPLYDB_PROFILE"
    # `set -e` of a variable that is not set reports 4, and `set` passes a status on: return 0.
    eval $code
    set -g __triplydb_previous "$previous"
    return 0
end

function __triplydb_off
    if contains -- "$argv[1]" -h --help
        $__triplydb_bin off --help
        return
    end
    if test (count $argv) -gt 0
        printf '%s\n' 'triplydb: off takes no arguments' >&2
        return 2
    end
    set -l code ($__triplydb_bin env --unset --shell fish | string collect)
    set -l code_status $pipestatus[1]
    test $code_status -eq 0; or return $code_status
    set -l previous "$TRIPLYDB_PROFILE"
    eval $code
    if test -n "$previous"
        set -g __triplydb_previous "$previous"
    end
    return 0
end

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
function __triplydb_rename
    # Without the program's "this shell still calls it" hint: the lines below refresh this shell.
    TRIPLYDB_PROFILE= $__triplydb_bin $argv; or return
    test (count $argv) -eq 3; or return 0
    if test "$__triplydb_previous" = "$argv[2]"
        set -g __triplydb_previous $argv[3]
    end
    test "$TRIPLYDB_PROFILE" = "$argv[2]"; or return 0
    set -l code ($__triplydb_bin env $argv[3] --shell fish | string collect)
    set -l code_status $pipestatus[1]
    test $code_status -eq 0; or return $code_status
    eval $code
    return 0
end

# Prints the chosen profile name: fzf when installed, else the program's numbered list on stderr.
function __triplydb_pick
    set -l names ($__triplydb_bin list --names); or return
    if test (count $names) -eq 0
        printf '%s\n' "triplydb: there are no profiles yet; add one with 'triplydb add NAME'" >&2
        return 1
    end
    if not isatty stdin; or not isatty stderr
        printf '%s\n' 'triplydb: use needs a profile name; one of:' $names >&2
        return 2
    end
    if command -q fzf
        printf '%s\n' $names | fzf --height=40% --reverse --prompt='profile> '
        return
    end
    # The numbered list: the active profile marked, instance and account beside each name.
    $__triplydb_bin pick
end

# __TRIPLYDB_COMPLETION__
__triplydb_register_completion __TRIPLYDB_CMD__

if test -z "$TRIPLYDB_TOKEN"
    true # __TRIPLYDB_DEFAULT_ACTIVATION__
end

function __triplydb_restore_status --argument-names code
    set -e __triplydb_init_status
    return $code
end
__triplydb_restore_status $__triplydb_init_status
