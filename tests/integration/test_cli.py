"""The command line as operators run it: subprocesses against a simulator on a free port, or a scripted server."""

import fcntl
import json
import os
import pty
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
from urllib.parse import urlsplit

import ccxt
import pytest
import requests

import satori_ccxt
import satori_ccxt_launcher
from satori_ccxt.cli import build_parser, main
from satori_ccxt.console import INTERRUPTED, explain
from satori_simulator import Simulator

from ..support import paths
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET
from ..support.processes import WITH_CTRL_C
from ..support.scripted_server import business_error, envelope

CLI = [sys.executable, '-m', 'satori_ccxt.cli']
DOCS_ENV = {'SATORI_API_KEY': DOCS_API_KEY, 'SATORI_SECRET': DOCS_SECRET}


def environment(env=None) -> dict:
    """This process's environment without any SATORI_ variable, plus ``env``."""
    return {**{key: value for key, value in os.environ.items() if not key.startswith('SATORI_')}, **(env or {})}


def run(*args, env=None, timeout=60):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, env=environment(env), timeout=timeout)


@pytest.fixture(scope='module')
def simulator():
    """``satori-ccxt simulate`` as a subprocess on a port the system picks; yields the URL and the credentials it printed."""
    process = subprocess.Popen(CLI + ['simulate', '--port', '0', '--seed', '5'], stdout=subprocess.PIPE, text=True)
    printed = {}
    url = None
    for line in process.stdout:
        served = re.match(r'Satori simulator at (http://\S+)', line)
        if served:
            url = served.group(1)
        if line.strip().startswith('SATORI_'):
            name, value = line.split()[0].split('=', 1)
            printed[name] = value
        if line.startswith('try:'):
            break
    try:
        assert url is not None, 'satori-ccxt simulate printed no URL'
        yield {'url': url, 'env': printed}
    finally:
        process.terminate()
        process.wait(timeout=10)


def place(simulator, **order):
    response = requests.post(simulator['url'] + '/__sim/orders', json={'price': '1500', 'quantity': '0.01', **order}, timeout=10)
    return str(response.json()['orderId'])


def act(simulator, order_id, action):
    requests.post(f'{simulator["url"]}/__sim/orders/{order_id}/{action}', timeout=10).raise_for_status()


def assert_clean_failure(result, code):
    assert result.returncode == code, result.stderr
    assert 'Traceback' not in result.stderr + result.stdout
    assert result.stderr.startswith('satori-ccxt: ')


def table(stdout) -> list:
    """The (id, status) pairs of the id/status/note table the command printed."""
    lines = stdout.splitlines()
    assert lines[0].split() == ['id', 'status', 'note'], stdout
    return [tuple(line.split()[:2]) for line in lines[1:]]


def test_demo_prints_the_true_state_of_every_id_and_exits_0():
    result = run('demo')
    assert result.returncode == 0, result.stderr
    for expected in ('filled before the cancel', 'closed', 'refused by Satori (2319)', 'expired', 'every id accounted for: True',
                     'cancellable orders left open: 0'):
        assert expected in result.stdout
    assert 'requests' in result.stdout and ' ms' in result.stdout


def test_simulate_prints_a_url_and_ready_credentials(simulator):
    assert simulator['env']['SATORI_API_KEY'].startswith('st_sim')
    assert len(simulator['env']['SATORI_SECRET']) == 66
    assert requests.get(simulator['url'] + paths.TIME, timeout=10).json()['code'] == 200


def test_cancel_reports_each_id_and_exits_0_when_all_ended_closed(simulator):
    open_id, filled_id = place(simulator), place(simulator)
    act(simulator, filled_id, 'fill')
    result = run('cancel', '--url', simulator['url'], open_id, filled_id, env=simulator['env'])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ['id', 'status', 'note']
    assert lines[1].split()[:2] == [open_id, 'canceled'] and lines[2].split()[:2] == [filled_id, 'closed']
    assert simulator['env']['SATORI_SECRET'][2:] not in result.stdout + result.stderr


def test_cancel_json_output_is_machine_readable(simulator):
    order_id = place(simulator)
    result = run('cancel', '--json', '--url', simulator['url'], order_id, env=simulator['env'])
    assert result.returncode == 0 and json.loads(result.stdout) == [{'id': order_id, 'status': 'canceled', 'note': ''}]


def test_cancel_exits_1_when_an_order_stays_open(simulator):
    refused, other = place(simulator), place(simulator)
    act(simulator, refused, 'refuse-cancel')
    result = run('cancel', '--json', '--url', simulator['url'], refused, other, env=simulator['env'])
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert [row['status'] for row in rows] == ['open', 'canceled'] and rows[0]['note'].startswith('2319')


@pytest.mark.parametrize('json_wanted', [False, True])
def test_cancel_says_not_found_for_an_id_satori_does_not_know_and_exits_1(simulator, json_wanted):
    order_id = place(simulator)
    result = run('cancel', *(['--json'] if json_wanted else []), '--url', simulator['url'], order_id, '150000000', env=simulator['env'])
    assert result.returncode == 1, result.stderr
    if json_wanted:
        assert [(row['id'], row['status']) for row in json.loads(result.stdout)] == [(order_id, 'canceled'), ('150000000', 'not found')]
    else:
        lines = result.stdout.splitlines()
        assert lines[1].split()[:2] == [order_id, 'canceled'] and lines[2].split()[:3] == ['150000000', 'not', 'found']
        assert 'order does not exist' in lines[2]


def test_cancel_without_credentials_exits_2_without_a_traceback(simulator):
    assert_clean_failure(run('cancel', '--url', simulator['url'], '1'), 2)


def test_cancel_with_a_malformed_key_exits_2_and_does_not_echo_it(simulator):
    secret = simulator['env']['SATORI_SECRET'][:-1]
    result = run('cancel', '--url', simulator['url'], '1', env={**simulator['env'], 'SATORI_SECRET': secret})
    assert_clean_failure(result, 2)
    assert secret[2:12] not in result.stderr


def test_cancel_with_a_bad_id_exits_2_without_a_traceback(simulator):
    result = run('cancel', '--url', simulator['url'], '12a', env=simulator['env'])
    assert_clean_failure(result, 2)
    assert 'order id' in result.stderr


def test_cancel_against_an_unreachable_server_says_connection_refused_lists_every_id_as_unknown_and_exits_3(simulator, refused_port):
    result = run('cancel', '--url', f'http://127.0.0.1:{refused_port}', '7', '8', env=simulator['env'])
    assert_clean_failure(result, 3)
    assert 'connection refused' in result.stderr and '--url' in result.stderr
    assert 'orders attribute' not in result.stderr          # a remark for the Python API, not for the command line
    assert table(result.stdout) == [('7', 'unknown'), ('8', 'unknown')]
    assert 'run the same command again' in result.stderr


def test_cancel_with_a_url_without_a_scheme_says_to_add_http_and_exits_2(simulator):
    for command in (['cancel', '--url', '127.0.0.1:8123', '1'], ['fault', 'drop', '--url', '127.0.0.1:8123']):
        result = run(*command, env=simulator['env'])
        assert_clean_failure(result, 2)
        assert 'add http:// or https://' in result.stderr


def test_a_connection_dropped_before_the_answer_says_so_and_leaves_the_id_unknown(simulator):
    order_id = place(simulator)
    assert run('fault', 'drop', '--url', simulator['url'], '--path', paths.CANCEL).returncode == 0
    result = run('cancel', '--url', simulator['url'], order_id, env=simulator['env'])
    assert_clean_failure(result, 3)
    assert 'dropped' in result.stderr
    assert table(result.stdout) == [(order_id, 'unknown')]


@pytest.mark.parametrize('kind, options, cause, fix', [
    ('maintenance', {}, 'Satori is under maintenance (2329', 'try again later'),
    ('code_2008', {}, 'Satori is limiting requests (2008', 'wait a minute'),
    ('http_429', {}, 'Satori is limiting requests (HTTP 429', 'wait a minute'),
    ('http_5xx', {'status': 503}, 'Satori is not available (HTTP 503', 'try again later'),
    ('non_json_200', {}, 'did not answer as Satori does', 'check that the address (--url) is a Satori server'),
    ('drop', {}, 'the connection was dropped before an answer', 'try again'),
])
def test_a_failed_request_is_explained_by_its_cause_and_fix_without_python_api_remarks(kind, options, cause, fix):
    # The real client's exception, raised by a real answer of the simulator, as the command line words it.
    with Simulator(seed=3) as sim:
        exchange = satori_ccxt.satori({'apiKey': sim.api_key, 'secret': sim.secret, 'enableRateLimit': False,
                                       'urls': {'api': {'public': sim.url, 'private': sim.url}}})
        order_id = sim.place_order(sim.api_key, price='1500', quantity='0.01')
        sim.inject(kind, path=paths.CANCEL, **options)   # one id goes out as a single cancel
        with pytest.raises(ccxt.BaseError) as raised:
            exchange.cancel_orders([order_id])
        sentence = explain(raised.value, sim.url)
    assert cause in sentence and fix in sentence, sentence
    assert 'orders attribute' not in sentence and 'cancel_orders interrupted' not in sentence


def test_json_failure_prints_an_error_object_with_every_ids_known_state_on_stdout(simulator, refused_port):
    result = run('cancel', '--json', '--url', f'http://127.0.0.1:{refused_port}', '7', '8', env=simulator['env'])
    assert result.returncode == 3 and 'Traceback' not in result.stderr
    document = json.loads(result.stdout)
    assert document['error']['type'] == 'NetworkError' and document['error']['exit_code'] == 3
    assert 'connection refused' in document['error']['message']
    assert document['orders'] == [{'id': '7', 'status': 'unknown', 'note': ''}, {'id': '8', 'status': 'unknown', 'note': ''}]


@pytest.mark.parametrize('arguments, env', [
    (['cancel', '--json', '--url', '127.0.0.1:8123', '1'], DOCS_ENV),   # argparse refuses the value
    (['cancel', '--json', '--testnet', '--url', 'http://127.0.0.1:1', '1'], DOCS_ENV),   # argparse refuses the pair
    (['cancel', '--json', '12a'], DOCS_ENV),                            # our own check of the id
    (['cancel', '--json', '1'], {}),                                    # no credentials
], ids=['url', 'exclusive', 'id', 'credentials'])
def test_json_usage_errors_print_an_error_object_on_stdout_and_exit_2(arguments, env, monkeypatch, capsys):
    # In this process (the subprocess tests above show the same main() behind the console script).
    for name in ('SATORI_API_KEY', 'SATORI_SECRET', 'SATORI_WALLET_ADDRESS'):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(arguments) == 2
    printed = capsys.readouterr()
    document = json.loads(printed.out)
    assert document['error']['exit_code'] == 2 and printed.err == f'satori-ccxt: {document["error"]["message"]}\n'
    assert document['orders'] == []     # nothing was sent


def test_fault_command_injects_into_a_running_simulator(simulator):
    order_id = place(simulator)
    injected = run('fault', 'maintenance', '--url', simulator['url'], '--path', paths.CANCEL)
    assert injected.returncode == 0, injected.stderr
    result = run('cancel', '--url', simulator['url'], order_id, env=simulator['env'])
    assert_clean_failure(result, 3)
    assert 'under maintenance' in result.stderr and 'try again later' in result.stderr
    assert run('cancel', '--url', simulator['url'], order_id, env=simulator['env']).returncode == 0


def test_fault_command_against_no_simulator_exits_3(refused_port):
    assert_clean_failure(run('fault', 'drop', '--url', f'http://127.0.0.1:{refused_port}'), 3)


def test_freqtrade_command_without_freqtrade_installed_exits_2_without_a_traceback():
    hide_freqtrade = "import sys; sys.modules['freqtrade'] = None; from satori_ccxt.cli import main; sys.exit(main(['freqtrade', 'trade']))"
    result = subprocess.run([sys.executable, '-c', hide_freqtrade], capture_output=True, text=True, timeout=60)
    assert_clean_failure(result, 2)
    assert "pip install 'satori-ccxt[freqtrade]'" in result.stderr


# ----- Ctrl-C ------------------------------------------------------------------------------------


@pytest.mark.parametrize('output', ['table', 'json'])
def test_ctrl_c_during_cancel_prints_every_ids_known_state_marks_the_unknown_ones_and_exits_130(scripted, output):
    # The scripted server signals the client while it waits for the answer to its third request: 11 is settled by then,
    # 12 is being probed and 13 is untouched.
    client = {}
    started = threading.Event()

    def interrupt_then_answer(recorded):
        started.wait()
        os.kill(client['process'].pid, signal.SIGINT)
        return envelope(True)
    scripted.reply(business_error(2126), business_error(2125, msg='The order has been revoked'))
    scripted.respond_with(interrupt_then_answer)
    command = WITH_CTRL_C + CLI + ['cancel', '--url', scripted.url, '11', '12', '13'] + (['--json'] if output == 'json' else [])
    client['process'] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(DOCS_ENV))
    started.set()
    stdout, stderr = client['process'].communicate(timeout=60)
    assert client['process'].returncode == 130, stderr
    assert 'Traceback' not in stdout + stderr
    assert len(scripted.requests) == 3
    if output == 'json':
        document = json.loads(stdout)
        assert document['error']['type'] == 'KeyboardInterrupt' and document['error']['exit_code'] == 130
        assert [(row['id'], row['status']) for row in document['orders']] == [('11', 'canceled'), ('12', 'unknown'), ('13', 'unknown')]
    else:
        assert table(stdout) == [('11', 'canceled'), ('12', 'unknown'), ('13', 'unknown')]
    assert stderr.startswith('satori-ccxt: interrupted by Ctrl-C; 2 of 3 ids are in an unknown state')


INTERRUPT_THE_DEMO_AT_ITS_FIRST_CANCEL = '''
import signal, sys, threading
from satori_simulator import simulator
main_thread, log_request = threading.main_thread().ident, simulator.Simulator.log_request

def log_request_then_interrupt(self, record):
    log_request(self, record)
    if record.path.endswith('batchCancelEntrust'):
        signal.pthread_kill(main_thread, signal.SIGINT)

simulator.Simulator.log_request = log_request_then_interrupt
from satori_ccxt.cli import main
sys.exit(main(sys.argv[1:]))
'''


def test_ctrl_c_during_the_demo_lists_every_id_as_unknown_and_exits_130_without_a_traceback():
    # The demo's own simulator signals the process on receiving the first batch cancel, while the client waits for its answer.
    result = subprocess.run(WITH_CTRL_C + [sys.executable, '-c', INTERRUPT_THE_DEMO_AT_ITS_FIRST_CANCEL, 'demo'], capture_output=True,
                            text=True, timeout=60)
    assert_clean_failure(result, 130)
    rows = table(result.stdout)
    assert len(rows) == 9 and {status for _, status in rows} == {'unknown'}
    assert 'interrupted by Ctrl-C; 9 of 9 ids are in an unknown state' in result.stderr


INTERRUPT_WHILE_CCXT_IMPORTS = '''
import signal, sys
from importlib.metadata import entry_points


class CtrlCWhileCcxtImports:
    """Ctrl-C arrives while ccxt is being imported, the longest part of the command's start (about half a second)."""
    def find_spec(self, name, path=None, target=None):
        if name == 'ccxt':
            signal.raise_signal(signal.SIGINT)
        return None


sys.meta_path.insert(0, CtrlCWhileCcxtImports())
sys.argv = ['satori-ccxt', 'demo']
[command] = [entry for entry in entry_points(group='console_scripts') if entry.name == 'satori-ccxt']
sys.exit(command.load()())
'''


def test_ctrl_c_while_the_command_is_still_importing_exits_130_without_a_traceback():
    # The installed console script, as a shell runs it, with the interruption placed inside the import of ccxt.
    result = subprocess.run(WITH_CTRL_C + [sys.executable, '-c', INTERRUPT_WHILE_CCXT_IMPORTS], capture_output=True, text=True, timeout=60)
    assert_clean_failure(result, 130)
    assert 'interrupted by Ctrl-C before the command started; nothing was sent' in result.stderr


def test_the_launcher_exits_with_the_command_lines_code_for_ctrl_c():
    assert satori_ccxt_launcher.INTERRUPTED == INTERRUPTED


# ----- simulate ----------------------------------------------------------------------------------


def test_simulate_on_a_port_in_use_says_so_and_exits_3():
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen()
        result = run('simulate', '--port', str(taken.getsockname()[1]))
    assert_clean_failure(result, 3)
    assert 'already in use' in result.stderr and '--port 0' in result.stderr


def test_simulate_on_an_impossible_port_is_a_usage_error_that_says_which_ports_exist(capsys):
    result = run('simulate', '--port', '99999')
    assert_clean_failure(result, 2)
    assert 'not a port number: use 1 to 65535, or 0 for any free port' in result.stderr
    for port in ('-1', 'http', '65536'):
        assert main(['simulate', '--port', port]) == 2
        assert 'not a port number' in capsys.readouterr().err


# ----- help, output manners, progress --------------------------------------------------------------


def test_every_option_has_help_text_and_every_default_is_stated():
    parser = build_parser()
    subparsers = next(action for action in parser._actions if action.dest == 'command').choices
    for name, subparser in [('satori-ccxt', parser), *subparsers.items()]:
        for action in subparser._actions:
            if action.dest in ('help', 'version') or name == 'freqtrade':
                continue
            assert action.help, f'{name} {action.option_strings or action.dest} has no help text'
            if action.option_strings and action.default not in (None, False):
                assert '(default: %(default)s)' in action.help, f'{name} {action.option_strings} does not state its default'


def test_simulate_help_states_the_default_port_and_the_exit_codes_are_in_the_main_help():
    assert '(default: 8123)' in run('simulate', '--help').stdout
    main_help = run('--help').stdout
    for code in ('0', '1', '2', '3', '4', '130', '141'):
        assert f'\n  {code:<3} ' in main_help


def test_a_bug_is_one_line_with_exit_4_and_the_traceback_only_on_request():
    break_simulate = ("import sys; import satori_ccxt.cli as cli\n"
                      "def simulate(args): raise ZeroDivisionError('a planted bug')\n"
                      "cli.simulate = simulate; sys.exit(cli.main(sys.argv[1:]))")
    quiet = subprocess.run([sys.executable, '-c', break_simulate, 'simulate'], capture_output=True, text=True, timeout=60)
    assert_clean_failure(quiet, 4)
    assert 'ZeroDivisionError: a planted bug' in quiet.stderr and '--traceback' in quiet.stderr
    loud = subprocess.run([sys.executable, '-c', break_simulate, '--traceback', 'simulate'], capture_output=True, text=True, timeout=60)
    assert 'Traceback' in loud.stderr and loud.returncode == 1


def test_a_reader_that_goes_away_ends_the_output_without_a_complaint():
    reader, writer = os.pipe()
    os.close(reader)   # closed before the command starts: its first write to stdout finds no reader
    process = subprocess.run(CLI + ['cancel', '--json', '1'], stdout=writer, stderr=subprocess.PIPE, text=True, env=environment(),
                             timeout=60)
    os.close(writer)
    assert process.returncode == 141
    assert 'Traceback' not in process.stderr and 'BrokenPipeError' not in process.stderr


def test_no_progress_is_drawn_when_stderr_is_not_a_terminal(simulator):
    result = run('cancel', '--url', simulator['url'], place(simulator), env=simulator['env'])
    assert result.returncode == 0 and result.stderr == ''


def drawn_on_a_terminal(args, env=None) -> tuple:
    """(what the command drew on its stderr, a terminal; its stdout; its exit code)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 100, 0, 0))
    process = subprocess.Popen(CLI + args, stdout=subprocess.PIPE, stderr=terminal, text=True, env=environment(env))
    os.close(terminal)
    drawn = b''
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        assert ready, f'{args[0]} wrote nothing to its terminal for 60 s'
        try:
            chunk = os.read(controller, 4096)
        except OSError:   # EIO: the command has exited and closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    stdout = process.stdout.read()
    process.stdout.close()
    return drawn, stdout, process.wait(timeout=60)


def test_the_demo_draws_progress_on_stderr_when_it_is_a_terminal():
    drawn, stdout, exit_code = drawn_on_a_terminal(['demo'])
    assert exit_code == 0
    assert b'cancel_orders:' in drawn and b'/9 [' in drawn and b' ids/s]' in drawn   # ids settled, out of the demo's nine
    assert 'cancel_orders:' not in stdout and 'every id accounted for: True' in stdout


def test_a_response_hook_on_the_exchanges_session_sees_every_request_so_progress_bars_count_them():
    # request_progress counts through requests' session hooks; the session that follows no redirect must keep them.
    with Simulator(seed=3) as sim:
        exchange = satori_ccxt.satori({'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False})
        seen = []
        exchange.session.hooks['response'].append(lambda response, *args, **kwargs: seen.append(urlsplit(response.url).path))
        exchange.fetch_order_book('ETH/USD:USD')
    assert seen == [paths.PAIRS, paths.DEPTH]


def test_cancel_draws_the_ids_settled_on_stderr_when_it_is_a_terminal(simulator):
    ids = [place(simulator) for _ in range(3)] + ['150000000']
    drawn, stdout, exit_code = drawn_on_a_terminal(['cancel', '--url', simulator['url'], *ids], simulator['env'])
    assert exit_code == 1   # the id that is no order
    # The bar counts ids, four of them (drawn from its first frame, 0/4, whatever the bar's own refresh interval)
    assert b'cancel_orders:' in drawn and b'/4 [' in drawn and b' ids/s]' in drawn and 'cancel_orders:' not in stdout
