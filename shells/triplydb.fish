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
        # Project folders: these change what the folder activates, which is looked at again.
        case allow deny bind unbind
            TRIPLYDB_FUNCTION_NAME=__TRIPLYDB_CMD__ $__triplydb_bin $argv; or return
            functions -q __triplydb_rehook; and __triplydb_rehook
            return 0
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
    functions -q __triplydb_auto_used; and __triplydb_auto_used $name # project folders
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
    functions -q __triplydb_auto_used; and __triplydb_auto_used '' # project folders
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

# --- Project folders ---------------------------------------------------------------------------
# The hook runs `triplydb-profile hook` once each time PWD changes and evaluates what it prints:
# calls of these functions and the profile's exports. What the shell had before a folder's profile
# is kept in unexported __triplydb_saved_* variables and given back exactly when the shell leaves.

# Remembers which of the variables NAME... are set, and their values.
function __triplydb_auto_save
    set -g __triplydb_auto_names $argv
    set -g __triplydb_saved_names
    for __tdb_n in $argv
        if set -q $__tdb_n
            set -a __triplydb_saved_names $__tdb_n
            set -g __triplydb_saved_$__tdb_n $$__tdb_n
        end
    end
    return 0
end

# Unsets what the folder set and exports again what the shell had before.
function __triplydb_auto_restore
    for __tdb_n in $__triplydb_auto_names
        set -e $__tdb_n
    end
    for __tdb_n in $__triplydb_saved_names
        set -l __tdb_saved __triplydb_saved_$__tdb_n
        set -gx $__tdb_n $$__tdb_saved
        set -e $__tdb_saved
    end
    set -e __triplydb_auto_names __triplydb_saved_names __triplydb_auto_key __triplydb_auto_use
    return 0
end

# KEY: what this folder activated (or announced); SOURCE: why the profile is active.
function __triplydb_auto_enter
    set -g __triplydb_auto_key $argv[1]
    if test -n "$argv[2]"
        set -gx TRIPLYDB_PROFILE_SOURCE $argv[2]
    end
    return 0
end

# `use` (or `off`, with no argument) typed in a folder that activated a profile wins until the shell
# leaves that folder's tree.
function __triplydb_auto_used
    if test -n "$argv[1]"
        set -gx TRIPLYDB_PROFILE_SOURCE use
    else
        # off: the folder's extra variables go too (what the shell had comes back on leaving).
        for __tdb_n in $__triplydb_auto_names
            set -e $__tdb_n
        end
        set -e TRIPLYDB_PROFILE_SOURCE
    end
    if string match -qr '^(bind|project)\t' -- "$__triplydb_auto_key"
        set -g __triplydb_auto_use $__triplydb_auto_key
        set -l what no profile
        test -n "$argv[1]"; and set what $argv[1]
        printf '%s\n' "triplydb: $what until this shell leaves "(string split \t -- $__triplydb_auto_key)[3] >&2
    end
    return 0
end

function __triplydb_hook
    set -l previous_status $status
    if test "$__triplydb_pwd" != "$PWD"
        set -g __triplydb_pwd $PWD
        set -l code ($__triplydb_bin hook fish "$__triplydb_auto_key" "$__triplydb_auto_use" | string collect)
        if test $pipestatus[1] -eq 0
            eval $code
        end
    end
    return $previous_status
end

if test -n "$TRIPLYDB_TOKEN"; and test -z "$TRIPLYDB_PROFILE_SOURCE"
    set -gx TRIPLYDB_PROFILE_SOURCE inherited
end
# --- end of project folders --------------------------------------------------------------------

if test -z "$TRIPLYDB_TOKEN"
    true # __TRIPLYDB_DEFAULT_ACTIVATION__
end

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
# After allow, deny, bind and unbind: the folder is looked at again now.
function __triplydb_rehook
    set -g __triplydb_pwd
    __triplydb_hook
end
function __triplydb_on_pwd --on-variable PWD
    __triplydb_hook
end
__triplydb_hook
# __TRIPLYDB_AUTO_END__

function __triplydb_restore_status --argument-names code
    set -e __triplydb_init_status
    return $code
end
__triplydb_restore_status $__triplydb_init_status
