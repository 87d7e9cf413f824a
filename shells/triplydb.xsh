# triplydb shell integration for xonsh, printed by `triplydb-profile init xonsh`.
# Load it in ~/.xonshrc with:  execx($(triplydb-profile init xonsh))
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.
import os as _triplydb_os
import shutil as _triplydb_shutil
import subprocess as _triplydb_subprocess
import sys as _triplydb_sys

from xonsh.tools import unthreadable as _triplydb_unthreadable

# The program, the previous profile of this shell, and the project folders' state (below).
_triplydb_state = {'bin': '__TRIPLYDB_BIN__', 'previous': '', 'pwd': None, 'auto_key': '', 'auto_use': '',
                   'auto_names': [], 'saved': {}}
_triplydb_commands = ['', '-h', '--help', '--version', 'help', '__TRIPLYDB_COMMANDS__']


def _triplydb_fail(code, message):
    print(message, file=_triplydb_sys.stderr)
    return code


def _triplydb_env(**extra):
    """The environment of a run of the program: the shell's exported variables and `extra`."""
    return {**${...}.detype(), **extra}


def _triplydb_run(args):
    """Runs the program with ARGS on this terminal; its status (the function's, even under
    $RAISE_SUBPROC_ERROR, which then applies to the function's call)."""
    with ${...}.swap(RAISE_SUBPROC_ERROR=False):
        return ![@(_triplydb_state['bin']) @(args)].returncode


def _triplydb_code(args, **extra):
    """What the program printed for ARGS, or its status when it failed."""
    result = _triplydb_subprocess.run([_triplydb_state['bin'], *args], stdout=_triplydb_subprocess.PIPE,
                                      env=_triplydb_env(**extra))
    return result.stdout.decode('utf-8') if result.returncode == 0 else result.returncode


def _triplydb_apply(args, **extra):
    """Runs `env ARGS --shell xonsh` and executes what it printed, only when it succeeded whole;
    the profile that was active before, or the program's status."""
    code = _triplydb_code(['env', *args, '--shell', 'xonsh'], **extra)
    if isinstance(code, int):
        return code
    previous = ${...}.get('TRIPLYDB_PROFILE', '')
    execx(code, 'exec', globals())
    return previous


def _triplydb_pick():
    """The chosen profile name (fzf when installed, else the program's numbered list on stderr), or a status."""
    names = _triplydb_code(['list', '--names'])
    if isinstance(names, int):
        return names
    names = names.splitlines()
    if not names:
        return _triplydb_fail(1, "triplydb: there are no profiles yet; add one with 'triplydb add NAME'")
    if not (_triplydb_sys.stdin.isatty() and _triplydb_sys.stderr.isatty()):
        return _triplydb_fail(2, '\n'.join(['triplydb: use needs a profile name; one of:', *names]))
    fzf = _triplydb_shutil.which('fzf', path=_triplydb_os.pathsep.join(${...}.get('PATH', [])))
    if fzf:
        chosen = _triplydb_subprocess.run([fzf, '--height=40%', '--reverse', '--prompt=profile> '],
                                          input='\n'.join(names) + '\n', stdout=_triplydb_subprocess.PIPE, text=True,
                                          env=_triplydb_env())
        return chosen.stdout.rstrip('\n') if chosen.returncode == 0 else chosen.returncode
    # The numbered list: the active profile marked, instance and account beside each name.
    chosen = _triplydb_code(['pick'])
    return chosen.rstrip('\n') if isinstance(chosen, str) else chosen


def _triplydb_use(args):
    """`use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list)."""
    if args and args[0] in ('-h', '--help'):
        return _triplydb_run(['use', '--help'])
    # -q: say nothing; --force: activate an expired token too. The program takes them as env's.
    flags = ['--announce']
    names = []
    for word in args:
        if word in ('-q', '--quiet'):
            flags = [flag for flag in flags if flag != '--announce']
        elif word == '--force':
            flags.append('--force')
        else:
            names.append(word)
    if len(names) > 1:
        return _triplydb_fail(2, f'triplydb: use takes one profile name, got {len(names)}')
    name = names[0] if names else _triplydb_pick()
    if isinstance(name, int):
        return name
    if name == '-':
        if not _triplydb_state['previous']:
            return _triplydb_fail(1, 'triplydb: no previous profile in this shell')
        name = _triplydb_state['previous']
    if name.startswith('-'):
        return _triplydb_fail(2, f"triplydb: '{name}' is not a profile name")
    previous = _triplydb_apply([name, *flags])
    if isinstance(previous, int):
        return previous
    _triplydb_state['previous'] = previous
    __triplydb_auto_used(name)  # project folders
    return 0


def _triplydb_off(args):
    if args and args[0] in ('-h', '--help'):
        return _triplydb_run(['off', '--help'])
    if args:
        return _triplydb_fail(2, 'triplydb: off takes no arguments')
    previous = _triplydb_apply(['--unset'])
    if isinstance(previous, int):
        return previous
    if previous:
        _triplydb_state['previous'] = previous
    __triplydb_auto_used('')  # project folders
    return 0


def _triplydb_rename(args):
    """`rename OLD NEW` of the profile active here: this shell stays on it, under its new name."""
    # Without the program's "this shell still calls it" hint: the lines below refresh this shell.
    # An environment of its own rather than a swap: an alias in a thread that calls this one would
    # keep a swapped TRIPLYDB_PROFILE in that thread's layer, and lose the refresh with it.
    status = _triplydb_subprocess.run([_triplydb_state['bin'], *args], env=_triplydb_env(TRIPLYDB_PROFILE='')).returncode
    if status != 0 or len(args) != 3:
        return status
    if _triplydb_state['previous'] == args[1]:
        _triplydb_state['previous'] = args[2]
    if ${...}.get('TRIPLYDB_PROFILE', '') != args[1]:
        return 0
    applied = _triplydb_apply([args[2]])
    return applied if isinstance(applied, int) else 0


@_triplydb_unthreadable
def _triplydb_main(args, stdin=None):
    """Switch TriplyDB token profiles (triplydb-profile)."""
    # TRIPLYDB_FUNCTION_NAME: the program's hints then name this function, as the user typed it.
    with ${...}.swap(TRIPLYDB_FUNCTION_NAME='__TRIPLYDB_CMD__'):
        first = args[0] if args else ''
        if first == 'use':
            return _triplydb_use(args[1:])
        if first == 'off':
            return _triplydb_off(args[1:])
        if first == 'rename':
            return _triplydb_rename(args)
        # Project folders: these change what the folder activates, which is looked at again.
        if first in ('allow', 'deny', 'bind', 'unbind'):
            status = _triplydb_run(args)
            if status == 0 and '__triplydb_rehook' in globals():
                globals()['__triplydb_rehook']()
            return status
        # init fills in the program's commands, from its command table.
        if first in _triplydb_commands:
            return _triplydb_run(args)
        # A typo of ours gets "did you mean"; other words go to the official TriplyDB CLI.
        return _triplydb_run(['--official-cli', *args])


# --- Project folders ---------------------------------------------------------------------------
# The hook runs `triplydb-profile hook` once each time PWD changes and executes what it prints:
# calls of these functions and the profile's assignments. What the shell had before a folder's
# profile is kept in _triplydb_state and given back exactly when the shell leaves.

def __triplydb_auto_save(*names):
    """Remembers which of the variables NAMES are set, and their values."""
    _triplydb_state['auto_names'] = list(names)
    _triplydb_state['saved'] = {name: ${...}[name] for name in names if name in ${...}}


def __triplydb_auto_restore():
    """Unsets what the folder set and exports again what the shell had before."""
    for name in _triplydb_state['auto_names']:
        ${...}.pop(name, None)
    for name, value in _triplydb_state['saved'].items():
        ${...}[name] = value
    _triplydb_state.update(auto_names=[], saved={}, auto_key='', auto_use='')


def __triplydb_auto_enter(key, source):
    """KEY: what this folder activated (or announced); SOURCE: why the profile is active."""
    _triplydb_state['auto_key'] = key
    if source:
        ${...}['TRIPLYDB_PROFILE_SOURCE'] = source


def __triplydb_auto_used(name):
    """`use` (or `off`, with no name) typed in a folder that activated a profile wins until the
    shell leaves that folder's tree."""
    if name:
        ${...}['TRIPLYDB_PROFILE_SOURCE'] = 'use'
    else:
        # off: the folder's extra variables go too (what the shell had comes back on leaving).
        for variable in [*_triplydb_state['auto_names'], 'TRIPLYDB_PROFILE_SOURCE']:
            ${...}.pop(variable, None)
    key = _triplydb_state['auto_key']
    if key.startswith(('bind\t', 'project\t')):
        _triplydb_state['auto_use'] = key
        print(f"triplydb: {name or 'no profile'} until this shell leaves {key.split(chr(9))[2]}", file=_triplydb_sys.stderr)


def __triplydb_hook():
    """Once per folder: runs `hook` and executes what it printed, only when it succeeded."""
    here = ${...}.get('PWD', '')
    if _triplydb_state['pwd'] == here:
        return
    _triplydb_state['pwd'] = here
    code = _triplydb_code(['hook', 'xonsh', _triplydb_state['auto_key'], _triplydb_state['auto_use']])
    if isinstance(code, str):
        execx(code, 'exec', globals())


if 'TRIPLYDB_TOKEN' in ${...} and not ${...}.get('TRIPLYDB_PROFILE_SOURCE', ''):
    ${...}['TRIPLYDB_PROFILE_SOURCE'] = 'inherited'
# --- end of project folders --------------------------------------------------------------------

aliases['__TRIPLYDB_CMD__'] = _triplydb_main

# __TRIPLYDB_COMPLETION__
_triplydb_register_completion('__TRIPLYDB_CMD__')

# init puts the default profile's statements here, when the shell has no TRIPLYDB_TOKEN yet.
# __TRIPLYDB_DEFAULT_ACTIVATION__

# __TRIPLYDB_AUTO_BEGIN__ (project folders; init --no-auto leaves this out)
def __triplydb_rehook():
    """After allow, deny, bind and unbind: the folder is looked at again now."""
    _triplydb_state['pwd'] = None
    __triplydb_hook()


# xonsh fires on_chdir from `cd`, in scripts too, and at a prompt when the folder changed otherwise.
@events.on_chdir
def _triplydb_on_chdir(olddir, newdir, **_):
    __triplydb_hook()


__triplydb_hook()
# __TRIPLYDB_AUTO_END__
