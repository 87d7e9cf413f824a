# PowerShell completion for triplydb-profile and the `triplydb` function (`triplydb-profile init pwsh`).
# Profile names come from one run of `triplydb-profile list --names` per TAB.

# Returns the candidate words for the word under the cursor, before filtering by what is typed.
function global:__triplydb_candidates([string[]] $words, [string] $current) {
    $ours = @('add', 'list', 'show', 'remove', 'rename', 'default', 'current', 'token', 'env', 'exec',
        'init', 'completion', 'whoami', 'doctor')
    $shells = @('bash', 'zsh', 'fish', 'pwsh')
    $program = [System.IO.Path]::GetFileNameWithoutExtension($words[0])
    $function_mode = $program -ne 'triplydb-profile'
    if ($words.Count -eq 1) {
        $result = @()
        if ($function_mode) { $result += @('use', 'off') }
        $result += $ours + @('--help', '--version')
        if ($function_mode -and (Get-Command -Name triplydb -CommandType Application -ErrorAction Ignore)) {
            $result += @('import-from-file', 'upload-asset', 'run-pipeline')
        }
        return $result
    }
    $sub = $words[1]
    if (@('import-from-file', 'upload-asset', 'run-pipeline') -ccontains $sub) { return }
    $previous = $words[-1]
    if ($previous -ceq '--shell') { return $shells + @('posix', 'dotenv', 'json') }
    if (@('--cacert', '--instance', '--account', '--description', '--cmd') -ccontains $previous) { return }
    # The position of the current word among the arguments, skipping options and their values.
    $with_value = @('--shell', '--cacert', '--instance', '--account', '--description', '--cmd')
    $position = 0
    for ($i = 2; $i -lt $words.Count; $i++) {
        if ($words[$i] -ceq '--') { return }
        if ($with_value -ccontains $words[$i]) { $i++ }
        elseif (-not $words[$i].StartsWith('-')) { $position++ }
    }
    if ($current.StartsWith('-')) {
        $options = @('--help') + @(switch -CaseSensitive ($sub) {
                'add' { '--instance', '--account', '--description', '--from-env', '--no-verify', '--force', '--cacert' }
                'list' { '--json' }
                'show' { '--json' }
                'default' { '--unset' }
                'env' { '--unset', '--shell' }
                'init' { '--cmd', '--no-default', '--functions' }
                'whoami' { '--json', '--cacert' }
                'doctor' { '--online', '--cacert' }
                'use' { '-' }
            })
        return $options
    }
    if ($position -ne 0) { return }
    if (@('use', 'show', 'remove', 'rename', 'default', 'token', 'env', 'exec', 'whoami') -ccontains $sub) {
        $bin = 'triplydb-profile'
        if (Test-Path -LiteralPath Variable:global:__triplydb_bin) { $bin = $global:__triplydb_bin }
        $PSNativeCommandUseErrorActionPreference = $false
        $names = @(& $bin list --names 2>$null)
        if ($sub -ceq 'use') { $names += '-' }
        return $names
    }
    if (@('init', 'completion') -ccontains $sub) { return $shells }
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
    __triplydb_candidates $words $wordToComplete |
        Where-Object { $_ -and $_.StartsWith($wordToComplete, [System.StringComparison]::Ordinal) } |
        ForEach-Object {
            [System.Management.Automation.CompletionResult]::new((__triplydb_completion_text $_), $_, 'ParameterValue', $_)
        }
}

Register-ArgumentCompleter -Native -CommandName 'triplydb-profile' -ScriptBlock $global:__triplydb_completer
