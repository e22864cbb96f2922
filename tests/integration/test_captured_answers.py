"""The answers Satori's software was captured sending (tests/support/captured_answers.py), read by every unified method.

Served verbatim by a plain loopback server, sync and async, and replayed from
``cassettes/captured_answers.yaml`` (``python -m tests.support.record_cassettes``):
each read must give the right timestamp, precision, side, amount, price and status.
"""

import pytest

from ..support.captured_answers import CAPTURES
from ..support.cassette_config import satori_vcr
from ..support.clients import Driver, at_url
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET
from ..support.record_cassettes import BTC, CAPTURED_CASSETTE, ETH, RECORDED_AT, client, read_captured, serve_captured

SUI = 'SUI/USD:USD'


@pytest.fixture(scope='module', params=['replayed cassette', 'sync', 'async'])
def read(request):
    """What every unified read returned from the captured answers: replayed from the cassette, or served live to either class."""
    if request.param == 'replayed cassette':
        with satori_vcr().use_cassette(f'{CAPTURED_CASSETTE}.yaml') as cassette:
            answers = read_captured(client({'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}))
        assert cassette.all_played
        yield answers
        return
    from ..support.scripted_server import ScriptedServer
    server = ScriptedServer()
    server.respond_with(serve_captured)
    driver = Driver(request.param, at_url(server.url, apiKey=DOCS_API_KEY, secret=DOCS_SECRET, enableRateLimit=False))
    driver.exchange.milliseconds = lambda: RECORDED_AT
    try:
        yield read_captured(driver)
    finally:
        driver.close()
        server.close()


def test_every_capture_is_of_satori_or_of_a_later_deployment_as_its_sid_dates_it():
    for name, capture in CAPTURES.items():
        sid = capture.body.get('sid') if isinstance(capture.body, dict) else None
        if sid is None:
            continue
        if '-' in sid:
            assert capture.era == 'later', name
        else:   # numeric: the top bits count 4 ms units since an epoch (docs/evidence.md, dating a sid)
            year = 2024 if (int(sid) >> 22) < 433_000_000_000 else 2025
            assert capture.era == ('satori' if year == 2024 else 'later'), name


def test_server_time(read):
    assert read['fetch_time'] == 1714988294487


def test_pairs_give_precision_from_trade_decimal_activity_from_tradable_and_the_documented_max_leverage(read):
    eth, btc = read['load_markets'][ETH], read['load_markets'][BTC]
    assert (eth['precision'], btc['precision']) == ({'price': 0.01, 'amount': 0.001}, {'price': 0.1, 'amount': 0.001})
    assert (eth['active'], eth['settle'], eth['maker'], eth['taker'], btc['maker']) == (True, 'USD', 0.00015, 0.0002, 0)
    assert eth['limits']['amount'] == {'min': 0.01, 'max': 1000000} and eth['limits']['leverage'] == {'min': 1, 'max': 25}


def test_public_trades_mark_price_book_and_candles(read):
    trade, = read['fetch_trades']
    assert (trade['id'], trade['timestamp'], trade['side'], trade['price'], trade['amount'], trade['cost'], trade['symbol']) == \
        ('4739473', 1748576813000, 'buy', 106035.8, 0.313, 33189.2054, BTC)
    assert read['fetch_mark_price']['markPrice'] == 2626.1085932222
    book = read['fetch_order_book']
    assert (book['bids'], book['asks']) == ([[2731.48, 12.383], [2731.21, 12.169]], [[2734.13, 13.802], [2734.33, 11.364]])
    assert read['fetch_ohlcv'] == [[1748484900000, 2709.24, 2713.09, 2708.45, 2712.27, 9.554]]   # the high is Satori's "hight"


def test_funding_rate_and_its_history(read):
    assert (read['fetch_funding_rate']['fundingRate'], read['fetch_funding_rate']['symbol']) == (-0.0000625, ETH)
    entry, = read['fetch_funding_rate_history']
    assert (entry['timestamp'], entry['datetime'], entry['fundingRate']) == (1727161200000, '2024-09-24T07:00:00.000Z', -0.0000625)


def test_balance(read):
    assert read['fetch_balance']['USD'] == {'free': 5923162.009578, 'used': 3882121.614357, 'total': 9805283.623935}


def test_placing_and_cancelling(read):
    created = read['create_order']
    assert (created['id'], created['clientOrderId'], created['side'], created['amount'], created['price']) == \
        ('178754443', '1725693490018', 'buy', 0.02, 3100)
    assert [(order['id'], order['clientOrderId']) for order in read['create_orders']] == \
        [('178785303', '1725696393685'), ('178785304', '1725696393685'), ('178785305', '1725696393685')]
    assert (read['cancel_order']['id'], read['cancel_order']['status']) == ('178790278', 'canceled')
    assert [(order['id'], order['status']) for order in read['cancel_orders']] == \
        [('180554928', 'canceled'), ('180554929', 'canceled'), ('180554930', 'canceled')]
    cancelled, = read['cancel_all_orders']
    assert (cancelled['id'], cancelled['clientOrderId'], cancelled['symbol'], cancelled['side'], cancelled['status']) == \
        ('65803253', '1714984246126', ETH, 'buy', 'canceled')
    assert (read['add_margin']['status'], read['add_margin']['amount']) == ('ok', 10)


def test_an_open_order_whose_time_is_only_its_create_time_in_utc(read):
    order, = read['fetch_open_orders']
    assert (order['id'], order['timestamp'], order['datetime']) == ('180599703', 1725867694000, '2024-09-09T07:41:34.000Z')
    assert (order['symbol'], order['side'], order['type'], order['amount'], order['price'], order['filled'], order['status']) == \
        (ETH, 'sell', 'limit', 0.02, 3500, 0, 'open')
    assert (order['clientOrderId'], order['timeInForce']) == ('1725867693226', 'GTC')


def test_a_fill(read):
    fill, = read['fetch_my_trades']
    assert (fill['id'], fill['order'], fill['timestamp'], fill['side'], fill['takerOrMaker']) == \
        ('19862817', '180577696', 1725865706000, 'buy', 'taker')
    assert (fill['price'], fill['amount'], fill['cost'], fill['fee']) == (2315.09, 0.02, 46.3018, {'cost': 0.027781, 'currency': 'USD'})


def test_a_position_with_its_create_time_and_its_funding(read):
    position, = read['fetch_positions']
    assert (position['id'], position['timestamp'], position['side'], position['contracts'], position['entryPrice']) == \
        ('4796701', 1725693493000, 'long', 0.06, 2300.045)
    assert (position['leverage'], position['marginMode'], position['liquidationPrice'], position['markPrice']) == \
        (20, 'isolated', 1547.709113, 2626.1085932222)
    assert position['unrealizedPnl'] == pytest.approx((2626.1085932222 - 2300.045) * 0.06)
    assert (position['stopLossPrice'], position['takeProfitPrice']) == (None, None)
    funding, = read['fetch_funding_history']
    assert (funding['id'], funding['amount'], funding['code'], funding['symbol']) == ('4796701', -0.179974, 'USD', ETH)


def test_an_order_queried_with_every_number_a_string_on_a_pair_the_list_does_not_show(read):
    order = read['fetch_order']
    assert (order['id'], order['symbol'], order['timestamp'], order['side'], order['amount'], order['price'], order['status']) == \
        ('44636321', SUI, 1752154264000, 'buy', 7.1, 3.2, 'open')
    assert (order['filled'], order['clientOrderId'], order['timeInForce']) == (0, 'OYv3ACubud45omfJf3zI-', 'GTC')


def test_a_filled_order_from_the_order_history(read):
    order, = read['fetch_closed_orders']
    assert (order['id'], order['status'], order['timestamp'], order['lastUpdateTimestamp']) == \
        ('44154100', 'closed', 1752040931000, 1752040934000)
    assert (order['symbol'], order['side'], order['amount'], order['filled'], order['price'], order['cost']) == \
        (ETH, 'buy', 0.461, 0.461, 2626.65, 1210.88565)
