"""``satori-ccxt verify`` as users run it: subprocesses against the simulator and against scripted servers that answer deviating shapes.

A simulator runs in this process (its own thread) and the command in a
subprocess, so what the command prints is exactly what a user would see;
each run is made once per module and read by the tests that need it.
"""

import copy
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import vcr

from satori_ccxt import cli
from satori_ccxt.verify import Probe
from satori_simulator import Simulator

from ..support import paths
from ..support.captured_answers import SERVED, envelope
from ..support.clients import at_url, exercise
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET
from ..support.scripted_server import Reply, ScriptedServer
from .test_readme import README, fenced_blocks

CLI = [sys.executable, '-m', 'satori_ccxt.cli']
# What no capture shows an answer of: the scripted server answers them 404, as a Satori without them would.
NOT_CAPTURED = {'ticker/24hr', 'getUserLever', 'indexPrice'}


def environment(env=None) -> dict:
    return {**{key: value for key, value in os.environ.items() if not key.startswith('SATORI_')}, **(env or {})}


def verify(*args, env=None):
    return subprocess.run(CLI + ['verify', *args], capture_output=True, text=True, env=environment(env), timeout=120)


def credentials_of(sim) -> dict:
    return {'SATORI_API_KEY': sim.api_key, 'SATORI_SECRET': sim.secret}


def busy(sim) -> Simulator:
    """``sim`` with what makes every list answer hold items: an open order, a fill and its position, a cancelled order."""
    sim.place_order(sim.api_key, price='1000', quantity='0.1')
    sim.fill(sim.place_order(sim.api_key, price='1100', quantity='0.1'))
    sim.cancel_behind_back(sim.place_order(sim.api_key, price='1050', quantity='0.1'))
    return sim


def by_name(document) -> dict:
    """Each endpoint's outcome by name; with --trade, the steps of the trade under (name, step)."""
    return {(outcome['name'] if outcome['step'] is None else (outcome['name'], outcome['step'])): outcome
            for outcome in document['endpoints']}


class Run:
    def __init__(self, result, sim=None, cassette=None):
        self.result, self.sim, self.cassette = result, sim, cassette
        self.document = json.loads(result.stdout) if result.stdout.startswith('{') else None


@pytest.fixture(scope='module')
def later_trade_run(tmp_path_factory):
    """verify --trade --record --json against a later deployment's simulator with an open order, a position and finished orders."""
    directory = tmp_path_factory.mktemp('cassettes')
    with busy(Simulator(seed=6, deployment='later')) as sim:
        open_before = sim.open_order_ids()
        result = verify('--url', sim.url, '--trade', '--record', str(directory), '--json', env=credentials_of(sim))
        run = Run(result, sim, next(directory.glob('*.yaml'), None))
        run.open_before, run.open_after, run.requests = open_before, sim.open_order_ids(), sim.requests
        run.statuses = {order_id: sim.order_status(order_id) for order_id in range(200_000_000, 200_000_010)}
    return run


@pytest.fixture(scope='module')
def satori_run():
    """verify, as a table, against a simulator serving what Satori was captured serving (no later-deployment endpoints)."""
    with busy(Simulator(seed=7)) as sim:
        return Run(verify('--url', sim.url, env=credentials_of(sim)), sim)


# ----- the simulator: every shape held --------------------------------------------------------


def test_verify_finds_every_shape_held_on_a_later_deployments_simulator_and_exits_0(later_trade_run):
    assert later_trade_run.result.returncode == 0, later_trade_run.result.stdout + later_trade_run.result.stderr
    outcomes = later_trade_run.document['endpoints']
    assert {outcome['result'] for outcome in outcomes} == {'held'}
    assert all(outcome['differed'] == [] for outcome in outcomes)
    listed = {name: outcome['items'] for name, outcome in by_name(later_trade_run.document).items() if isinstance(name, str)}
    assert all(listed[name] >= 1 for name in ('pairs', 'trades', 'kline', 'funding/history', 'openOrders', 'fills', 'positions',
                                             'orders/histories')), listed


def test_verify_on_satoris_endpoints_reports_the_later_only_ones_not_served_with_the_fallback_and_exits_0(satori_run):
    result = satori_run.result
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith('endpoint'))
    assert header.split('  ')[0] == 'endpoint' and 'what the package does' in header
    unserved = {line.split()[1] for line in lines if line.startswith(('GET ', 'POST ')) and ' not served ' in line}
    assert unserved == {'info/ticker/24hr', 'v1/orders/histories', 'v1/trade/getUserLever'}
    assert 'five requests a ticker' in result.stdout and 'fetch_closed_orders reads the fills' in result.stdout
    assert 'every answer held the shape the package relies on' in result.stdout
    assert [line for line in lines if line.startswith(('GET ', 'POST ')) and line.split()[2] != 'held' and ' not served ' not in line] == []


def test_verify_without_credentials_checks_the_public_endpoints_only_and_says_so():
    with Simulator(seed=8) as sim:
        result = verify('--url', sim.url)
        signed = [record for record in sim.requests if 'signature' in record.headers]
    assert result.returncode == 0, result.stderr
    assert signed == []
    assert 'only the public endpoints were asked' in result.stdout
    private = [line for line in result.stdout.splitlines() if line.startswith('POST ') or ' v1/orders/' in line or ' v1/trade/' in line]
    assert len(private) == 7 and all(' skipped ' in line and 'not asked: no credentials: set SATORI_API_KEY' in line for line in private)


# ----- --trade ------------------------------------------------------------------------------


def test_verify_trade_places_one_far_post_only_buy_sees_it_cancels_it_and_leaves_nothing_open(later_trade_run):
    trade = later_trade_run.document['trade']
    assert trade['as_expected'] and trade['seen_in_open_orders'] and trade['query_status'] == 'open'
    assert trade['cancelled'] and trade['gone_from_open_orders'] and not trade['left_open']
    assert later_trade_run.open_after == later_trade_run.open_before
    assert later_trade_run.statuses[int(trade['order_id'])] == 'cancelled'
    creates = [record for record in later_trade_run.requests if record.path.endswith('/hot/order/create')]
    cancels = [record for record in later_trade_run.requests if record.path.endswith('/order/cancelEntrust')]
    assert len(creates) == 1 and len(cancels) == 1
    sent = dict(parse_qsl(creates[0].query))
    assert sent['matchType'] == '4' and sent['isLong'] == 'True' and sent['isMarket'] == 'False'
    book = by_name(later_trade_run.document)['depth']
    assert book['result'] == 'held'
    assert float(sent['price']) <= float(trade['price']) and float(trade['price']) > 0


def test_verify_trade_still_cancels_its_order_when_a_step_after_placing_it_fails():
    with Simulator(seed=9) as sim:
        sim.inject('http_5xx', path=paths.QUERY_ORDER, count=1, status=502)
        result = verify('--url', sim.url, '--trade', '--json', env=credentials_of(sim))
        document = json.loads(result.stdout)
        order_id = int(document['trade']['order_id'])
        status, still_open = sim.order_status(order_id), sim.open_order_ids()
    assert result.returncode == 3, result.stderr
    assert by_name(document)[('queryOrder', 'query the order')]['result'] == 'failed'
    assert status == 'cancelled' and order_id not in still_open
    assert document['trade']['cancelled'] and not document['trade']['left_open']


def test_verify_trade_names_the_order_it_may_have_left_open_and_how_to_cancel_it():
    with Simulator(seed=10) as sim:
        sim.inject('maintenance', path=paths.CANCEL, count=1)
        url = sim.url
        result = verify('--url', url, '--trade', '--json', env=credentials_of(sim))
        document = json.loads(result.stdout)
        order_id = document['trade']['order_id']
        left = sim.open_order_ids()
    assert result.returncode == 3
    assert int(order_id) in left and document['trade']['left_open']
    assert f'satori-ccxt cancel --url {url} {order_id}' in result.stderr


def test_verify_trade_cancels_its_order_when_interrupted_by_ctrl_c_after_placing_it():
    with Simulator(seed=12) as sim:
        exchange = cli.satori(at_url(sim.url, apiKey=sim.api_key, secret=sim.secret, enableRateLimit=False))

        def ctrl_c_at_the_query(response, *args, **kwargs):
            if urlsplit(response.url).path.endswith('/queryOrder'):
                raise KeyboardInterrupt
        exchange.session.hooks['response'].append(ctrl_c_at_the_query)
        probe = Probe(exchange, sim.url, credentials=True)
        with pytest.raises(KeyboardInterrupt):
            probe.run(trade=True)
        trade = probe.report.trade
        assert trade.placed and trade.cancelled and trade.gone and not trade.left_open
        assert sim.order_status(int(trade.order_id)) == 'cancelled'


def test_verify_trade_is_refused_unless_on_the_testnet_or_a_local_simulator():
    documentation_address = 'http://192.0.2.1:8123'   # TEST-NET-1: refused before anything could be sent there
    for where in ([], ['--url', documentation_address]):
        result = verify(*where, '--trade', env={'SATORI_API_KEY': DOCS_API_KEY, 'SATORI_SECRET': DOCS_SECRET})
        assert result.returncode == 2 and 'testnet' in result.stderr and 'Traceback' not in result.stderr


def test_verify_trade_without_credentials_is_a_usage_error():
    result = verify('--url', 'http://127.0.0.1:9', '--trade')
    assert result.returncode == 2 and 'SATORI_API_KEY' in result.stderr


# ----- deviating shapes: each difference reported -------------------------------------------------

# What the scripted server changes in the captured answers, one way each: a field missing, text where a number is expected, a
# number where text is expected, text where a boolean is expected, a renamed field, a list wrapped differently.
PLANTED = {
    'pairs': lambda answer: answer['data'][0].pop('priceDecimal'),
    'trades': lambda answer: answer['data'][0].update(timestamp='2025-05-30 03:46:53'),
    'openOrders': lambda answer: answer['data'][0].update(createTime=1725867694000),
    'fills': lambda answer: answer['data'][0].update(isLong='true'),
    'kline': lambda answer: answer['data'][0].update(highPrice=answer['data'][0].pop('hight')),
    'positions': lambda answer: answer.update(data={'list': answer['data']}),
}
# (endpoint, field) -> what the report says came instead.
EXPECTED = {
    ('pairs', 'priceDecimal'): 'missing in 1 of 2 items',
    ('trades', 'timestamp or createTimeStamp or createTime'):
        "the text '2025-05-30 03:46:53' in timestamp in 1 of 1 item; expected a time in ms",
    ('openOrders', 'createTimeStamp or createTime'): 'the number 1725867694000 in createTime in 1 of 1 item; expected a UTC time',
    ('fills', 'isLong'): "the text 'true' in isLong in 1 of 1 item; expected true or false",
    ('kline', 'hight or high'): 'missing in 1 of 1 item',
    ('positions', 'data'): 'an object with list; expected a list',
}
UNSERVED = paths.FUNDING_HISTORY   # no fallback: a 404 there is a difference


def captured(planted=None, unserved=()):
    """A responder answering Satori's captured answers, changed as ``planted`` says; 404 where nothing was captured."""
    def respond(recorded) -> Reply:
        path = recorded.target.partition('?')[0]
        name = SERVED.get(path)
        if name is None or path in unserved:
            return Reply(status=404, body='Not Found', content_type='text/plain')
        answer = copy.deepcopy(envelope(name))
        (planted or {}).get(name, lambda answer: None)(answer)
        return Reply(body=json.dumps(answer))
    return respond


@pytest.fixture
def scripted():
    server = ScriptedServer()
    yield server
    server.close()


DOCS_ENV = {'SATORI_API_KEY': DOCS_API_KEY, 'SATORI_SECRET': DOCS_SECRET}


def test_verify_finds_every_shape_held_in_the_answers_satori_was_captured_sending(scripted):
    scripted.respond_with(captured())
    result = verify('--url', scripted.url, '--json', env=DOCS_ENV)
    assert result.returncode == 0, result.stdout
    outcomes = by_name(json.loads(result.stdout))
    assert {name for name, outcome in outcomes.items() if outcome['result'] == 'not served'} == NOT_CAPTURED
    assert {outcome['result'] for outcome in outcomes.values()} == {'held', 'not served'}
    assert all(outcome['package_does'] for outcome in outcomes.values() if outcome['result'] == 'not served')


def test_verify_reports_each_planted_difference_field_by_field_and_exits_1(scripted):
    scripted.respond_with(captured(PLANTED, unserved={UNSERVED}))
    result = verify('--url', scripted.url, '--json', env=DOCS_ENV)
    assert result.returncode == 1, result.stdout + result.stderr
    outcomes = by_name(json.loads(result.stdout))
    reported = {(name, finding['field']): finding for name, outcome in outcomes.items() for finding in outcome['differed']}
    assert set(reported) == set(EXPECTED)
    for key, found in EXPECTED.items():
        assert found in reported[key]['found'], (key, reported[key])
        assert reported[key]['package'], key
    assert {name for name, outcome in outcomes.items() if outcome['result'] == 'differed'} == {name for name, _ in EXPECTED}
    funding = outcomes['funding/history']
    assert funding['result'] == 'not served' and funding['package_does'] == 'nothing: fetch_funding_rate_history raises EndpointNotFound'
    assert all(outcomes[name]['result'] == 'not served' and outcomes[name]['package_does'] for name in NOT_CAPTURED)


def test_verify_as_a_table_shows_each_planted_difference_and_what_the_package_does(scripted):
    scripted.respond_with(captured(PLANTED, unserved={UNSERVED}))
    result = verify('--url', scripted.url, env=DOCS_ENV)
    assert result.returncode == 1
    for (_, field), found in EXPECTED.items():
        assert f'{field}: {found}' in result.stdout
    assert 'create_order refuses orders on the pair' in result.stdout   # what a missing priceDecimal does
    assert 'see "differed" above' in result.stdout
    readme_example = next(block.text for block in fenced_blocks(README.read_text()) if '1725867694000 in createTime' in block.text)
    printed = {' '.join(line.split()) for line in result.stdout.splitlines()}
    assert {' '.join(line.split()) for line in readme_example.splitlines()} <= printed


def test_an_authentication_failure_is_reported_once_and_the_other_private_endpoints_are_not_asked():
    with Simulator(seed=13) as sim:
        result = verify('--url', sim.url, '--json', env={'SATORI_API_KEY': DOCS_API_KEY, 'SATORI_SECRET': sim.secret})
    assert result.returncode == 3
    outcomes = by_name(json.loads(result.stdout))
    assert outcomes['balance']['result'] == 'failed' and 'refused the credentials' in outcomes['balance']['note']
    assert all(outcomes[name]['result'] == 'skipped' for name in ('openOrders', 'fills', 'positions', 'getUserLever'))


def test_verify_against_an_unreachable_server_fails_in_one_sentence_and_exits_3():
    result = verify('--url', 'http://127.0.0.1:9')
    assert result.returncode == 3 and result.stdout == ''
    assert result.stderr.startswith('satori-ccxt: cannot talk to http://127.0.0.1:9: connection refused')


def test_verify_with_a_pair_the_server_does_not_list_names_the_pairs_it_lists_and_exits_2():
    with Simulator(seed=14) as sim:
        result = verify('--url', sim.url, '--symbol', 'DOGE/USD:USD')
    assert result.returncode == 2 and 'lists no pair DOGE/USD:USD' in result.stderr and 'ETH/USD:USD' in result.stderr


def test_verify_asks_about_the_pair_its_symbol_option_names():
    with Simulator(seed=14) as sim:
        document = json.loads(verify('--url', sim.url, '--symbol', 'BTC-USD', '--json').stdout)
        asked = {dict(parse_qsl(record.query)).get('pairName') for record in sim.requests if record.path.endswith('/info/depth')}
    assert document['symbol'] == 'BTC/USD:USD' and asked == {'BTC-USD'}


# ----- what the command sends, and what it never shows ---------------------------------------------


def test_verify_asks_each_endpoint_only_with_parameters_the_package_itself_sends(later_trade_run):
    def names_by_path(records):
        found = defaultdict(set)
        for record in records:
            found[record.path].update(name for name, _ in parse_qsl(record.query) if name != 'timestamp')
        return found
    sent_by_the_package = defaultdict(set)
    for deployment in ('satori', 'later'):
        with Simulator(seed=15, deployment=deployment) as sim:
            exercise(sim, cli.satori(at_url(sim.url, apiKey=sim.api_key, secret=sim.secret, enableRateLimit=False)))
            for path, names in names_by_path(sim.requests).items():
                sent_by_the_package[path] |= names
    sent_by_verify = names_by_path(later_trade_run.requests)
    unknown = {path: sorted(names - sent_by_the_package[path]) for path, names in sent_by_verify.items()}
    assert {path: names for path, names in unknown.items() if names} == {}
    assert len(later_trade_run.requests) == len(later_trade_run.document['endpoints'])   # one request per row, nothing else


def test_no_key_secret_or_signature_appears_in_the_output_or_the_cassette(later_trade_run):
    signatures = {record.headers['signature'] for record in later_trade_run.requests if 'signature' in record.headers}
    assert len(signatures) > 8
    sim = later_trade_run.sim
    secrets = {sim.api_key, sim.secret, sim.secret[2:]} | signatures | {signature[2:] for signature in signatures}
    shown = later_trade_run.result.stdout + later_trade_run.result.stderr + later_trade_run.cassette.read_text()
    assert [secret for secret in secrets if secret in shown] == []


def pieces(secret, length=12) -> set:
    return {secret[start:start + length] for start in range(len(secret) - length + 1)}


def test_no_part_of_the_key_or_a_signature_shows_even_where_a_server_echoes_them_back(scripted, tmp_path):
    def echoing(recorded) -> Reply:
        path = recorded.target.partition('?')[0]
        key, signature = recorded.headers.get('APIKEY', ''), recorded.headers.get('signature', '')
        if path.endswith('/hot/order/balance'):   # quoted back, cut to 40 characters, as an unreadable value
            return Reply(body=json.dumps({'error': False, 'code': 200, 'msg': 'SUCCESS',
                                          'data': {'availableAmount': key, 'frozenAmount': 'x' + signature}}))
        if path.endswith('/selectContractMatchPairList'):   # in an error message
            return Reply(body=json.dumps({'error': True, 'code': 1001, 'msg': f'bad {key} {signature}', 'data': None}))
        return captured()(recorded)
    scripted.respond_with(echoing)
    shown = ''
    for output in ([], ['--json']):
        result = verify('--url', scripted.url, '--record', str(tmp_path), *output, env=DOCS_ENV)
        assert result.returncode == 3, result.stdout + result.stderr   # the fills request failed
        shown += result.stdout + result.stderr
    shown += ''.join(path.read_text() for path in tmp_path.glob('*.yaml'))
    signatures = {request.headers['signature'] for request in scripted.requests if 'signature' in request.headers}
    secrets = set().union(pieces(DOCS_API_KEY), pieces(DOCS_SECRET), *(pieces(signature) for signature in signatures))
    assert signatures and [piece for piece in secrets if piece in shown] == []
    assert '<removed>' in shown


def test_the_cassette_keeps_the_timestamped_queries_and_placeholders_for_the_key_and_signature(later_trade_run):
    cassette = vcr.serializers.yamlserializer.deserialize(later_trade_run.cassette.read_text())
    interactions = cassette['interactions']
    assert len(interactions) == len(later_trade_run.requests)
    signed = [interaction['request'] for interaction in interactions if 'APIKEY' in interaction['request']['headers']]
    assert signed and all(request['headers']['APIKEY'] == ['st_APIKEY_REMOVED'] for request in signed)
    assert all(request['headers']['signature'] == ['0xSIGNATURE_REMOVED'] for request in signed)
    assert all('timestamp=' in request['uri'] for request in signed)
    assert later_trade_run.document['cassette'] == str(later_trade_run.cassette)


def _same_request_but_the_time(recorded, replayed):
    def without_time(request):
        return sorted((name, value) for name, value in parse_qsl(urlsplit(request.uri).query) if name != 'timestamp')
    assert without_time(recorded) == without_time(replayed)


def test_a_recorded_cassette_replays_to_the_same_report_without_the_server(tmp_path, monkeypatch, capsys):
    with busy(Simulator(seed=16)) as sim:
        env, url = credentials_of(sim), sim.url
        recorded = verify('--url', url, '--record', str(tmp_path), '--json', env=env)
    assert recorded.returncode == 0, recorded.stderr
    cassette = next(tmp_path.glob('*.yaml'))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    replayer = vcr.VCR(record_mode='none', match_on=['method', 'scheme', 'host', 'port', 'path', 'same_but_the_time'])
    replayer.register_matcher('same_but_the_time', _same_request_but_the_time)
    with replayer.use_cassette(str(cassette), allow_playback_repeats=False) as played:
        code = cli.main(['verify', '--url', url, '--json'])
        assert played.all_played
    assert code == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed['endpoints'] == json.loads(recorded.stdout)['endpoints']


def test_record_without_vcrpy_names_the_extra_to_install_and_sends_nothing():
    without_vcrpy = ("import sys; sys.modules['vcr'] = None; from satori_ccxt.cli import main; "
                     "sys.exit(main(['verify', '--url', 'http://127.0.0.1:9', '--record', 'cassettes']))")
    result = subprocess.run([sys.executable, '-c', without_vcrpy], capture_output=True, text=True, env=environment(), timeout=60)
    assert result.returncode == 2 and 'Traceback' not in result.stderr
    assert "pip install 'satori-ccxt[record]'" in result.stderr


def test_verify_json_is_one_document_with_every_endpoint_a_summary_and_the_trade(later_trade_run):
    document = later_trade_run.document
    assert set(document) == {'url', 'credentials', 'symbol', 'clock_offset_ms', 'endpoints', 'summary', 'trade', 'cassette'}
    assert document['summary'] == {'held': len(document['endpoints']), 'differed': 0, 'not served': 0, 'failed': 0, 'skipped': 0}
    keys = {'endpoint', 'name', 'grade', 'step', 'result', 'items', 'held', 'absent', 'differed', 'package_does', 'note'}
    assert all(set(outcome) == keys for outcome in document['endpoints'])
    assert Path(document['cassette']).exists()
