# triplydb shell integration for xonsh, printed by `triplydb-profile init xonsh`.
# Load it in ~/.xonshrc with:  execx($(triplydb-profile init xonsh))
# `init` fills in the function's name and the program's quoted absolute path (the placeholders
# below), so every run goes to the program that printed this text.
import os as _triplydb_os
import shutil as _triplydb_shutil
import subprocess as _triplydb_subprocess
import sys as _triplydb_sys

from xonsh.tools import unthreadable as _triplydb_unthreadable

# The program and the previous profile of this shell.
_triplydb_state = {'bin': '__TRIPLYDB_BIN__', 'previous': ''}
_triplydb_commands = ['', '-h', '--help', '--version', 'help', '__TRIPLYDB_COMMANDS__']


def _triplydb_fail(code, message):
    print(message, file=_triplydb_sys.stderr)
    return code


def _triplydb_which(name):
    return _triplydb_shutil.which(name, path=_triplydb_os.pathsep.join(${...}.get('PATH', [])))


def _triplydb_apply(args):
    """Runs `env ARGS --shell xonsh` and executes what it printed, only when it succeeded whole."""
    result = _triplydb_subprocess.run([_triplydb_state['bin'], 'env', *args, '--shell', 'xonsh'],
                                      stdout=_triplydb_subprocess.PIPE, env=${...}.detype())
    if result.returncode != 0:
        return result.returncode
    previous = ${...}.get('TRIPLYDB_PROFILE', '')
    execx(result.stdout.decode('ascii'), 'exec', __xonsh__.ctx)
    return previous


def _triplydb_pick():
    """The chosen profile name (fzf when installed, else a numbered menu on stderr), or a status."""
    listed = _triplydb_subprocess.run([_triplydb_state['bin'], 'list', '--names'], stdout=_triplydb_subprocess.PIPE,
                                      env=${...}.detype())
    if listed.returncode != 0:
        return listed.returncode
    names = listed.stdout.decode().splitlines()
    if not names:
        return _triplydb_fail(1, "triplydb: there are no profiles yet; add one with 'triplydb add NAME'")
    if not (_triplydb_sys.stdin.isatty() and _triplydb_sys.stderr.isatty()):
        return _triplydb_fail(2, '\n'.join(['triplydb: use needs a profile name; one of:', *names]))
    fzf = _triplydb_which('fzf')
    if fzf:
        chosen = _triplydb_subprocess.run([fzf, '--height=40%', '--reverse', '--prompt=profile> '],
                                          input='\n'.join(names) + '\n', stdout=_triplydb_subprocess.PIPE, text=True,
                                          env=${...}.detype())
        return chosen.stdout.rstrip('\n') if chosen.returncode == 0 else chosen.returncode
    for number, name in enumerate(names, 1):
        print(f'{number:3d}) {name}', file=_triplydb_sys.stderr)
    while True:
        print('profile number: ', end='', file=_triplydb_sys.stderr, flush=True)
        choice = _triplydb_sys.stdin.readline()
        if not choice:
            return 1
        choice = choice.strip()
        if choice.isascii() and choice.isdigit() and 1 <= int(choice) <= len(names):
            return names[int(choice) - 1]


def _triplydb_use(args):
    """`use NAME`, `use -` (previous profile of this shell) and `use` alone (pick list)."""
    if len(args) > 1:
        return _triplydb_fail(2, f'triplydb: use takes one profile name, got {len(args)}')
    name = args[0] if args else _triplydb_pick()
    if isinstance(name, int):
        return name
    if name == '-':
        if not _triplydb_state['previous']:
            return _triplydb_fail(1, 'triplydb: no previous profile in this shell')
        name = _triplydb_state['previous']
    if name.startswith('-'):
        return _triplydb_fail(2, f"triplydb: '{name}' is not a profile name")
    previous = _triplydb_apply([name])
    if isinstance(previous, int):
        return previous
    _triplydb_state['previous'] = previous
    return 0


def _triplydb_off(args):
    if args:
        return _triplydb_fail(2, 'triplydb: off takes no arguments')
    previous = _triplydb_apply(['--unset'])
    if isinstance(previous, int):
        return previous
    if previous:
        _triplydb_state['previous'] = previous
    return 0


def _triplydb_official(args):
    """A subcommand that is not ours belongs to the official TriplyDB CLI, when it is installed."""
    official = _triplydb_which('triplydb')
    if official:
        return ![@(official) @(args)].returncode
    return _triplydb_fail(127, f"triplydb: '{args[0]}' is not a triplydb-profile command, and the official TriplyDB CLI\n"
                               "(which has it) is not on PATH; install it with 'npm install --global @triply/triplydb'")


@_triplydb_unthreadable
def _triplydb_main(args, stdin=None):
    """Switch TriplyDB token profiles (triplydb-profile)."""
    first = args[0] if args else ''
    if first == 'use':
        return _triplydb_use(args[1:])
    if first == 'off':
        return _triplydb_off(args[1:])
    if first in _triplydb_commands:
        return ![@(_triplydb_state['bin']) @(args)].returncode
    return _triplydb_official(args)


aliases['__TRIPLYDB_CMD__'] = _triplydb_main

# __TRIPLYDB_COMPLETION__
_triplydb_register_completion('__TRIPLYDB_CMD__')

# init puts the default profile's statements here, when the shell has no TRIPLYDB_TOKEN yet.
# __TRIPLYDB_DEFAULT_ACTIVATION__
