# triplydb shell integration for PowerShell, printed by `triplydb-profile init pwsh`.
# Load it with:  Invoke-Expression (& triplydb-profile init pwsh | Out-String)
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.
# Like a native command, the function reports its outcome in $LASTEXITCODE.

$global:__triplydb_bin = '__TRIPLYDB_BIN__'
if (-not (Test-Path -LiteralPath Variable:global:__triplydb_previous)) {
    $global:__triplydb_previous = ''
}
# init fills in the program's commands, from its command table.
$global:__triplydb_ours = @('-h', '--help', '--version', 'help', '__TRIPLYDB_COMMANDS__')

function global:__TRIPLYDB_CMD__ {
    $PSNativeCommandUseErrorActionPreference = $false
    $sub = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
    $rest = @(if ($args.Count -gt 1) { $args[1..($args.Count - 1)] })
    if ($sub -ceq 'use') {
        __triplydb_use @rest
    } elseif ($sub -ceq 'off') {
        __triplydb_off @rest
    } elseif ($sub -eq '' -or $global:__triplydb_ours -ccontains $sub) {
        # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
        $env:TRIPLYDB_FUNCTION_NAME = '__TRIPLYDB_CMD__'
        try { & $global:__triplydb_bin @args } finally { $env:TRIPLYDB_FUNCTION_NAME = $null }
    } else {
        __triplydb_official @args
    }
}

function global:__triplydb_fail([int] $code, [string[]] $lines) {
    foreach ($line in $lines) { [Console]::Error.WriteLine($line) }
    $global:LASTEXITCODE = $code
}

# Runs the program and joins its output lines; $LASTEXITCODE tells whether it succeeded.
function global:__triplydb_capture {
    $PSNativeCommandUseErrorActionPreference = $false
    $env:TRIPLYDB_FUNCTION_NAME = '__TRIPLYDB_CMD__'
    try { $lines = & $global:__triplydb_bin @args } finally { $env:TRIPLYDB_FUNCTION_NAME = $null }
    return (@($lines) -join "`n")
}

# `use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list).
function global:__triplydb_use {
    # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
    $names = @()
    $flags = @('--announce')
    foreach ($word in $args) {
        $word = [string]$word
        if ($word -ceq '-q' -or $word -ceq '--quiet') { $flags = @($flags | Where-Object { $_ -cne '--announce' }) }
        elseif ($word -ceq '--force') { $flags += '--force' }
        else { $names += $word }
    }
    if ($names.Count -gt 1) {
        return __triplydb_fail 2 "triplydb: use takes one profile name, got $($names.Count)"
    }
    if ($names.Count -eq 0) {
        $name = __triplydb_pick
        if ($LASTEXITCODE -ne 0) { return }
    } else {
        $name = $names[0]
    }
    if ($name -ceq '-') {
        if (-not $global:__triplydb_previous) {
            return __triplydb_fail 1 'triplydb: no previous profile in this shell'
        }
        $name = $global:__triplydb_previous
    }
    if ($name.StartsWith('-')) {
        return __triplydb_fail 2 "triplydb: '$name' is not a profile name"
    }
    # Nothing is changed unless the program printed the whole activation and succeeded.
    $code = __triplydb_capture env $name --shell pwsh @flags
    if ($LASTEXITCODE -ne 0) { return }
    $previous = [string]$env:TRIPLYDB_PROFILE
    Invoke-Expression $code
    $global:__triplydb_previous = $previous
    $global:LASTEXITCODE = 0
}

function global:__triplydb_off {
    if ($args.Count -gt 0) {
        return __triplydb_fail 2 'triplydb: off takes no arguments'
    }
    $code = __triplydb_capture env --unset --shell pwsh
    if ($LASTEXITCODE -ne 0) { return }
    $previous = [string]$env:TRIPLYDB_PROFILE
    Invoke-Expression $code
    if ($previous) { $global:__triplydb_previous = $previous }
    $global:LASTEXITCODE = 0
}

# Returns the chosen profile name: fzf when installed, else a numbered menu.
function global:__triplydb_pick {
    $PSNativeCommandUseErrorActionPreference = $false
    $names = @(& $global:__triplydb_bin list --names)
    if ($LASTEXITCODE -ne 0) { return }
    if ($names.Count -eq 0) {
        return __triplydb_fail 1 "triplydb: there are no profiles yet; add one with 'triplydb add NAME'"
    }
    if ([Console]::IsInputRedirected) {
        return __triplydb_fail 2 (@('triplydb: use needs a profile name; one of:') + $names)
    }
    if (Get-Command -Name fzf -CommandType Application -ErrorAction Ignore) {
        $choice = $names | fzf --height=40% --reverse --prompt='profile> '
        if ($LASTEXITCODE -eq 0) { return $choice }
        return
    }
    for ($i = 0; $i -lt $names.Count; $i++) { [Console]::Error.WriteLine(('{0,3}) {1}' -f ($i + 1), $names[$i])) }
    while ($true) {
        $answer = Read-Host -Prompt 'profile number'
        $number = 0
        if ([int]::TryParse($answer, [ref] $number) -and $number -ge 1 -and $number -le $names.Count) {
            $global:LASTEXITCODE = 0
            return $names[$number - 1]
        }
    }
}

# A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed.
function global:__triplydb_official {
    $PSNativeCommandUseErrorActionPreference = $false
    $official = Get-Command -Name triplydb -CommandType Application -ErrorAction Ignore |
        Select-Object -First 1
    if ($official) {
        & $official @args
        return
    }
    $sub = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
    __triplydb_fail 127 @(
        "triplydb: '$sub' is not a triplydb-profile command, and the official TriplyDB CLI",
        "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb' as root,",
        'or for yourself (no root): npm install --global --prefix "$HOME/.local" @triply/triplydb, with ~/.local/bin on PATH')
}

# __TRIPLYDB_COMPLETION__
Register-ArgumentCompleter -Native -CommandName '__TRIPLYDB_CMD__' -ScriptBlock $global:__triplydb_completer

if (-not $env:TRIPLYDB_TOKEN) {
    # __TRIPLYDB_DEFAULT_ACTIVATION__
}
