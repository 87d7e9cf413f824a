# PowerShell completion for triplydb-profile and the `triplydb` function (`triplydb-profile init pwsh`).

# The candidates for the word under the cursor, as "word<TAB>description" lines: one run of the
# program's `complete`, which answers from its command table. Files and commands are left to
# PowerShell's own completion.
function global:__triplydb_candidates([string[]] $words, [string] $current) {
    $program = [System.IO.Path]::GetFileNameWithoutExtension($words[0])
    $flags = @(if ($program -ne 'triplydb-profile') { '--function' }) + @('--describe')
    $bin = 'triplydb-profile'
    if (Test-Path -LiteralPath Variable:global:__triplydb_bin) { $bin = $global:__triplydb_bin }
    $PSNativeCommandUseErrorActionPreference = $false
    $rest = @(if ($words.Count -gt 1) { $words[1..($words.Count - 1)] })
    $lines = @(& $bin complete @flags -- @rest $current 2>$null)
    if ($lines.Count -gt 0 -and ($lines[0] -ceq ':files' -or $lines[0] -ceq ':commands')) { return }
    return $lines
}

# The text that TAB puts on the command line: a word that holds anything but letters, digits, '.',
# '_' and '-' in single quotes (doubling the quotes PowerShell reads, ' and U+2018..U+201B), so that
# running the line passes it as text. The list shows the word as it is.
function global:__triplydb_completion_text([string] $word) {
    if ($word -cmatch '^[A-Za-z0-9._-]+$') { return $word }
    $quotes = "['" + [char]0x2018 + [char]0x2019 + [char]0x201A + [char]0x201B + ']'
    return "'" + ($word -replace $quotes, '$0$0') + "'"
}

$global:__triplydb_completer = {
    param([string] $wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements |
            Where-Object { $_.Extent.StartOffset -lt $cursorPosition } |
            ForEach-Object { $_.Extent.Text })
    # The word being typed is not part of the words before it.
    if ($wordToComplete -ne '' -and $words.Count -gt 1) { $words = $words[0..($words.Count - 2)] }
    __triplydb_candidates $words $wordToComplete | Where-Object { $_ } | ForEach-Object {
        $word, $description = $_.Split("`t", 2)
        if (-not $description) { $description = $word }
        [System.Management.Automation.CompletionResult]::new((__triplydb_completion_text $word), $word, 'ParameterValue', $description)
    }
}

Register-ArgumentCompleter -Native -CommandName 'triplydb-profile' -ScriptBlock $global:__triplydb_completer
