# fish completion for triplydb-profile and the `triplydb` shell function (`triplydb-profile init`).
# Profile names come from one run of `triplydb-profile list --names` per TAB.

# Prints the candidates for the token under the cursor; fish filters them by what is typed.
function __triplydb_profile_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l ours add list show remove rename default current token env exec init completion whoami doctor
    set -l shells bash zsh fish pwsh
    set -l function_mode 1
    test (basename -- $words[1]) = triplydb-profile; and set function_mode 0
    if test (count $words) -eq 1
        if test $function_mode = 1
            printf '%s\n' use off
        end
        printf '%s\n' $ours --help --version
        if test $function_mode = 1; and command -q triplydb
            printf '%s\n' import-from-file upload-asset run-pipeline
        end
        return
    end
    set -l sub $words[2]
    switch $sub
        case import-from-file upload-asset run-pipeline
            __fish_complete_path $cur
            return
    end
    switch $words[-1]
        case --shell
            printf '%s\n' $shells posix dotenv json
            return
        case --cacert
            __fish_complete_path $cur
            return
        case --instance --account --description --cmd
            return
    end
    # The position of the current word among the arguments, skipping options and their values.
    set -l position 0
    set -l after_dashes 0
    set -l skip 0
    for word in $words[3..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                set after_dashes 1
            case --shell --cacert --instance --account --description --cmd
                set skip 1
            case '-*'
            case '*'
                set position (math $position + 1)
        end
    end
    if test $after_dashes = 1
        test $sub = exec; and __fish_complete_command
        return
    end
    if string match -q -- '-*' $cur
        printf '%s\n' --help
        switch $sub
            case add
                printf '%s\n' --instance --account --description --from-env --no-verify --force --cacert
            case list show
                printf '%s\n' --json
            case default
                printf '%s\n' --unset
            case env
                printf '%s\n' --unset --shell
            case init
                printf '%s\n' --cmd --no-default --functions
            case whoami
                printf '%s\n' --json --cacert
            case doctor
                printf '%s\n' --online --cacert
            case use
                printf '%s\n' -
        end
        return
    end
    test $position = 0; or return
    switch $sub
        case use show remove rename default token env exec whoami
            set -l program triplydb-profile
            set -q __triplydb_bin; and set program $__triplydb_bin
            $program list --names 2>/dev/null
            test $sub = use; and printf '%s\n' -
        case init completion
            printf '%s\n' $shells
    end
end

# Completes COMMAND (triplydb-profile, or the function that `init fish` defines) with the above.
function __triplydb_register_completion --argument-names command
    complete -c $command -e
    complete -c $command -f -a '(__triplydb_profile_complete)'
end

__triplydb_register_completion triplydb-profile
