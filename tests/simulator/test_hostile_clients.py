"""The simulator against hostile clients: every answer an envelope, every signature as strict as Satori's, the host left alone.

Over real HTTP (``requests``, or raw sockets where a client library would not
send the bytes), signed with eth-account independently of both the client and
the simulator's own recovery (``test_simulator_support.py``).
"""

import json
import random
import re
import socket
import subprocess
import sys
import textwrap

import pytest
import requests
from eth_account import Account
from eth_account.messages import encode_defunct
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_simulator import Simulator
from satori_simulator.keys import SECP256K1_ORDER, address_of_secret
from satori_simulator.protocol import recovered_address

from ..support import T0, paths
from ..support.docs_vectors import DOCS_SECRET, DOCS_WALLET
from ..support.wire_client import SatoriWire, canonical_query, error, ok, personal_sign

KIB = 1024
MIB = 1024 * KIB


def raw_exchange(sim, request: bytes) -> bytes:
    """Sends ``request`` as bytes on a new connection; everything the simulator answers until it closes the connection.

    The request must end the connection (``Connection: close``, or bytes the simulator refuses); the write side
    stays open, since a half-closed connection is one aiohttp closes without answering.
    """
    with socket.create_connection(('127.0.0.1', sim.port), timeout=30) as connection:
        connection.sendall(request)
        answer = b''
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def signed_headers(sim, signature, content_type='text/plain') -> dict:
    return {'APIKEY': sim.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': signature, 'Content-Type': content_type}


def still_serving(sim):
    assert ok(requests.get(sim.url + paths.TIME, timeout=30).json()) == sim.now_ms()


# ----- signatures: only the form Satori's verifier accepts ---------------------------------------


def split(signature: str) -> tuple:
    body = signature.removeprefix('0x')
    return int(body[:64], 16), int(body[64:128], 16), int(body[128:], 16)


def written(r: int, s: int, v: int) -> str:
    return f'0x{r:064x}{s:064x}{v:02x}'


def high_s_twin(signature: str) -> str:
    r, s, v = split(signature)
    return written(r, SECP256K1_ORDER - s, 27 + 28 - v)


def recovery_id_form(signature: str) -> str:
    r, s, v = split(signature)
    return written(r, s, v - 27)


# (the v the original signature must have, how it is rewritten)
SIGNATURE_FORMS = {
    'v-00': ('1b', recovery_id_form),
    'v-01': ('1c', recovery_id_form),
    'v-25': (None, lambda sig: sig[:-2] + '25'),
    'v-99': (None, lambda sig: sig[:-2] + '99'),
    'v-1d': (None, lambda sig: sig[:-2] + '1d'),
    'uppercase-hex': (None, lambda sig: '0x' + sig[2:].upper()),
    'uppercase-prefix': (None, lambda sig: '0X' + sig[2:]),
    'mixed-case-r': (None, lambda sig: sig[:2] + sig[2:10].upper() + sig[10:]),
    'uppercase-v': ('1b', lambda sig: sig[:-2] + '1B'),
    'high-s-twin-of-v-1b': ('1b', high_s_twin),
    'high-s-twin-of-v-1c': ('1c', high_s_twin),
    'no-prefix': (None, lambda sig: sig[2:]),
    'one-digit-short': (None, lambda sig: sig[:-3] + sig[-2:]),
    'one-digit-long': (None, lambda sig: sig[:-2] + '0' + sig[-2:]),
    'r-zero': (None, lambda sig: written(0, split(sig)[1], split(sig)[2])),
    's-zero': (None, lambda sig: written(split(sig)[0], 0, split(sig)[2])),
    'r-at-the-curve-order': (None, lambda sig: written(SECP256K1_ORDER, split(sig)[1], split(sig)[2])),
}
# These still name the signer to a lax verifier (eth-account's): refusing them is the simulator being as strict as Satori.
LAX_VERIFIER_ACCEPTS = {'v-00', 'v-01', 'uppercase-hex', 'uppercase-prefix', 'mixed-case-r', 'uppercase-v', 'high-s-twin-of-v-1b',
                        'high-s-twin-of-v-1c', 'no-prefix'}


@pytest.mark.parametrize('form', SIGNATURE_FORMS)
def test_a_signature_in_a_form_satori_refuses_is_4001_and_cancels_nothing(sim, form):
    needed_v, rewrite = SIGNATURE_FORMS[form]
    order_id = sim.place_order(sim.account)
    for timestamp in range(T0, T0 - 100, -1):   # RFC 6979: the same query always signs to the same v, so look for one with the v needed
        query = canonical_query({'entrustId': order_id, 'timestamp': timestamp})
        signature = personal_sign(sim.secret, query)
        if needed_v in (None, signature[-2:]):
            break
    signature = rewrite(signature)
    if form in LAX_VERIFIER_ACCEPTS:
        assert Account.recover_message(encode_defunct(text=query), signature=signature) == sim.wallet_address
    response = requests.post(f'{sim.url}{paths.CANCEL}?{query}', headers=signed_headers(sim, signature), timeout=30)
    error(response.json(), 4001, 'Invalid address')
    assert sim.order_status(order_id) == 'open'


def test_signatures_with_v_1b_and_v_1c_in_lowercase_with_low_s_are_accepted(sim, wire):
    endings = set()
    for timestamp in range(T0 - 20, T0 + 20):
        query = canonical_query({'symbol': 'USD', 'timestamp': timestamp})
        signature = personal_sign(sim.secret, query)
        assert split(signature)[1] <= SECP256K1_ORDER // 2
        ok(wire.post_raw(paths.BALANCE, query, signature).json())
        endings.add(signature[-2:])
    assert endings == {'1b', '1c'}


def test_the_simulators_signer_recovery_agrees_with_eth_account():
    generator = random.Random(8)
    for index in range(60):
        secret = '0x' + generator.randbytes(32).hex()
        text = ''.join(generator.choice('ab=&,.-:é€0123456789') for _ in range(index))   # non-ASCII: the length prefix counts bytes
        signature = personal_sign(secret, text)
        wallet = Account.from_key(secret).address
        assert address_of_secret(secret) == wallet
        assert recovered_address(text, signature) == wallet == Account.recover_message(encode_defunct(text=text), signature=signature)
    assert address_of_secret(DOCS_SECRET) == DOCS_WALLET


def test_the_simulator_leaves_the_hosts_recursion_limit_alone():
    """eth-account raises it to 100000 on import; the simulator, which runs in its host's process, must not."""
    code = textwrap.dedent(f'''
        import sys
        before = sys.getrecursionlimit()
        import requests
        from satori_simulator import Simulator
        with Simulator(seed=1) as sim:
            sim.create_account()
            headers = {{'APIKEY': sim.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': '0x' + '11' * 64 + '1b'}}
            answer = requests.post(sim.url + '{paths.BALANCE}?symbol=USD&timestamp=' + str(sim.now_ms()), headers=headers,
                                   timeout=30).json()
        print(answer['code'], before, sys.getrecursionlimit())
    ''')
    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    code, before, after = result.stdout.split()
    assert code == '4001' and after == before


# ----- hostile bodies ----------------------------------------------------------------------------


def test_a_deeply_nested_body_answers_an_envelope_under_the_recursion_limit_eth_account_sets():
    """240 KB of brackets killed ``satori-ccxt simulate`` with SIGSEGV: json's C parser ran off the stack first."""
    code = textwrap.dedent(f'''
        import sys
        sys.setrecursionlimit(100000)   # what importing eth-account does
        import requests
        from satori_simulator import Simulator
        with Simulator(seed=1) as sim:
            headers = {{'APIKEY': sim.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': '0x' + '11' * 64 + '1b',
                        'Content-Type': 'application/json'}}
            satori = requests.post(sim.url + '{paths.BATCH_CREATE}', data='[' * 240_000, headers=headers, timeout=60)
            admin = requests.post(sim.url + '/__sim/faults', data='{{"kind":' * 80_000, timeout=60)
            print(satori.json()['code'], admin.status_code, requests.get(sim.url + '{paths.TIME}', timeout=60).json()['code'])
    ''')
    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ['2001', '400', '200']


HOSTILE_JSON_BODIES = {
    'nested-lists': '[' * 240_000,
    'nested-objects': '{"orders":' * 50_000,
    'nested-33-levels': '{"orders":[' + '[' * 31 + ']' * 31 + '],"timestamp":"1"}',
    'a-5000-digit-integer': '{"orders":[{"lever":' + '9' * 5000 + '}],"timestamp":"1"}',
    'a-19-digit-lever': '{"orders":[{"clientOrderId":"1","isLong":true,"isMarket":false,"lever":' + '9' * 19
                        + ',"matchType":1,"pairName":"ETH-USD","positionType":3,"price":"3000","quantity":"0.1"}],"timestamp":"1"}',
    'bad-utf-8': b'{"orders":[],"timestamp":"\xff\xfe"}',
    'nan': '{"orders":[{"lever":NaN}],"timestamp":"1"}',
    'truncated': '{"orders":[{"lever":1',
    'a-string-of-brackets': '{"orders":"' + '[' * 5000 + '","timestamp":"1"}',
    'not-an-object': '[]',
    'empty': '',
}


@pytest.mark.parametrize('name', HOSTILE_JSON_BODIES)
def test_a_hostile_json_body_answers_an_envelope_and_the_simulator_goes_on(sim, name):
    body = HOSTILE_JSON_BODIES[name]
    text = body.decode('utf-8', 'replace') if isinstance(body, bytes) else body
    signature = personal_sign(sim.secret, text)
    response = requests.post(sim.url + paths.BATCH_CREATE, data=body, headers=signed_headers(sim, signature, 'application/json'),
                             timeout=60)
    assert response.status_code == 200 and response.headers['Content-Type'].startswith('application/json')
    envelope = response.json()
    assert envelope['error'] is True and envelope['code'] in (2001, 2002, 4001) and envelope['data'] is None, envelope
    assert sim.open_order_ids() == []
    still_serving(sim)


def test_brackets_inside_json_strings_do_not_count_as_nesting(sim, wire):
    order = {'clientOrderId': '[' * 40 + '{' * 20 + '\\"', 'isLong': True, 'isMarket': False, 'lever': 10, 'matchType': 1,
             'pairName': 'ETH-USD', 'positionType': 3, 'price': '3000', 'quantity': '0.1'}
    created, = ok(wire.post_json(paths.BATCH_CREATE, {'orders': [order]}))
    assert created['corderId'] == order['clientOrderId'] and sim.open_order_ids() == [created['orderId']]


@pytest.mark.parametrize('depth, refused_unread', [(32, False), (33, True)])
def test_json_nested_32_deep_is_read_and_33_deep_is_refused_unread(sim, depth, refused_unread):
    document = '{"kind":' + '[' * (depth - 1) + ']' * (depth - 1) + '}'
    response = requests.post(sim.url + '/__sim/faults', data=document, timeout=30)
    assert response.status_code == 400
    assert ('nested deeper than 32' in response.json()['error']) is refused_unread


def test_a_body_over_1_mib_answers_413_with_a_2001_envelope(sim):
    response = requests.post(sim.url + paths.BATCH_CREATE, data=b'x' * (MIB + 1), headers=signed_headers(sim, '0x00', 'application/json'),
                             timeout=60)
    assert response.status_code == 413
    error(response.json(), 2001, 'Illegal parameter:body')
    assert (sim.requests[-1].status, sim.requests[-1].code, sim.requests[-1].body) == (413, 2001, '')
    still_serving(sim)


def test_a_chunked_body_over_1_mib_answers_413_with_a_2001_envelope(sim):
    chunks = (b'x' * (64 * KIB) for _ in range(17))   # no Content-Length: the simulator counts as it reads
    response = requests.post(sim.url + paths.BATCH_CREATE, data=chunks, headers=signed_headers(sim, '0x00', 'application/json'), timeout=60)
    assert response.status_code == 413
    error(response.json(), 2001, 'Illegal parameter:body')
    still_serving(sim)


def test_a_body_of_exactly_1_mib_is_read_and_judged_on_what_it_says(sim):
    response = requests.post(sim.url + paths.BATCH_CREATE, data=b' ' * MIB, headers=signed_headers(sim, '0x00', 'application/json'),
                             timeout=60)
    assert response.status_code == 200
    error(response.json(), 2001, 'Illegal parameter:body')


def test_a_body_over_1_mib_to_an_admin_route_answers_413_in_json(sim):
    response = requests.post(sim.url + '/__sim/faults', data=b'{' * (MIB + 1), timeout=60)
    assert response.status_code == 413 and 'error' in response.json()
    assert sim.faults.describe() == []


# ----- hostile request lines and headers ---------------------------------------------------------


def test_a_request_line_over_8_kib_answers_414_with_a_2001_envelope(sim):
    target = paths.TIME + '?pad=' + 'a' * (8 * KIB - len(paths.TIME) - 4)
    assert len(target) == 8 * KIB + 1
    response = requests.get(sim.url + target, timeout=30)
    assert response.status_code == 414
    error(response.json(), 2001, 'Illegal parameter:query')
    still_serving(sim)


def test_a_request_target_of_exactly_8_kib_is_read_and_judged_on_what_it_says(sim):
    target = paths.TIME + '?pad=' + 'a' * (8 * KIB - len(paths.TIME) - 5)
    response = requests.get(sim.url + target, timeout=30)
    assert response.status_code == 200
    error(response.json(), 2001, 'Illegal parameter:pad')


def test_a_path_over_8_kib_answers_414_with_a_2001_envelope(sim):
    response = requests.get(sim.url + '/' + 'a' * (8 * KIB), timeout=30)
    assert response.status_code == 414
    error(response.json(), 2001, 'Illegal parameter:path')


def test_a_header_over_8_kib_answers_431_with_a_2001_envelope_naming_it(sim):
    response = requests.get(sim.url + paths.TIME, headers={'X-Pad': 'a' * (8 * KIB)}, timeout=30)
    assert response.status_code == 431
    error(response.json(), 2001, 'Illegal parameter:X-Pad')
    still_serving(sim)


@pytest.mark.parametrize('request_bytes', [
    b'GET /' + b'a' * (64 * KIB) + b' HTTP/1.1\r\nHost: x\r\n\r\n',
    b'GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ' + b'a' * (64 * KIB + 1) + b'\r\n\r\n',
    b'GET / HTTP/1.1\r\n' + b''.join(b'X-%d: 1\r\n' % n for n in range(200)) + b'\r\n',
], ids=['request-line-over-64-kib', 'header-over-64-kib', '200-headers'])
def test_a_request_beyond_the_hard_limits_is_refused_with_400_and_the_simulator_goes_on(sim, request_bytes):
    assert re.match(rb'HTTP/1\.[01] 400 ', raw_exchange(sim, request_bytes))
    still_serving(sim)


# ----- parameters, methods and routes ------------------------------------------------------------


HUGE = '9' * 5000
PUBLIC_INTEGERS = [(paths.TRADES, {'pairName': 'ETH-USD'}, 'limit'),
                   (paths.DEPTH, {'pairName': 'ETH-USD'}, 'limit'),
                   (paths.KLINE, {'pairName': 'ETH-USD', 'period': '1MIN'}, 'endTime'),
                   (paths.KLINE, {'pairName': 'ETH-USD', 'period': '1MIN'}, 'limit')]
ORDER = {'clientOrderId': 'c', 'isLong': True, 'isMarket': False, 'lever': 10, 'matchType': 1, 'pairName': 'ETH-USD', 'positionType': 3,
         'price': '3000', 'quantity': '0.1'}
SIGNED_INTEGERS = [(paths.CANCEL, {}, 'entrustId'), (paths.BATCH_CANCEL, {}, 'entrustIds'), (paths.QUERY_ORDER, {}, 'entrustId'),
                   (paths.CREATE, ORDER, 'lever'), (paths.CREATE, ORDER, 'matchType'),
                   (paths.CREATE, ORDER, 'positionType'),
                   (paths.CALL_MARGIN, {'call': True, 'marginAmount': '1'}, 'positionId'),
                   (paths.OPEN_ORDERS, {'pairName': 'ETH-USD'}, 'pageNo'),
                   (paths.MY_TRADES, {'pairName': 'ETH-USD'}, 'matchId'),
                   (paths.POSITIONS, {'pairName': 'ETH-USD'}, 'pageSize'),
                   (paths.BALANCE, {'symbol': 'USD'}, 'timestamp')]


def parameter_ids(table) -> list:
    return [f'{path.rsplit("/", 1)[1]}-{name}' for path, _, name in table]


@pytest.mark.parametrize('path, params, name', PUBLIC_INTEGERS, ids=parameter_ids(PUBLIC_INTEGERS))
def test_a_5000_digit_integer_in_a_public_query_is_2001_naming_it(sim, path, params, name):
    error(SatoriWire(sim, None, None).get(path, **params, **{name: HUGE}), 2001, f'Illegal parameter:{name}')


@pytest.mark.parametrize('path, params, name', SIGNED_INTEGERS, ids=parameter_ids(SIGNED_INTEGERS))
def test_a_5000_digit_integer_in_a_signed_query_is_2001_naming_it(sim, wire, path, params, name):
    error(wire.post(path, **{**params, name: HUGE}), 2001, f'Illegal parameter:{name}')


@pytest.mark.parametrize('method', ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'PURGE'])
@pytest.mark.parametrize('path', [paths.TIME, paths.BALANCE])
def test_a_method_the_route_does_not_take_answers_405_with_an_envelope(sim, method, path):
    response = requests.request(method, sim.url + path, timeout=30)
    assert response.status_code == 405
    error(response.json(), 405, 'Method Not Allowed')


@pytest.mark.parametrize('target', ['/', paths.TIME + 'x', '/api/third/info/%ff%fe', '/api/..' + paths.TIME,
                                    '/' + paths.TIME, paths.TIME + '/', '*'])
def test_an_unknown_route_answers_404_with_an_envelope(sim, target):
    answer = raw_exchange(sim, f'OPTIONS {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'.encode())
    head, _, body = answer.partition(b'\r\n\r\n')
    assert head.startswith(b'HTTP/1.1 404 ')
    error(json.loads(body), 404, 'Not Found')


def test_bad_utf_8_in_a_public_query_is_2001(sim):
    error(requests.get(sim.url + paths.TRADES + '?pairName=%ff%fe', timeout=30).json(), 2001, 'Illegal parameter:pairName')


def test_bad_utf_8_in_a_header_is_refused_by_what_it_means(sim):
    answer = raw_exchange(sim, f'POST {paths.BALANCE}?symbol=USD&timestamp={T0} HTTP/1.1\r\nHost: x\r\nAPIKEY: \xff\xfe\r\n'
                               f'Content-Length: 0\r\nConnection: close\r\n\r\n'.encode('latin-1'))
    head, _, body = answer.partition(b'\r\n\r\n')
    assert head.startswith(b'HTTP/1.1 401 ')
    error(json.loads(body), 401, 'Unauthorized')
    assert sim.requests[-1].status == 401
    assert requests.get(sim.url + '/__sim/requests', timeout=30).status_code == 200   # the log shows it, however it is spelled


@pytest.fixture(scope='module')
def fuzzed_sim():
    """One simulator for all the examples of the request fuzz test: what they send cannot sign, so nothing changes."""
    with Simulator(seed=1, clock=T0) as simulator:
        yield simulator


@pytest.fixture(scope='module')
def admin_fuzzed_sim():
    """One simulator for all the examples of the admin fuzz test, apart: the faults and times they set reach no other test."""
    with Simulator(seed=1, clock=T0) as simulator:
        yield simulator


# Header values requests will send: printable ASCII and Latin-1, no spaces at either end.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e) | st.characters(min_codepoint=0xa1, max_codepoint=0xff),
                      max_size=140)


@settings(max_examples=300)
@given(method=st.sampled_from(['GET', 'POST']),
       path=st.sampled_from([paths.TIME, paths.TRADES, paths.KLINE, paths.CANCEL, paths.BATCH_CANCEL, paths.BALANCE, paths.BATCH_CREATE]),
       query=st.text(st.characters(codec='ascii', exclude_characters='#'), max_size=200),
       headers=st.dictionaries(st.sampled_from(['APIKEY', 'X-SAPI-SIGN-TYPE', 'signature', 'Content-Type']), HEADER_TEXT, max_size=4),
       body=st.binary(max_size=300))
def test_no_request_makes_the_simulator_answer_anything_but_a_satori_envelope_or_a_1001(fuzzed_sim, method, path, query, headers, body):
    headers.setdefault('APIKEY', fuzzed_sim.api_key)
    response = requests.request(method, fuzzed_sim.url + path + '?' + query, headers=headers, data=body, timeout=30)
    envelope = response.json()
    assert set(envelope) == {'error', 'code', 'msg', 'data', 'sid'} and envelope['code'] != 1001, envelope
    assert response.status_code in (200, 401, 404, 405), response.status_code


# ----- admin routes --------------------------------------------------------------------------------


ADMIN_INPUTS = [
    ('POST', 'faults', b'{"kind": "drop", "count": "1"}'),
    ('POST', 'faults', b'{"kind": "drop", "count": true}'),
    ('POST', 'faults', b'{"kind": "drop", "count": 0}'),
    ('POST', 'faults', b'{"kind": "latency", "seconds": 1e308}'),
    ('POST', 'faults', b'{"kind": "latency", "seconds": NaN}'),
    ('POST', 'faults', b'{"kind": "latency", "seconds": -1}'),
    ('POST', 'faults', b'{"kind": "latency"}'),
    ('POST', 'faults', b'{"kind": "code_2008", "duration": 1e400}'),
    ('POST', 'faults', b'{"kind": "http_5xx", "status": 600}'),
    ('POST', 'faults', b'{"kind": "http_429", "retry_after": "soon\\r\\nX-Injected: 1"}'),
    ('POST', 'faults', b'{"kind": "drop", "processed": "yes"}'),
    ('POST', 'faults', b'{"kind": "drop", "path": ["/"]}'),
    ('POST', 'faults', b'{"kind": "teapot"}'),
    ('POST', 'faults', b'{"kind": "drop", "colour": "red"}'),
    ('POST', 'faults', b'{"kind": ["drop"]}'),
    ('POST', 'faults', b'{"kind": "drop"'),
    ('POST', 'faults', b'["drop"]'),
    ('POST', 'faults', b'\xff\xfe{}'),
    ('POST', 'time', b'{"ms": "abc"}'),
    ('POST', 'time', b'{"ms": 1e20}'),
    ('POST', 'time', b'{"ms": 99999999999999999999}'),
    ('POST', 'time', b'{"ms": -1}'),
    ('POST', 'time', b'{"ms": true}'),
    ('POST', 'time', b'{"advanceMs": 1.5}'),
    ('POST', 'time', b'{"advanceMs": 1e308}'),
    ('POST', 'time', b'{"ms": 1, "advanceMs": 1}'),
    ('POST', 'time', b'{}'),
    ('POST', 'accounts', b'{"balance": "x"}'),
    ('POST', 'accounts', b'{"balance": -1}'),
    ('POST', 'accounts', b'{"balance": "Infinity"}'),
    ('POST', 'accounts', b'{"balance": "1e999999"}'),
    ('POST', 'accounts', b'{"balance": [1]}'),
    ('POST', 'accounts', b'{"secret": "0x01"}'),
    ('POST', 'orders', b'{"price": "abc"}'),
    ('POST', 'orders', b'{"price": "NaN"}'),
    ('POST', 'orders', b'{"lever": 1e400}'),
    ('POST', 'orders', b'{"lever": "10"}'),
    ('POST', 'orders', b'{"quantity": 0}'),
    ('POST', 'orders', b'{"side": "up"}'),
    ('POST', 'orders', b'{"side": []}'),
    ('POST', 'orders', b'{"pair": "DOGE-USD"}'),
    ('POST', 'orders', b'{"pair": {"a": 1}}'),
    ('POST', 'orders', b'{"apiKey": []}'),
    ('POST', 'orders', b'{"apiKey": "st_nobody"}'),
    ('POST', 'orders', b'{"client_order_id": 5}'),
    ('POST', 'orders', b'{"account_or_api_key": "x"}'),
    ('POST', 'orders/123/fill', b''),
    ('POST', 'orders/123/fill', b'{"now": true}'),
    ('GET', 'state', b'{"verbose": true}'),
    ('DELETE', 'requests', b'{"all": true}'),
]


@pytest.mark.parametrize('method, route, body', ADMIN_INPUTS, ids=[f'{row[0]}-{row[1]}-{row[2]!r}'[:60] for row in ADMIN_INPUTS])
def test_an_admin_route_answers_bad_input_with_a_json_400_and_changes_nothing(sim, method, route, body):
    before = sim.state()
    response = requests.request(method, f'{sim.url}/__sim/{route}', data=body, timeout=30)
    assert response.status_code == 400 and response.headers['Content-Type'].startswith('application/json')
    assert isinstance(response.json()['error'], str) and response.json()['error']
    assert sim.state() == before


@pytest.mark.parametrize('method, route', [('GET', 'nothing'), ('POST', 'state'), ('PUT', 'faults'), ('POST', 'orders/1/teleport'),
                                           ('POST', 'orders/12a/fill'), ('POST', 'orders/' + '1' * 5000 + '/fill'),
                                           ('POST', 'orders/١٢/fill')])
def test_an_unknown_admin_route_answers_a_json_404(sim, method, route):
    response = requests.request(method, f'{sim.url}/__sim/{route}', timeout=30)
    assert response.status_code == 404 and isinstance(response.json()['error'], str)


def test_an_admin_route_answers_good_input_after_bad(sim):
    assert requests.post(sim.url + '/__sim/time', json={'ms': 'abc'}, timeout=30).status_code == 400
    assert requests.post(sim.url + '/__sim/time', json={'advanceMs': -1000}, timeout=30).json() == {'now': T0 - 1000}
    assert requests.post(sim.url + '/__sim/accounts', json={'balance': 25}, timeout=30).json()['user_id'] > sim.user_id
    assert requests.post(sim.url + '/__sim/faults', json={'kind': 'latency', 'seconds': 0.5, 'path': paths.TIME}, timeout=30).ok


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)


@settings(max_examples=200)
@given(route=st.sampled_from([('POST', 'faults'), ('POST', 'time'), ('POST', 'accounts'), ('POST', 'orders'), ('GET', 'state'),
                              ('POST', 'orders/200000000/fill')]),
       document=st.dictionaries(st.sampled_from(['kind', 'count', 'duration', 'seconds', 'status', 'ms', 'advanceMs', 'balance', 'price',
                                                 'quantity', 'lever', 'side', 'pair', 'apiKey', 'processed', 'path', 'x']),
                                JSON_VALUES, max_size=4))
def test_no_admin_document_makes_the_simulator_answer_a_500_or_plain_text(admin_fuzzed_sim, route, document):
    method, name = route
    response = requests.request(method, f'{admin_fuzzed_sim.url}/__sim/{name}', data=json.dumps(document), timeout=30)
    assert response.status_code in (200, 400, 404) and response.headers['Content-Type'].startswith('application/json'), response.text
    assert isinstance(response.json(), (dict, list))


# ----- hooks: the same checks for Python callers -------------------------------------------------


@pytest.mark.parametrize('hook, arguments', [
    ('inject', ('latency',)), ('inject', ('latency', None, 1, None, 0)), ('inject', ('drop', None, True)),
    ('set_time', (1e12,)), ('set_time', (-5,)), ('set_time', ('1725865024825',)), ('advance_time', (0.5,)),
    ('create_account', ('lots',)), ('create_account', (float('inf'),)),
    ('place_order', ('st_nobody',)), ('place_order', ([],)),
], ids=repr)
def test_a_test_hook_refuses_a_bad_argument_with_a_value_error(sim, hook, arguments):
    with pytest.raises(ValueError):
        getattr(sim, hook)(*arguments)


def test_a_latency_fault_is_at_most_an_hour_and_a_duration_at_most_a_day(sim):
    with pytest.raises(ValueError, match='seconds'):
        sim.inject('latency', seconds=3601)
    with pytest.raises(ValueError, match='duration'):
        sim.inject('drop', duration=86_401)
    sim.inject('latency', seconds=3600, path=paths.TIME, duration=86_400)


def test_a_place_order_argument_of_the_wrong_type_is_a_value_error_naming_it(sim):
    for name, value in (('price', 'abc'), ('quantity', float('nan')), ('lever', 1.5), ('lever', True), ('pair', 5), ('client_order_id', 5)):
        with pytest.raises(ValueError, match=name):
            sim.place_order(sim.account, **{name: value})
    assert sim.open_order_ids() == []


# ----- the request log -------------------------------------------------------------------------------


def test_the_request_log_keeps_the_last_records_within_its_bound_and_counts_the_rest():
    with Simulator(seed=1, clock=T0, request_log_records=5) as sim:
        for limit in range(1, 9):
            requests.get(f'{sim.url}{paths.TRADES}?pairName=ETH-USD&limit={limit}', timeout=30)
        assert [record.query for record in sim.requests] == [f'pairName=ETH-USD&limit={limit}' for limit in range(4, 9)]
        assert sim.requests_dropped == 3
        state = requests.get(sim.url + '/__sim/state', timeout=30).json()
        assert (state['requestCount'], state['requestsDropped']) == (8, 3)
        sim.clear_requests()
        assert sim.requests == [] and sim.requests_dropped == 0


def test_the_request_log_lets_old_records_go_past_its_size_in_characters():
    with Simulator(seed=1, clock=T0, request_log_bytes=50 * KIB) as sim:
        for _ in range(8):
            requests.get(sim.url + paths.TIME + '?pad=' + 'a' * (8 * KIB - 30), timeout=30)
        assert 0 < len(sim.requests) < 8 and sim.requests_dropped == 8 - len(sim.requests)
        assert sum(record.size for record in sim.requests) <= 50 * KIB


def test_the_request_log_keeps_ten_thousand_records_by_default():
    assert Simulator(seed=1).request_log_records == 10_000
