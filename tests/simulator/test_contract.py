"""The simulator's contract: Satori's wire rules, cancels, the test hooks, the request log, faults and the clock.

Everything goes over real HTTP and is signed with eth-account directly (see
``test_simulator_support.py``), never through ``satori_ccxt``.
"""

import http.client
import time

import pytest
import requests
from eth_account import Account

from satori_simulator import Simulator
from satori_simulator.endpoints import ENDPOINTS
from satori_simulator.server import RequestRecord
from satori_simulator.timeline import peak_in_flight, round_trips

from ..support import T0, paths
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, DOCS_WALLET
from ..support.wire_client import SatoriWire, canonical_query, error, ok, personal_sign

# ----- the docs' worked examples --------------------------------------------------------------

# (what is sent, signature, the timestamp to freeze the clock at): Satori's docs, the nine REST vectors.
DOCS_REQUESTS = [
    (paths.CREATE, 'clientOrderId=1725693490018&isLong=True&isMarket=True&lever=20&matchType=2&pairName=ETH-USD'
     '&positionType=3&price=3100&quantity=0.02&timestamp=1725693490018',
     '0x7c8e2c2e5bfdd29f217e9bf1de4270c4c4aebe85ab09864cf3bef3bcf6f520d70b9e5c251280a2defe77cd5f3d6b64d938906317303a96955d8e3830af9ea03c1c',
     1725693490018),
    (paths.CANCEL, 'entrustId=178790278&timestamp=1725696896942',
     '0xf46a4e6efdbc7316d4c31901e12dfff2f156d3c11346fe1f5f2069994be39415746b8fef594a5b93c40c8a50f04986259605635910cac00578fec47629ccf97d1c',
     1725696896942),
    (paths.BATCH_CANCEL, 'entrustIds=180554928,180554929,180554930&timestamp=1725865024825',
     '0xb431bdc9b2bdd65c37b2eb2dcb337f7f31118933e8a4bdf0dd85825163c98cb36e3eb0fb180fc671388e7225617f1f45b32a7717e12a40fa2c9f3f3893e75a351c',
     1725865024825),
    (paths.CALL_MARGIN, 'call=True&marginAmount=10&positionId=4796701&timestamp=1725865751805',
     '0x3e7a622d3319fe5abff048ade714170c01b5d1b3d9c3b0e40e89fce896a9807a5e396145575e34dbb562637481efa9acb5b62f9a53382ec4329753042866a2651c',
     1725865751805),
    (paths.BALANCE, 'symbol=USD&timestamp=1725867599415',
     '0xb89ebe4ad4aabdb7a01e5ad190b341ebc42a011dd416cfc7b4b8ee381eb124ce0147e01a0944afa44e99afd9636b857f30f595478bb665b3a2982b9d94bcc3ef1b',
     1725867599415),
    (paths.OPEN_ORDERS, 'pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725867816041',
     '0xca57766c2e5cece1671b65bd2409a2dffa685781a7987b3a8eef2a95e25709d938135836810eb05976528abd8706a495170a738e36b1c25ee792b6493f1873751b',
     1725867816041),
    (paths.MY_TRADES, 'matchId=19864367&pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725868174532',
     '0x438e6ca43d3dd371f5c7dde98d967bb9d7949f82d19496513e085d7e3b55d26f75d7269ae7ece951fd9672b2a8b70ec298ab155f63e364c951d2c6a58bd5be7f1b',
     1725868174532),
    (paths.POSITIONS, 'pageNo=1&pageSize=2&pairName=ETH-USD&timestamp=1725868384990',
     '0x5b074aac7a618b9b8f6b38228d78e871e9e65b2d72eb179a7dc117f4b35988bf0f06780649fc8682769b98d409aa9b983c24adb30d7e64b4ae4f95c428c8598e1c',
     1725868384990),
]
DOCS_BATCH_CREATE_BODY = (
    '{"orders":[{"clientOrderId":"1725696393685","isLong":true,"isMarket":true,"lever":20,"matchType":2,"pairName":"ETH-USD",'
    '"positionType":3,"price":"3100","quantity":"0.02"},{"clientOrderId":"1725696393685","isLong":false,"isMarket":false,'
    '"lever":1,"matchType":1,"pairName":"ETH-USD","positionType":3,"price":"3500","quantity":"0.02"},{"clientOrderId":'
    '"1725696393685","isLong":false,"isMarket":false,"lever":1,"matchType":1,"pairName":"ETH-USD","positionType":3,'
    '"price":"3500","quantity":"0.02"}],"timestamp":"1725696393685"}')
DOCS_BATCH_CREATE_SIGNATURE = (
    '0x89d41d5762b114bfc2a698f1af59f622e93249a3228dfef07970f7d975e919fb12c339db8f628252773d00aa68b10732ffd45424976950e47db0da874bc7cc6a1b')


@pytest.mark.parametrize('path, query, signature, timestamp', DOCS_REQUESTS, ids=[row[0].rsplit('/', 1)[1] for row in DOCS_REQUESTS])
def test_every_docs_example_request_succeeds_at_its_timestamp(sim, path, query, signature, timestamp):
    sim.set_time(timestamp)
    ok(SatoriWire.docs(sim).post_raw(path, query, signature).json())


def test_docs_batch_create_example_succeeds_at_its_timestamp(sim):
    sim.set_time(1725696393685)
    headers = {'APIKEY': DOCS_API_KEY, 'X-SAPI-SIGN-TYPE': '2', 'signature': DOCS_BATCH_CREATE_SIGNATURE,
               'Content-Type': 'application/json'}
    response = requests.post(sim.url + paths.BATCH_CREATE, data=DOCS_BATCH_CREATE_BODY, headers=headers, timeout=10)
    created = ok(response.json())
    assert [item['pairName'] for item in created] == ['ETH-USD'] * 3
    assert all(item['corderId'] == '1725696393685' and item['orderId'] >= 200_000_000 for item in created)


def test_docs_examples_answer_as_documented(sim):
    docs = SatoriWire.docs(sim)
    path, query, signature, timestamp = DOCS_REQUESTS[1]
    sim.set_time(timestamp)
    assert ok(docs.post_raw(path, query, signature).json()) is True
    assert sim.order_status(178790278) == 'cancelled'
    path, query, signature, timestamp = DOCS_REQUESTS[4]
    sim.set_time(timestamp)
    balance = ok(docs.post_raw(path, query, signature).json())
    assert balance['userId'] == 42471 and balance['coinId'] == 4 and balance['symbol'] == 'USD'


def test_docs_account_is_registered_with_the_published_wallet(sim):
    assert Account.from_key(DOCS_SECRET).address == DOCS_WALLET
    assert sim.docs_account.api_key == DOCS_API_KEY and sim.docs_account.wallet_address == DOCS_WALLET
    assert sim.open_order_ids(DOCS_API_KEY) == [178790278, 180554928, 180554929, 180554930]


# ----- public endpoints -----------------------------------------------------------------------

def test_the_simulator_serves_exactly_the_endpoint_paths_the_tests_name(sim):
    assert sorted(ENDPOINTS) == sorted(paths.REST)
    assert sim.stream_url.endswith(paths.STREAM)


def test_server_time_is_the_simulator_clock(sim):
    assert ok(requests.get(sim.url + paths.TIME, timeout=10).json()) == T0


def test_pairs_have_the_captured_shape(sim):
    pairs = ok(requests.get(sim.url + paths.PAIRS, timeout=10).json())
    assert [pair['symbol'] for pair in pairs] == ['ETH-USD', 'BTC-USD', 'SOL-USD']
    assert pairs[0] == {
        'id': 1, 'tradeCoinId': 1, 'tradeCoinName': 'ETH', 'tradeDecimal': 3, 'priceDecimal': 2, 'settleDecimal': 6, 'settleCoinId': 4,
        'settleCoinName': 'USD', 'swapCoinId': 1, 'swapCoinName': None, 'symbol': 'ETH-USD', 'classifyId': None, 'categoryId': None,
        'visible': 0, 'tradable': True, 'status': None, 'sort': None, 'isDual': False, 'faceMultiplier': '1', 'isDelivery': False,
        'deliveryTime': None, 'deliveryMarketPrice': None, 'deliveryStatus': None, 'takerTradeFeeRate': '0.06', 'makerTradeFeeRate': '0.04',
        'pair': 'ETH-USD', 'minCount': '0.001', 'maxCount': '1000', 'brandExchange': None, 'platform': None, 'preMarket': None,
        'initMarkPrice': None, 'releaseTime': None, 'createTime': None}


def test_public_endpoint_rejects_unknown_parameters_with_2001(sim):
    error(SatoriWire(sim, None, None).get(paths.TRADES, pairName='ETH-USD', symbol='ETH'), 2001, 'Illegal parameter:symbol')


def test_unknown_path_is_http_404(sim):
    response = requests.get(sim.url + '/api/third/info/nothing', timeout=10)
    assert response.status_code == 404 and response.json()['code'] == 404


def test_signed_endpoint_called_with_get_is_http_405(sim):
    response = requests.get(sim.url + paths.BALANCE + '?symbol=USD', timeout=10)
    assert response.status_code == 405


# ----- authentication and the signed query ------------------------------------------------------

def test_unknown_api_key_is_http_401_with_code_401(sim):
    response = SatoriWire(sim, 'st_unknown', sim.secret).post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert response.status_code == 401
    error(response.json(), 401)


def test_sign_type_other_than_2_is_rejected_with_2001(sim, wire):
    for sign_type in ('1', None):
        response = wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}', headers={'X-SAPI-SIGN-TYPE': sign_type})
        error(response.json(), 2001, 'Illegal parameter:X-SAPI-SIGN-TYPE')


def test_missing_signature_is_rejected_with_2002(sim, wire):
    error(wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}', signature='').json(), 2002, 'Required parameter:signature')


def test_signature_by_another_wallet_is_rejected_with_4001(sim, wire):
    query = f'symbol=USD&timestamp={T0}'
    error(wire.post_raw(paths.BALANCE, query, signature=personal_sign(DOCS_SECRET, query)).json(), 4001, 'Invalid address')


def test_malformed_signature_is_rejected_with_4001(sim, wire):
    error(wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}', signature='0x1234').json(), 4001)


def test_signature_over_a_reencoded_query_is_rejected_with_4001(sim, wire):
    order_id = sim.place_order(sim.account)
    sent = f'entrustIds={order_id},{order_id + 1}&timestamp={T0}'
    error(wire.post_raw(paths.BATCH_CANCEL, sent, signature=personal_sign(sim.secret, sent.replace(',', '%2C'))).json(), 4001)
    assert sim.order_status(order_id) == 'open'


def test_percent_encoded_query_is_rejected_with_2001(sim, wire):
    error(wire.post_raw(paths.BATCH_CANCEL, f'entrustIds=1%2C2&timestamp={T0}').json(), 2001, 'Illegal parameter:entrustIds')


def test_plus_in_a_value_is_rejected_with_2001(sim, wire):
    error(wire.post_raw(paths.BALANCE, f'symbol=U+SD&timestamp={T0}').json(), 2001, 'Illegal parameter:symbol')


def test_unsorted_query_is_rejected(sim, wire):
    error(wire.post_raw(paths.BALANCE, f'timestamp={T0}&symbol=USD').json(), 4001)


def test_duplicate_parameter_is_rejected_with_2001(sim, wire):
    error(wire.post_raw(paths.BALANCE, f'symbol=USD&symbol=USD&timestamp={T0}').json(), 2001, 'Illegal parameter:symbol')


def test_lowercase_boolean_is_rejected_with_2001(sim, wire):
    query = (f'clientOrderId=1&isLong=true&isMarket=False&lever=10&matchType=1&pairName=ETH-USD&positionType=3&price=3000'
             f'&quantity=0.1&timestamp={T0}')
    error(wire.post_raw(paths.CREATE, query).json(), 2001, 'Illegal parameter:isLong')


def test_body_on_a_query_endpoint_is_rejected_with_2001(sim, wire):
    query = f'symbol=USD&timestamp={T0}'
    error(wire.post_raw(paths.BALANCE, query, body=query).json(), 2001, 'Illegal parameter:body')


def test_missing_timestamp_is_rejected_with_2002(sim, wire):
    error(wire.post_raw(paths.BALANCE, 'symbol=USD').json(), 2002, 'Required parameter:timestamp')


def test_stale_timestamp_is_rejected(sim, wire):
    error(wire.post(paths.BALANCE, timestamp=T0 - 30_001, symbol='USD'), 2001, 'Illegal parameter:timestamp')
    error(wire.post(paths.BALANCE, timestamp=T0 + 30_001, symbol='USD'), 2001, 'Illegal parameter:timestamp')
    ok(wire.post(paths.BALANCE, timestamp=T0 - 30_000, symbol='USD'))


def test_timestamp_window_is_set_per_instance():
    with Simulator(seed=1, clock=T0, timestamp_window_ms=1000) as sim:
        wire = SatoriWire(sim, sim.api_key, sim.secret)
        error(wire.post(paths.BALANCE, timestamp=T0 - 1001, symbol='USD'), 2001)
        ok(wire.post(paths.BALANCE, timestamp=T0 - 1000, symbol='USD'))


def test_missing_parameter_is_2002_and_malformed_is_2001(sim, wire):
    error(wire.post(paths.CANCEL), 2002, 'Required parameter:entrustId')
    error(wire.post(paths.CANCEL, entrustId='12a'), 2001, 'Illegal parameter:entrustId')


def test_unknown_parameter_is_rejected_with_2001(sim, wire):
    error(wire.post(paths.BALANCE, symbol='USD', coin='USD'), 2001, 'Illegal parameter:coin')


def test_balance_of_another_coin_is_rejected_with_2001(sim, wire):
    error(wire.post(paths.BALANCE, symbol='ETH'), 2001, 'Illegal parameter:symbol')


def test_balance_shows_the_ready_account(sim, wire):
    assert wire.balance() == {'userId': sim.user_id, 'coinId': 4, 'availableAmount': '100000', 'frozenAmount': '0', 'symbol': 'USD'}


# ----- cancel and batch cancel ------------------------------------------------------------------

def test_cancel_of_an_open_order_succeeds_and_cancels_it(sim, wire):
    order_id = sim.place_order(sim.account)
    assert ok(wire.cancel(order_id)) is True
    assert sim.order_status(order_id) == 'cancelled' and sim.open_order_ids() == []


def test_cancel_of_a_cancelled_order_is_2125(sim, wire):
    order_id = sim.place_order(sim.account)
    sim.cancel_behind_back(order_id)
    error(wire.cancel(order_id), 2125, 'The order has been revoked')


def test_cancel_of_a_filled_order_is_2126(sim, wire):
    order_id = sim.place_order(sim.account)
    sim.fill(order_id)
    assert sim.order_status(order_id) == 'filled'
    error(wire.cancel(order_id), 2126, 'The order has been completely filled')


def test_cancel_of_an_expired_order_is_2103(sim, wire):
    order_id = sim.place_order(sim.account)
    sim.expire(order_id)
    error(wire.cancel(order_id), 2103, 'Order expired')


def test_refused_cancel_is_2319_and_leaves_the_order_open(sim, wire):
    order_id = sim.place_order(sim.account)
    sim.refuse_cancel(order_id)
    for _ in range(2):
        assert error(wire.cancel(order_id), 2319)['msg'].startswith('Failed to cancel order:')
    assert sim.order_status(order_id) == 'open'


def test_cancel_of_an_unknown_order_is_2319_order_does_not_exist(sim, wire):
    error(wire.cancel(123), 2319, 'Failed to cancel order:order does not exist')


def test_cancel_of_another_accounts_order_is_2319_and_leaves_it_open(sim, wire):
    other = sim.create_account()
    order_id = sim.place_order(other)
    error(wire.cancel(order_id), 2319, 'Failed to cancel order:order does not exist')
    assert sim.order_status(order_id) == 'open'


def test_batch_cancel_of_open_orders_succeeds(sim, wire):
    ids = [sim.place_order(sim.account, price=str(2900 + i)) for i in range(3)]
    assert ok(wire.batch_cancel(ids)) is True
    assert [sim.order_status(i) for i in ids] == ['cancelled'] * 3


@pytest.mark.parametrize('spoil, code', [('fill', 2126), ('cancel_behind_back', 2125), ('expire', 2103), ('refuse_cancel', 2319)])
def test_batch_cancel_stops_at_first_failure_and_leaves_the_rest_open(sim, wire, spoil, code):
    ids = [sim.place_order(sim.account, price=str(2900 + i)) for i in range(4)]
    getattr(sim, spoil)(ids[1])
    error(wire.batch_cancel(ids), code)
    assert sim.order_status(ids[0]) == 'cancelled'
    assert [sim.order_status(i) for i in ids[2:]] == ['open', 'open']


def test_batch_cancel_stops_at_an_unknown_id(sim, wire):
    ids = [sim.place_order(sim.account, price=str(2900 + i)) for i in range(2)]
    error(wire.batch_cancel([ids[0], 999, ids[1]]), 2319, 'Failed to cancel order:order does not exist')
    assert [sim.order_status(i) for i in ids] == ['cancelled', 'open']


def test_batch_cancel_failure_answers_data_false_when_so_configured():
    with Simulator(seed=1, clock=T0, batch_failure_signal='data_false') as sim:
        wire = SatoriWire(sim, sim.api_key, sim.secret)
        ids = [sim.place_order(sim.account, price=str(2900 + i)) for i in range(3)]
        sim.fill(ids[1])
        envelope = wire.batch_cancel(ids)
        assert envelope['error'] is False and envelope['code'] == 200 and envelope['data'] is False
        assert [sim.order_status(i) for i in ids] == ['cancelled', 'filled', 'open']


@pytest.mark.parametrize('unknown_order_answer, single, batch, by_client_id', [
    ('2319', (2319, 'Failed to cancel order:order does not exist'), (2319, 'Failed to cancel order:order does not exist'),
     (2319, 'Failed to cancel order:order does not exist')),
    ('2001', (2001, 'Illegal parameter:entrustId'), (2001, 'Illegal parameter:entrustIds'), (2001, 'Illegal parameter:clientOrderId')),
])
def test_an_id_that_is_no_order_is_answered_as_the_simulator_is_told_and_queryorder_says_2001(unknown_order_answer, single, batch,
                                                                                              by_client_id):
    with Simulator(seed=1, clock=T0, unknown_order_answer=unknown_order_answer) as sim:
        wire = SatoriWire(sim, sim.api_key, sim.secret)
        [order_id] = [sim.place_order(sim.account, price='2900')]
        error(wire.cancel(999), *single)
        error(wire.batch_cancel([order_id, 999]), *batch)
        error(wire.post(paths.CANCEL_BY_CLIENT_ID, clientOrderId='nobody'), *by_client_id)
        error(wire.query_order(999), 2001, 'Illegal parameter:entrustId')
        assert sim.order_status(order_id) == 'cancelled' and sim.state()['unknownOrderAnswer'] == unknown_order_answer


def test_unknown_order_answer_must_be_2319_or_2001():
    with pytest.raises(ValueError, match='unknown_order_answer'):
        Simulator(unknown_order_answer='2125')


def test_batch_failure_signal_must_be_code_or_data_false():
    with pytest.raises(ValueError):
        Simulator(batch_failure_signal='raise')


@pytest.mark.parametrize('ids', ['1,,2', ',1', '1,', 'a,b', '0', '9223372036854775808'])
def test_batch_cancel_with_malformed_ids_is_2001(sim, wire, ids):
    error(wire.post(paths.BATCH_CANCEL, entrustIds=ids), 2001, 'Illegal parameter:entrustIds')


# ----- creating orders (phase 1: a limit order away from the book rests) ----------------------

def test_limit_order_away_from_the_book_rests_with_a_new_id(sim, wire):
    created = ok(wire.create(price='3000', client_order_id='abc'))
    assert created['pairName'] == 'ETH-USD' and created['corderId'] == 'abc' and created['orderId'] >= 200_000_000
    assert sim.order_status(created['orderId']) == 'open'
    assert sim.open_order_ids() == [created['orderId']]


def test_order_ids_count_up_from_200000000(sim):
    assert [sim.place_order(sim.account) for _ in range(3)] == [200_000_000, 200_000_001, 200_000_002]


# ----- hooks, accounts and keys -------------------------------------------------------------------

def test_ready_account_key_is_derived_from_the_seed_and_matches_its_wallet(sim):
    assert sim.secret.startswith('0x') and len(sim.secret) == 66 and sim.secret != DOCS_SECRET
    assert Account.from_key(sim.secret).address == sim.wallet_address
    assert sim.api_key.startswith('st_sim_')
    assert Simulator(seed=1).secret == sim.secret and Simulator(seed=2).secret != sim.secret


def test_created_account_has_working_credentials_and_its_balance(sim):
    account = sim.create_account(balance='2500.5')
    assert account['api_key'] == account.api_key and account.user_id != sim.user_id
    assert SatoriWire(sim, account.api_key, account.secret).balance()['availableAmount'] == '2500.5'


def test_place_order_refuses_a_price_that_would_trade(sim):
    bid, ask = sim.best_prices('ETH-USD')
    with pytest.raises(ValueError, match='away from the book'):
        sim.place_order(sim.account, side='buy', price=str(ask))
    with pytest.raises(ValueError, match='away from the book'):
        sim.place_order(sim.account, side='sell', price=str(bid))


def test_hooks_on_an_order_that_is_not_open_raise(sim):
    order_id = sim.place_order(sim.account)
    sim.fill(order_id)
    for hook in (sim.fill, sim.cancel_behind_back, sim.expire, sim.refuse_cancel):
        with pytest.raises(ValueError):
            hook(order_id)
    assert sim.order_status(1) is None


# ----- clock ------------------------------------------------------------------------------------

def test_set_time_freezes_the_clock_and_none_returns_to_real_time(sim):
    sim.set_time(1234)
    assert sim.now_ms() == 1234
    sim.set_time(None)
    assert abs(sim.now_ms() - time.time() * 1000) < 5000


def test_real_time_clock_accepts_a_fresh_timestamp():
    with Simulator(seed=1) as sim:
        ok(SatoriWire(sim, sim.api_key, sim.secret).post(paths.BALANCE, timestamp=int(time.time() * 1000), symbol='USD'))


# ----- request log ------------------------------------------------------------------------------

def test_requests_one_after_another_are_as_many_round_trips_with_one_in_flight(sim, wire):
    sim.clear_requests()
    for _ in range(3):
        wire.balance()
    records = sim.requests
    assert [(record.received < record.answered) for record in records] == [True] * 3
    assert round_trips(records) == 3 and peak_in_flight(records) == 1


@pytest.mark.parametrize('spans, trips, peak', [
    ([(0, 1), (2, 3), (4, 5)], 3, 1),               # one after another
    ([(0, 3), (1, 4), (2, 5)], 1, 3),               # all at once
    ([(0, 2), (1, 3), (4, 6), (5, 7), (8, 9)], 3, 2),  # two windows of two, then one
    ([(0, 5), (1, 2), (3, 4)], 2, 2),               # a long request beside two short ones in a row
    ([(0, None), (1, 2)], 1, 2),                    # a request never answered (its connection dropped by the client)
])
def test_round_trips_and_requests_in_flight_come_from_the_order_of_arrivals_and_answers(spans, trips, peak):
    records = [RequestRecord('POST', '/p', '', {}, '', received=received, answered=answered) for received, answered in spans]
    assert (round_trips(records), peak_in_flight(records)) == (trips, peak)


def test_request_log_keeps_the_raw_query_headers_body_and_answer(sim, wire):
    sim.clear_requests()
    connection = http.client.HTTPConnection('127.0.0.1', sim.port, timeout=10)
    connection.request('POST', paths.BATCH_CANCEL + '?entrustIds=1%2C2&timestamp=5',
                       headers={'APIKEY': sim.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': '0x00'})
    connection.getresponse().read()
    record, = sim.requests
    assert (record.method, record.path, record.query) == ('POST', paths.BATCH_CANCEL, 'entrustIds=1%2C2&timestamp=5')
    assert record.headers['APIKEY'] == sim.api_key and record.body == ''
    assert (record.status, record.code) == (200, 2001)
    assert sim.count(paths.BATCH_CANCEL) == 1 and sim.count(paths.BATCH_CANCEL.lstrip('/')) == 1 and sim.count(paths.CANCEL) == 0
    sim.clear_requests()
    assert sim.requests == []


# ----- faults -----------------------------------------------------------------------------------

def test_latency_fault_delays_the_answer(sim, wire):
    sim.inject('latency', path=paths.BALANCE, seconds=0.3)
    started = time.monotonic()
    ok(wire.post(paths.BALANCE, symbol='USD'))
    assert time.monotonic() - started >= 0.3


def test_http_5xx_fault_answers_an_html_page(sim, wire):
    sim.inject('http_5xx', status=503)
    response = wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert response.status_code == 503 and response.headers['Content-Type'].startswith('text/html') and '<html>' in response.text


def test_http_429_fault_answers_plain_text(sim, wire):
    sim.inject('http_429', retry_after=2)
    response = wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert response.status_code == 429 and response.headers['Content-Type'].startswith('text/plain')
    assert response.headers['Retry-After'] == '2' and response.text == 'Too Many Requests'


def test_code_2008_fault_answers_the_frequent_requests_envelope(sim, wire):
    sim.inject('code_2008')
    response = wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert response.status_code == 200
    assert error(response.json(), 2008)['msg'].startswith('Frequent requests:')


def test_maintenance_fault_answers_2329(sim, wire):
    sim.inject('maintenance', path=paths.CANCEL)
    order_id = sim.place_order(sim.account)
    error(wire.cancel(order_id), 2329, 'The server is updating, please wait a moment...')
    assert sim.order_status(order_id) == 'open'


def test_drop_fault_closes_the_connection_without_an_answer(sim, wire):
    sim.inject('drop')
    with pytest.raises(requests.ConnectionError):
        wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert sim.requests[-1].status is None
    ok(wire.post(paths.BALANCE, symbol='USD'))


def test_non_json_200_fault_answers_a_text_body(sim, wire):
    sim.inject('non_json_200')
    response = wire.post_raw(paths.BALANCE, f'symbol=USD&timestamp={T0}')
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_fault_applies_to_its_path_for_its_count_only(sim, wire):
    sim.inject('maintenance', path=paths.CANCEL, count=2)
    ok(wire.post(paths.BALANCE, symbol='USD'))
    order_id = sim.place_order(sim.account)
    error(wire.cancel(order_id), 2329)
    error(wire.cancel(order_id), 2329)
    ok(wire.cancel(order_id))


def test_fault_with_skip_lets_the_first_matching_requests_through(sim, wire):
    sim.inject('maintenance', path=paths.BALANCE, count=1, skip=2)
    ok(wire.post(paths.BALANCE, symbol='USD'))
    ok(wire.post(paths.BALANCE, symbol='USD'))
    error(wire.post(paths.BALANCE, symbol='USD'), 2329)
    ok(wire.post(paths.BALANCE, symbol='USD'))


def test_fault_with_a_duration_applies_until_it_runs_out(sim, wire):
    now = [100.0]
    sim.faults.monotonic = lambda: now[0]   # the faults' clock, moved by the test rather than by the machine
    sim.inject('code_2008', duration=2)
    for _ in range(3):
        error(wire.post(paths.BALANCE, symbol='USD'), 2008)
    now[0] += 1
    error(wire.post(paths.BALANCE, symbol='USD'), 2008)
    assert sim.faults.describe()[0]['secondsLeft'] == 1
    now[0] += 1
    ok(wire.post(paths.BALANCE, symbol='USD'))


def test_processed_fault_carries_the_request_out_and_loses_its_answer(sim, wire):
    order_id = sim.place_order(sim.account)
    sim.inject('drop', path=paths.CANCEL, processed=True)
    with pytest.raises(requests.ConnectionError):
        wire.cancel(order_id)
    assert sim.order_status(order_id) == 'cancelled'


def test_clear_faults_removes_every_fault(sim, wire):
    sim.inject('maintenance', count=5)
    sim.clear_faults()
    ok(wire.post(paths.BALANCE, symbol='USD'))


def test_unknown_fault_kind_or_option_is_refused(sim):
    with pytest.raises(ValueError):
        sim.inject('teapot')
    with pytest.raises(ValueError):
        sim.inject('drop', seconds=1)


# ----- admin routes -------------------------------------------------------------------------------

def test_admin_routes_set_faults_time_and_show_state(sim, wire):
    assert requests.post(sim.url + '/__sim/faults', json={'kind': 'maintenance', 'path': paths.BALANCE, 'count': 1}, timeout=10).ok
    error(wire.post(paths.BALANCE, symbol='USD'), 2329)
    assert requests.post(sim.url + '/__sim/time', json={'ms': 1725867599415}, timeout=10).json()['now'] == 1725867599415
    state = requests.get(sim.url + '/__sim/state', timeout=10).json()
    assert state['now'] == 1725867599415 and state['batchFailureSignal'] == 'code'
    assert {account['apiKey'] for account in state['accounts']} >= {DOCS_API_KEY, sim.api_key}
    assert requests.post(sim.url + '/__sim/faults', json={'kind': 'nope'}, timeout=10).status_code == 400
    assert requests.get(sim.url + '/__sim/nothing', timeout=10).status_code == 404
    assert sim.count('/__sim/state') == 0


def test_admin_routes_drive_orders(sim):
    order_id = requests.post(sim.url + '/__sim/orders', json={'price': '2950'}, timeout=10).json()['orderId']
    assert sim.open_order_ids() == [order_id]
    answer = requests.post(sim.url + f'/__sim/orders/{order_id}/fill', timeout=10).json()
    assert answer == {'orderId': order_id, 'status': 'filled'}


def test_canonical_query_of_the_test_helper_matches_the_docs():
    assert canonical_query({'timestamp': 1, 'isLong': True, 'entrustIds': '1,2'}) == 'entrustIds=1,2&isLong=True&timestamp=1'
