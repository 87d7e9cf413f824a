# fish completion for triplydb-profile and the `triplydb` shell function (`triplydb-profile init`).
# Every TAB is one run of `triplydb-profile complete`, which answers from the program's command
# table: the commands, their options and what each value may be (profile names among them).

# Prints the candidates for the token under the cursor, each with its description after a tab.
function __triplydb_profile_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l flags --function
    test (basename -- $words[1]) = triplydb-profile; and set flags
    set -l program triplydb-profile
    set -q __triplydb_bin; and set program $__triplydb_bin
    set -l lines ($program complete $flags --describe -- $words[2..-1] $cur 2>/dev/null)
    switch "$lines[1]"
        case :files
            __fish_complete_path $cur
        case :commands
            __fish_complete_command
        case '*'
            printf '%s\n' $lines
    end
end

# Completes COMMAND (triplydb-profile, or the function that `init fish` defines) with the above.
function __triplydb_register_completion --argument-names command
    complete -c $command -e
    complete -c $command -f -a '(__triplydb_profile_complete)'
end

__triplydb_register_completion triplydb-profile
