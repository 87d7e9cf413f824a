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
    } elseif ($sub -cin 'allow', 'deny', 'bind', 'unbind') {
        # Project folders: these change what the folder activates, which is looked at again.
        & $global:__triplydb_bin @args
        if ($LASTEXITCODE -eq 0 -and (Get-Command -Name __triplydb_rehook -ErrorAction Ignore)) { __triplydb_rehook; $global:LASTEXITCODE = 0 }
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
    if (Get-Command -Name __triplydb_auto_used -ErrorAction Ignore) { __triplydb_auto_used $name }  # project folders
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
    if (Get-Command -Name __triplydb_auto_used -ErrorAction Ignore) { __triplydb_auto_used '' }  # project folders
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

# --- Project folders ---------------------------------------------------------------------------
# The hook runs `triplydb-profile hook` once each time the location changes and evaluates what it
# prints: calls of these functions and the profile's assignments. What the session had before a
# folder's profile is kept in $global:__triplydb_saved and given back exactly when it leaves.
foreach ($__tdb_n in '__triplydb_auto_key', '__triplydb_auto_use', '__triplydb_pwd') {
    if (-not (Test-Path -LiteralPath "Variable:global:$__tdb_n")) { Set-Variable -Scope Global -Name $__tdb_n -Value '' }
}
if (-not (Test-Path -LiteralPath Variable:global:__triplydb_auto_names)) {
    $global:__triplydb_auto_names = @()
    $global:__triplydb_saved = @{}
}

# Remembers which of the variables NAME... are set, and their values.
function global:__triplydb_auto_save {
    $global:__triplydb_auto_names = @($args)
    $global:__triplydb_saved = @{}
    foreach ($n in $args) {
        $item = Get-Item -LiteralPath "Env:$n" -ErrorAction Ignore
        if ($null -ne $item) { $global:__triplydb_saved[$n] = $item.Value }
    }
}

# Removes what the folder set and sets again what the session had before.
function global:__triplydb_auto_restore {
    foreach ($n in $global:__triplydb_auto_names) { Remove-Item -LiteralPath "Env:$n" -ErrorAction Ignore }
    foreach ($n in $global:__triplydb_saved.Keys) { Set-Item -LiteralPath "Env:$n" -Value $global:__triplydb_saved[$n] }
    $global:__triplydb_auto_names = @()
    $global:__triplydb_saved = @{}
    $global:__triplydb_auto_key = ''
    $global:__triplydb_auto_use = ''
}

# KEY: what this folder activated (or announced); SOURCE: why the profile is active.
function global:__triplydb_auto_enter([string] $key, [string] $source) {
    $global:__triplydb_auto_key = $key
    if ($source) { $env:TRIPLYDB_PROFILE_SOURCE = $source }
}

# `use` (or `off`, with no argument) typed in a folder that activated a profile wins until the
# session leaves that folder's tree.
function global:__triplydb_auto_used([string] $name) {
    if ($name) {
        $env:TRIPLYDB_PROFILE_SOURCE = 'use'
    } else {
        # off: the folder's extra variables go too (what the session had comes back on leaving).
        foreach ($n in $global:__triplydb_auto_names) { Remove-Item -LiteralPath "Env:$n" -ErrorAction Ignore }
        Remove-Item -LiteralPath Env:TRIPLYDB_PROFILE_SOURCE -ErrorAction Ignore
    }
    if ($global:__triplydb_auto_key -match '^(bind|project)\t') {
        $global:__triplydb_auto_use = $global:__triplydb_auto_key
        $what = if ($name) { $name } else { 'no profile' }
        [Console]::Error.WriteLine("triplydb: $what until this shell leaves $(($global:__triplydb_auto_key -split "`t")[2])")
    }
}

function global:__triplydb_hook {
    $status = $global:LASTEXITCODE
    $here = (Get-Location -PSProvider FileSystem).ProviderPath
    if ($global:__triplydb_pwd -cne $here) {
        $global:__triplydb_pwd = $here
        $code = __triplydb_capture hook pwsh $global:__triplydb_auto_key $global:__triplydb_auto_use
        if ($LASTEXITCODE -eq 0 -and $code) { Invoke-Expression $code }
    }
    $global:LASTEXITCODE = $status
}

if ($env:TRIPLYDB_TOKEN -and -not $env:TRIPLYDB_PROFILE_SOURCE) {
    $env:TRIPLYDB_PROFILE_SOURCE = 'inherited'
}
# --- end of project folders --------------------------------------------------------------------

if (-not $env:TRIPLYDB_TOKEN) {
    # __TRIPLYDB_DEFAULT_ACTIVATION__
}

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
# After allow, deny, bind and unbind: the folder is looked at again now.
function global:__triplydb_rehook {
    $global:__triplydb_pwd = ''
    __triplydb_hook
}
if (-not (Test-Path -LiteralPath Variable:global:__triplydb_location_action)) {
    $global:__triplydb_location_action = $ExecutionContext.InvokeCommand.LocationChangedAction
    $ExecutionContext.InvokeCommand.LocationChangedAction = {
        __triplydb_hook
        if ($global:__triplydb_location_action) { & $global:__triplydb_location_action @args }
    }
}
__triplydb_hook
# __TRIPLYDB_AUTO_END__
