# nushell completion for triplydb-profile and the `triplydb` function (`triplydb-profile init nu`).
# Every TAB is one run of `triplydb-profile complete`, which answers from the program's command
# table: the commands, their options and what each value may be (profile names among them).

# The candidates for the last word of the line up to the cursor, each with its description;
# nothing for files and commands, which nushell completes itself.
def __triplydb_complete [context: string] {
    let words = ($context | str trim --left | split row --regex '\s+')
    let flags = if (($words | first | path basename) == 'triplydb-profile') { [] } else { ['--function'] }
    let program = ($env.__triplydb?.bin? | default 'triplydb-profile')
    let lines = (do { ^$program complete ...$flags --describe -- ...($words | skip 1) } | complete | get stdout | lines)
    if ($lines | first 1 | any {|line| $line in [':files' ':commands'] }) { return null }
    $lines | each {|line|
        let parts = ($line | split row --number 2 "\t")
        {value: $parts.0, description: ($parts | get 1? | default '')}
    }
}

extern "triplydb-profile" [...args: string@__triplydb_complete]
