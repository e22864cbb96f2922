"""The command line as operators run it: subprocesses against a simulator on a free port."""

import json
import os
import re
import subprocess
import sys

import pytest
import requests

CLI = [sys.executable, '-m', 'satori_ccxt.cli']


def run(*args, env=None, timeout=60):
    environment = {key: value for key, value in os.environ.items() if not key.startswith('SATORI_')}
    environment.update(env or {})
    return subprocess.run(CLI + list(args), capture_output=True, text=True, env=environment, timeout=timeout)


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
    assert requests.get(simulator['url'] + '/api/third/info/time', timeout=10).json()['code'] == 200


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


def test_cancel_against_an_unreachable_server_exits_3_without_a_traceback(simulator, refused_port):
    result = run('cancel', '--url', f'http://127.0.0.1:{refused_port}', '1', env=simulator['env'])
    assert_clean_failure(result, 3)
    assert 'NetworkError' in result.stderr or 'ExchangeNotAvailable' in result.stderr


def test_fault_command_injects_into_a_running_simulator(simulator):
    order_id = place(simulator)
    injected = run('fault', 'maintenance', '--url', simulator['url'], '--path', '/api/third/order/batchCancelEntrust')
    assert injected.returncode == 0, injected.stderr
    result = run('cancel', '--url', simulator['url'], order_id, env=simulator['env'])
    assert_clean_failure(result, 3)
    assert 'OnMaintenance' in result.stderr
    assert run('cancel', '--url', simulator['url'], order_id, env=simulator['env']).returncode == 0


def test_fault_command_against_no_simulator_exits_3(refused_port):
    assert_clean_failure(run('fault', 'drop', '--url', f'http://127.0.0.1:{refused_port}'), 3)


def test_freqtrade_command_without_freqtrade_installed_exits_2_without_a_traceback():
    hide_freqtrade = "import sys; sys.modules['freqtrade'] = None; from satori_ccxt.cli import main; sys.exit(main(['freqtrade', 'trade']))"
    result = subprocess.run([sys.executable, '-c', hide_freqtrade], capture_output=True, text=True, timeout=60)
    assert_clean_failure(result, 2)
    assert "pip install 'satori-ccxt[freqtrade]'" in result.stderr
