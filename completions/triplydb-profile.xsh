# xonsh completion for triplydb-profile and the `triplydb` function (`triplydb-profile init xonsh`).
# Every TAB is one run of `triplydb-profile complete`, which answers from the program's command
# table: the commands, their options and what each value may be (profile names among them).
from xonsh.completers.completer import add_one_completer as _triplydb_add_completer
from xonsh.completers.tools import RichCompletion as _triplydb_RichCompletion
from xonsh.completers.tools import contextual_command_completer_for as _triplydb_completer_for


def _triplydb_candidates(command):
    """The candidates for the word under the cursor, or None to leave files and commands to xonsh."""
    import os
    import re
    import subprocess
    words = [arg.value for arg in command.args[:command.arg_index]]
    flags = [] if os.path.basename(words[0]) == 'triplydb-profile' else ['--function']
    state = globals().get('_triplydb_state')
    program = state['bin'] if state else 'triplydb-profile'
    try:
        result = subprocess.run([program, 'complete', *flags, '--describe', '--', *words[1:], command.prefix],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=${...}.detype())
    except OSError:
        return None
    lines = result.stdout.splitlines()
    if lines and lines[0] in (':files', ':commands'):
        return None
    # A word with anything but these characters goes on the line as @(a Python string literal), which
    # xonsh passes as the text it holds (in quotes it would still expand $NAME); the list shows the
    # word as it is.
    plain = re.compile(r'[A-Za-z0-9._/:=@%+,-]+')
    candidates = set()
    for line in lines:
        word, _, description = line.partition('\t')
        text = word if plain.fullmatch(word) else '@(' + repr(word) + ')'
        candidates.add(_triplydb_RichCompletion(text, display=word, description=description, append_space=True))
    return candidates


def _triplydb_register_completion(command):
    """Completes COMMAND (triplydb-profile, or the function that `init xonsh` defines) with the above."""
    completer = _triplydb_completer_for(command)(_triplydb_candidates)
    _triplydb_add_completer('triplydb_' + command.replace('-', '_'), completer, 'start')


_triplydb_register_completion('triplydb-profile')
