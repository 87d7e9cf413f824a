# elvish completion for triplydb-profile and the `triplydb` function (`triplydb-profile init elvish`).
# Every TAB is one run of `triplydb-profile complete`, which answers from the program's command
# table: the commands, their options and what each value may be (profile names among them).
use path
use str

# What only an interactive shell's editor has: init puts edit:complete-filename and
# edit:complex-candidate here when edit: is there.
var __triplydb_complete_files~ = {|word| }
var __triplydb_candidate~ = {|word description| put $word }

# The candidates for the last word of the command line, each with its description.
fn __triplydb_complete {|@words|
  var flags = [--function]
  if (eq (path:base $words[0]) triplydb-profile) { set flags = [] }
  var lines = [(try { $__triplydb_bin complete $@flags --describe -- (drop 1 $words) 2>/dev/null } catch { } | from-lines)]
  if (and (> (count $lines) 0) (has-value [:files :commands] $lines[0])) {
    if (eq $lines[0] :files) { __triplydb_complete_files $words[-1] }
    return
  }
  for line $lines {
    var parts = [(str:split &max=2 "\t" $line)]
    __triplydb_candidate $parts[0] (if (> (count $parts) 1) { put $parts[1] } else { put '' })
  }
}
