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
    } elseif ($sub -ceq 'rename') {
        __triplydb_rename @args
    } else {
        # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
        $words = @(if ($sub -eq '' -or $global:__triplydb_ours -ccontains $sub) { $args } else { @('--official-cli') + $args })
        # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
        $env:TRIPLYDB_FUNCTION_NAME = '__TRIPLYDB_CMD__'
        try {
            # A function's pipeline input is $input: the program reads it on standard input.
            if ($MyInvocation.ExpectingInput) { $input | & $global:__triplydb_bin @words } else { & $global:__triplydb_bin @words }
        } finally { $env:TRIPLYDB_FUNCTION_NAME = $null }
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
    if ($args.Count -gt 0 -and ($args[0] -ceq '--help' -or $args[0] -ceq '-h')) {
        & $global:__triplydb_bin use --help
        return
    }
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
    if ($args.Count -gt 0 -and ($args[0] -ceq '--help' -or $args[0] -ceq '-h')) {
        & $global:__triplydb_bin off --help
        return
    }
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

# `rename OLD NEW` of the profile active here: this shell stays on it, under its new name.
function global:__triplydb_rename {
    $PSNativeCommandUseErrorActionPreference = $false
    # Without the program's "this shell still calls it" hint: the lines below refresh this shell.
    $active = $env:TRIPLYDB_PROFILE
    $env:TRIPLYDB_PROFILE = $null
    try { & $global:__triplydb_bin @args } finally { $env:TRIPLYDB_PROFILE = $active }
    if ($LASTEXITCODE -ne 0 -or $args.Count -ne 3) { return }
    if ($global:__triplydb_previous -ceq [string]$args[1]) { $global:__triplydb_previous = [string]$args[2] }
    if ([string]$env:TRIPLYDB_PROFILE -cne [string]$args[1]) { return }
    $code = __triplydb_capture env ([string]$args[2]) --shell pwsh
    if ($LASTEXITCODE -ne 0) { return }
    Invoke-Expression $code
    $global:LASTEXITCODE = 0
}

# Returns the chosen profile name: fzf when installed, else the program's numbered list.
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
    # The numbered list: the active profile marked, instance and account beside each name.
    return (& $global:__triplydb_bin pick)
}

# __TRIPLYDB_COMPLETION__
Register-ArgumentCompleter -Native -CommandName '__TRIPLYDB_CMD__' -ScriptBlock $global:__triplydb_completer

if (-not $env:TRIPLYDB_TOKEN) {
    # __TRIPLYDB_DEFAULT_ACTIVATION__
}
