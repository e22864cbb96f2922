"""How the tests run commands in processes of their own."""

import sys

# A prefix for a command that a test interrupts with SIGINT: it starts with Ctrl-C's default disposition even when this
# suite does not have it (a non-interactive shell starts background jobs with SIGINT ignored, and children inherit that).
WITH_CTRL_C = [sys.executable, '-c',
               'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])']
