"""The README cannot rot: its examples run here, as a reader would run them, in README order.

A reader (the ``readme`` fixture) works through README.md's fenced blocks in a
copy of the repository in a temporary directory:

- each ```python block runs in a fresh interpreter, with ccxt's Satori URLs
  (mainnet and testnet) pointed at a simulator and the placeholder credentials
  ``'st_...'`` / ``'0x...'`` replaced by the docs' published test key, whose
  example orders every simulator holds;
- each ```sh line is split at ``&&`` and each command runs in bash, unless
  ``SKIPPED`` says why not; the simulator and the freqtrade bot, which run
  until Ctrl-C, run until they have shown what the README says they show, and
  are then interrupted as a reader would; port 8123 becomes a free port;
- a block introduced by "Save this as `NAME`" is saved as NAME.

The tests below then check what the reader saw. ``.venv`` in the copy is the
environment running this suite, which the README's own install made.
"""

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from satori_ccxt.console import EXIT_CODES

from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET
from ..support.processes import WITH_CTRL_C
from ..support.repository import ROOT, shipped_files

README = ROOT / 'README.md'
README_PORT = '8123'
LONG_RUN_SECONDS = 90     # a simulator or bot that has not shown what the README promises by then has failed
COMMAND_SECONDS = 180

# Commands the reader does not run, and why. A pattern that matches no command of the README fails the tests (no stale excuses).
SKIPPED = {
    r'^python3 -m venv \.venv$': 'makes the venv this suite already runs in (.venv in the copy is that venv)',
    r'\bpip install\b': 'installs from PyPI; .ci/run runs this install on a clean checkout and installs the wheel in fresh venvs',
    r'^\.venv/bin/pytest\b': 'the suite itself, which .ci/run runs with this very command',
    r'\.\.\.': "a placeholder for the reader's own key or arguments (tests/integration/test_cli.py and test_freqtrade.py run the same "
               'commands against the simulator)',
    r'^satori-ccxt verify(?! --url)': "asks Satori's own servers, which no test aims at (tests/integration/test_verify.py runs verify "
                                      'against simulators and scripted servers)',
}
# Once a command of a block is skipped because of a placeholder, the block's later commands depend on it and are skipped too.
PLACEHOLDER = r'\.\.\.'

# What the README promises each long-running command shows; the reader waits for all of it, then presses Ctrl-C.
SIMULATOR_READY = ('try: ',)
BOT_ROUND_TRIP = ('Long signal found', 'MARKET_BUY has been fulfilled', 'Exit for ETH/USD:USD detected. Reason: roi',
                  'MARKET_SELL has been fulfilled')
LONG_RUNNING = {r'^satori-ccxt simulate\b': SIMULATOR_READY, r'^satori-ccxt freqtrade trade\b': BOT_ROUND_TRIP}
BOT_DATABASE = 'tradesv3.dryrun.sqlite'   # where the README's dry-run bot keeps its trades (freqtrade's default)

RUN_PYTHON_BLOCK = '''
import runpy, sys
from satori_ccxt.describe import DESCRIPTION
from satori_simulator import Simulator

with Simulator(seed=1) as sim:
    DESCRIPTION['urls']['api'] = DESCRIPTION['urls']['test'] = {'public': sim.url, 'private': sim.url}
    runpy.run_path(sys.argv[1], run_name='__main__')
'''


@dataclass
class Block:
    language: str
    text: str
    line: int            # where it starts in README.md
    saved_as: str        # "Save this as `NAME`" just before it, else None


@dataclass
class Ran:
    """One command or Python block as the reader ran it."""
    where: str           # README.md:LINE and the command
    exit_code: int
    output: str
    promised: tuple = None   # for a command that runs until Ctrl-C: what the README says it shows, and what it showed
    shown: tuple = ()


@dataclass
class Reading:
    ran: list = field(default_factory=list)
    skipped: list = field(default_factory=list)    # (where, reason)
    matched_skips: set = field(default_factory=set)
    created: list = field(default_factory=list)    # the files the reader's commands left in the checkout


def fenced_blocks(text) -> list:
    """Every fenced block of ``text``, indented ones (inside a list item) included, with the indentation removed."""
    blocks = []
    pattern = re.compile(r'^( *)```(\w*)\n(.*?)^\1```$', re.MULTILINE | re.DOTALL)
    for match in pattern.finditer(text):
        indent, language, body = match.groups()
        before = text[:match.start()].rstrip().rsplit('\n', 1)[-1]
        saved = re.search(r'Save this as `([^`]+)`', before)
        lines = [line[len(indent):] if line.startswith(indent) else line for line in body.splitlines()]
        blocks.append(Block(language, '\n'.join(lines) + '\n', text.count('\n', 0, match.start()) + 1, saved and saved.group(1)))
    return blocks


def commands(block) -> list:
    """The block's commands: lines with continuations joined, split at ``&&``; comments after them left to bash."""
    joined = block.text.replace('\\\n', ' ')
    return [command.strip() for line in joined.splitlines() for command in line.split('&&') if command.strip()]


def free_port() -> str:
    """A port for the README's ``simulate --port``, free now and outside the kernel's ephemeral range.

    The command binds it later, in another process; a port the kernel hands out for ``bind(0)`` could meanwhile go to
    another test's server or client socket. Below the ephemeral range only an explicit bind can take it.
    """
    try:
        lowest_ephemeral = int(Path('/proc/sys/net/ipv4/ip_local_port_range').read_text().split()[0])
    except (OSError, ValueError, IndexError):
        lowest_ephemeral = 32768
    for port in [*range(min(lowest_ephemeral, 32768) - 1, 10000, -1), 0]:   # 0: any port, should none below be free
        with socket.socket() as probe:
            try:
                probe.bind(('127.0.0.1', port))
            except OSError:
                continue
            return str(probe.getsockname()[1])


def copy_of_the_repository(destination) -> Path:
    """The repository's files in ``destination``, and ``.venv`` standing for the environment that runs this suite."""
    for name in shipped_files():
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    (destination / '.venv').symlink_to(sys.prefix)
    return destination


class Reader:
    def __init__(self, directory, scratch, port):
        self.directory, self.scratch, self.port = directory, scratch, port
        self.reading = Reading()
        self.environment = {key: value for key, value in os.environ.items() if not key.startswith('SATORI_')}
        self.environment['PATH'] = f'{Path(sys.executable).parent}{os.pathsep}{self.environment["PATH"]}'
        self.background = None      # the simulator left running for the commands after it, as (process, lines, ran)

    def localised(self, text) -> str:
        return re.sub(rf'\b{README_PORT}\b', self.port, text)

    def read(self, blocks):
        try:
            for block in blocks:
                if block.saved_as:
                    (self.directory / block.saved_as).write_text(self.localised(block.text))
                elif block.language == 'python':
                    self.run_python(block)
                elif block.language == 'sh':
                    self.run_shell(block)
        finally:
            self.stop_background()
        shipped = set(shipped_files())
        self.reading.created = sorted(str(path.relative_to(self.directory)) for path in self.directory.rglob('*')
                                      if path.is_file() and str(path.relative_to(self.directory)) not in shipped
                                      and path.relative_to(self.directory).parts[0] != '.venv')
        return self.reading

    def run_python(self, block):
        source = block.text.replace("'st_...'", repr(DOCS_API_KEY)).replace("'0x...'", repr(DOCS_SECRET))
        path = self.scratch / f'readme_block_{block.line}.py'
        path.write_text(source)
        done = subprocess.run([sys.executable, '-c', RUN_PYTHON_BLOCK, str(path)], cwd=self.directory, env=self.environment,
                              capture_output=True, text=True, timeout=COMMAND_SECONDS)
        self.reading.ran.append(Ran(f'README.md:{block.line} python block', done.returncode, done.stdout + done.stderr))

    def run_shell(self, block):
        placeholder_skipped = False
        for command in commands(block):
            where = f'README.md:{block.line} {command}'
            reasons = [(pattern, reason) for pattern, reason in SKIPPED.items() if re.search(pattern, command)]
            if placeholder_skipped:
                reasons.append((None, 'follows a command with a placeholder in the same block'))
            if reasons:
                self.reading.matched_skips.update(pattern for pattern, _ in reasons if pattern)
                self.reading.skipped.append((where, reasons[0][1]))
                placeholder_skipped = placeholder_skipped or any(pattern == PLACEHOLDER for pattern, _ in reasons)
                continue
            promised = next((shows for pattern, shows in LONG_RUNNING.items() if re.search(pattern, command)), None)
            if promised is None:
                done = subprocess.run(['bash', '-c', self.localised(command)], cwd=self.directory, env=self.environment,
                                      capture_output=True, text=True, timeout=COMMAND_SECONDS)
                self.reading.ran.append(Ran(where, done.returncode, done.stdout + done.stderr))
            else:
                self.run_until_shown(where, command, promised)

    def run_until_shown(self, where, command, promised):
        """Runs a command that goes on until Ctrl-C; once its output has shown ``promised``, a simulator is left running
        for the next commands (until the next simulator replaces it) and anything else gets its Ctrl-C at once."""
        if promised is SIMULATOR_READY:
            self.stop_background()
        process = subprocess.Popen(WITH_CTRL_C + ['bash', '-c', 'exec ' + self.localised(command)], cwd=self.directory,
                                   env=self.environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)], daemon=True).start()
        output, waiting_for = [], list(promised)
        while waiting_for:
            try:
                line = lines.get(timeout=LONG_RUN_SECONDS)
            except queue.Empty:
                break
            if line is None:
                break
            output.append(line)
            waiting_for = [text for text in waiting_for if text not in line]
        ran = Ran(where, None, ''.join(output), promised, tuple(text for text in promised if text not in waiting_for))
        self.reading.ran.append(ran)
        if promised is SIMULATOR_READY and not waiting_for:
            self.background = (process, lines, ran)
        else:
            if promised is BOT_ROUND_TRIP and not waiting_for:
                self.wait_for_the_bots_last_write(process)
            self.interrupt(process, lines, ran)

    def wait_for_the_bots_last_write(self, process):
        """After the exit has filled, freqtrade commits the closed trade and then locks its pair: a Ctrl-C before the lock is
        written lands in the middle of that and ends in SQLAlchemy's traceback. A reader who stops the bot a moment later
        never sees it; this reader waits for the lock (the same wait test_freqtrade.py makes)."""
        from .test_freqtrade import AUTO_LOCKS, query  # freqtrade is there: the bot has just run
        database = self.directory / BOT_DATABASE
        deadline = time.monotonic() + LONG_RUN_SECONDS
        while not query(database, AUTO_LOCKS) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)

    def interrupt(self, process, lines, ran):
        process.send_signal(signal.SIGINT)
        try:
            ran.exit_code = process.wait(timeout=LONG_RUN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            ran.exit_code = process.wait()
        rest = []
        while (line := lines.get(timeout=LONG_RUN_SECONDS)) is not None:
            rest.append(line)
        ran.output += ''.join(rest)

    def stop_background(self):
        if self.background is not None:
            self.interrupt(*self.background)
            self.background = None


@pytest.fixture(scope='module')
def readme(tmp_path_factory):
    pytest.importorskip('freqtrade', reason="the README's freqtrade guide needs the freqtrade extra: pip install -e '.[test,freqtrade]'")
    directory = copy_of_the_repository(tmp_path_factory.mktemp('checkout'))
    return Reader(directory, tmp_path_factory.mktemp('blocks'), free_port()).read(fenced_blocks(README.read_text()))


# ----- what the reader saw ----------------------------------------------------------------------


def test_every_python_example_and_every_offline_command_of_the_readme_runs(readme):
    failed = [f'{ran.where}: exit {ran.exit_code}\n{ran.output[-3000:]}' for ran in readme.ran
              if ran.promised is None and ran.exit_code != 0]
    assert not failed, '\n\n'.join(failed)
    assert not [ran.where for ran in readme.ran if 'Traceback' in ran.output]


def test_the_readme_runs_python_and_shell_examples_at_all(readme):
    assert sum('python block' in ran.where for ran in readme.ran) >= 2
    assert any(ran.where.endswith('satori-ccxt demo') for ran in readme.ran)


def test_long_running_examples_show_what_the_readme_says_and_stop_at_ctrl_c(readme):
    long_running = [ran for ran in readme.ran if ran.promised is not None]
    assert {ran.promised for ran in long_running} == {SIMULATOR_READY, BOT_ROUND_TRIP}, 'the README no longer starts a simulator and a bot'
    for ran in long_running:
        assert ran.shown == ran.promised, f'{ran.where} did not show {ran.promised}:\n{ran.output[-3000:]}'
        assert ran.exit_code in (0, 130), f'{ran.where}: exit {ran.exit_code}\n{ran.output[-3000:]}'
    prose = ' '.join(README.read_text().split())
    assert all(f'`{text}' in prose for text in BOT_ROUND_TRIP)   # the log lines the guide promises are these


def test_every_skip_has_a_reason_that_still_matches_a_command(readme):
    assert set(SKIPPED) == readme.matched_skips, f'no README command matches {set(SKIPPED) - readme.matched_skips}'


def test_the_demo_output_in_the_readme_is_what_the_demo_prints(readme):
    shown = next(block.text for block in fenced_blocks(README.read_text()) if 'every id accounted for' in block.text)
    printed = next(ran.output for ran in readme.ran if ran.where.endswith('satori-ccxt demo'))

    def varying_figures_masked(text):
        return re.sub(r'127\.0\.0\.1:\d+', '127.0.0.1:PORT', re.sub(r'in \d+ ms', 'in N ms', text)).strip()
    assert varying_figures_masked(printed) == varying_figures_masked(shown)


def test_what_the_readmes_commands_create_in_a_checkout_is_ignored_by_git(readme):
    if not (ROOT / '.git').exists():
        pytest.skip('an unpacked sdist has no git')
    assert readme.created, 'the README no longer creates anything (the freqtrade guide makes user_data/ and config.json)'
    ignored = subprocess.run(['git', 'check-ignore', '--stdin'], cwd=ROOT, input='\n'.join(readme.created), capture_output=True,
                             text=True).stdout.split()
    assert sorted(set(readme.created) - set(ignored)) == []


# ----- what the README says about the repository -----------------------------------------------------


def test_ci_runs_the_readme_test_command_unchanged():
    test_command = next(command for block in fenced_blocks(README.read_text()) if block.language == 'sh'
                        for command in [block.text.strip()] if command.endswith('pytest -q'))
    assert test_command in (ROOT / '.ci' / 'run').read_text().splitlines()


def test_the_first_two_commands_of_the_readme_install_and_run_the_demo_then_the_suite():
    first, second = [block.text.strip() for block in fenced_blocks(README.read_text())[:2]]
    assert first.startswith('python3 -m venv .venv && ') and first.endswith('satori-ccxt demo')
    assert second.startswith('python3 -m venv .venv && ') and "'.[test,freqtrade]'" in second and second.endswith('pytest -q')


def test_every_repository_path_the_readme_names_exists():
    top_level = {Path(name).parts[0] for name in shipped_files()}
    named = {path for path in re.findall(r'`([\w.-]+/[\w./-]*)`', README.read_text()) if path.split('/')[0] in top_level}
    assert named, 'the README names no file of the repository'
    assert sorted(path for path in named if not (ROOT / path).exists()) == []


def test_the_readme_documents_every_exit_code():
    readme_text = README.read_text()
    assert all(re.search(rf'^\| {code} \|', readme_text, re.MULTILINE) for code in EXIT_CODES), EXIT_CODES


def test_the_freqtrade_guide_config_is_the_config_the_freqtrade_tests_run():
    saved = [block for block in fenced_blocks(README.read_text()) if block.saved_as == 'config.json']
    assert len(saved) == 1
    assert json.loads(saved[0].text) == json.loads((ROOT / 'tests' / 'integration' / 'freqtrade' / 'config.json').read_text())
