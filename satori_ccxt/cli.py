"""The ``satori-ccxt`` command line."""

import argparse
import sys

from . import __version__


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog='satori-ccxt', description='Satori Finance for ccxt users and operators.')
    parser.add_argument('--version', action='version', version=f'satori-ccxt {__version__}')
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == '__main__':
    sys.exit(main())
