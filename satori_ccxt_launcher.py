"""The ``satori-ccxt`` command's entry point, outside the ``satori_ccxt`` package on purpose.

Importing the command line imports ``satori_ccxt`` and with it ccxt, about half a second. A console script that
names ``satori_ccxt.cli:main`` does that import before any of our code runs, so a Ctrl-C in that half second ended
in a traceback. Here the import itself is inside the ``try``: an interruption before the command has started
anything exits quietly with the command line's code for Ctrl-C.
"""

import sys

INTERRUPTED = 130  # as satori_ccxt.console.INTERRUPTED, which cannot be imported before the import it guards


def main() -> int:
    try:
        from satori_ccxt.cli import main as run
    except KeyboardInterrupt:
        print('satori-ccxt: interrupted by Ctrl-C before the command started; nothing was sent', file=sys.stderr)
        return INTERRUPTED
    return run()


if __name__ == '__main__':
    sys.exit(main())
