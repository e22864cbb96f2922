"""ccxt.pro.satori: Satori's streams against the simulator (state) and a scripted endpoint (exact pushes), over real WebSockets.

Nothing here waits on a timer: each test waits for a specific message, subscription or exception.
"""

import asyncio
import json
from decimal import Decimal

import aiohttp
import ccxt
import ccxt.pro
import pytest

import satori_ccxt
from satori_simulator import Simulator

from ..support import paths
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, WS_EXAMPLES
from ..support.scripted_stream import ScriptedStream, success_ack
from ..support.stream_clients import BTC, ETH, eventually, pro_client, run, subscribed

VECTOR_TIMES = {number: json.loads(sent)['timestamp'] for number, (sent, _, _) in WS_EXAMPLES.items()}


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=21, stream_interval=0.05) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def no_faults_left(sim):
    yield
    sim.clear_faults()


def client_of(sim, account=None, **config):
    account = account or sim.create_account('100000')
    return pro_client(sim.url, account.api_key, account.secret, **config)


# ----- registration ------------------------------------------------------------------------------


def test_import_registers_the_streaming_class_with_ccxt_pro():
    assert ccxt.pro.satori is satori_ccxt.pro_satori and 'satori' in ccxt.pro.exchanges
    assert issubclass(ccxt.pro.satori, satori_ccxt.async_satori)
    satori_ccxt.register()
    assert ccxt.pro.exchanges.count('satori') == 1


def test_has_flags_are_true_exactly_for_the_streams_that_work():
    has = ccxt.pro.satori().has
    assert has['ws'] is True
    for method in ('watchOrderBook', 'watchTrades', 'watchOHLCV', 'watchOrders', 'watchMyTrades', 'watchPositions', 'watchBalance',
                   'watchOrderBookForSymbols', 'watchTradesForSymbols', 'watchOHLCVForSymbols', 'unWatchOrders', 'unWatchOHLCV'):
        assert has[method] is True, method
    assert has['watchTicker'] is False and has['watchTickers'] is False


def test_the_stream_url_follows_the_rest_host_unless_it_is_configured():
    assert ccxt.pro.satori().stream_url() == 'wss://zksync.satori.finance' + paths.STREAM
    assert ccxt.pro.satori({'sandbox': True}).stream_url() == 'wss://zk-test.satori.finance' + paths.STREAM
    assert pro_client('http://127.0.0.1:8123').stream_url() == 'ws://127.0.0.1:8123' + paths.STREAM
    configured = ccxt.pro.satori({'urls': {'api': {'public': 'http://127.0.0.1:1', 'ws': 'ws://127.0.0.1:2/x'}}})
    assert configured.stream_url() == 'ws://127.0.0.1:2/x'


# ----- signing: the docs' four WebSocket vectors ----------------------------------------------------


def test_the_four_documented_subscribe_messages_go_on_the_wire_byte_for_byte(sim):
    async def scenario():
        exchange = pro_client(sim.url, DOCS_API_KEY, DOCS_SECRET, options={'watchTrades': {'event': 'api_trade'}})
        watches = {10: lambda: exchange.watch_balance(), 11: lambda: exchange.watch_orders(ETH),
                   12: lambda: exchange.watch_positions([ETH]), 13: lambda: exchange.watch_trades(ETH)}
        try:
            await exchange.load_markets()
            for number, start in watches.items():
                sim.set_time(VECTOR_TIMES[number])
                exchange.milliseconds = lambda number=number: VECTOR_TIMES[number]
                sim.clear_stream_frames()
                watch = asyncio.ensure_future(start())
                await eventually(lambda: sim.stream_frames, f'the subscription of vector {number}')
                assert sim.stream_frames[0].text == WS_EXAMPLES[number][0], number
                await subscribed(sim, json.loads(WS_EXAMPLES[number][0])['event'], 'USD' if number == 10 else 'ETH-USD')
                watch.cancel()
        finally:
            sim.set_time(None)
            await exchange.close()
    run(scenario())


@pytest.mark.parametrize('number', sorted(WS_EXAMPLES))
def test_the_simulator_acknowledges_a_documented_subscription_exactly_as_the_docs_show(sim, number):
    async def scenario():
        sim.set_time(VECTOR_TIMES[number])
        try:
            async with aiohttp.ClientSession() as session, session.ws_connect(sim.stream_url) as socket:
                await socket.send_str(WS_EXAMPLES[number][0])
                ack = await socket.receive_str()
        finally:
            sim.set_time(None)
        assert ack == WS_EXAMPLES[number][1]
    run(scenario())


def test_every_subscription_is_signed_with_a_fresh_timestamp(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            await exchange.load_markets()
            now = sim.now_ms()
            exchange.milliseconds = lambda: now
            first = asyncio.ensure_future(exchange.watch_orders(ETH))
            await subscribed(sim, 'api_entrust')
            exchange.milliseconds = lambda: now + 7
            second = asyncio.ensure_future(exchange.watch_orders(BTC))
            await subscribed(sim, 'api_entrust', 'BTC-USD')
            sent = [json.loads(frame.text) for frame in sim.stream_frames if 'api_entrust' in frame.text and str(now) in frame.text
                    or 'api_entrust' in frame.text and str(now + 7) in frame.text]
            assert [message['timestamp'] for message in sent] == [now, now + 7]
            assert sent[0]['signature'] != sent[1]['signature']
            first.cancel()
            second.cancel()
        finally:
            await exchange.close()
    run(scenario())


# ----- parsing every stream from the docs' sample pushes ----------------------------------------------

# The documented pushes (WS_EXAMPLES) and, for the streams the docs do not show, pushes in the captured shapes
# (docs/evidence.md, WebSocket): depth strings best first, the candle in JSON numbers with ``hight``,
# public deals with a boolean ``direction``, the caller's fills with ``dealTime`` as a string.
CAPTURED_SHAPES = {
    'api_depth': {'data': {'asks': [{'price': '3201.6', 'quantity': '1.2'}, {'price': '3202', 'quantity': '3'}],
                           'bids': [{'price': '3201.2', 'quantity': '0.5'}]}, 'event': 'api_depth', 'pair': 'ETH-USD', 'success': True},
    'api_kline': {'data': {'amount': 6401.2, 'close': 3200.6, 'contractPairId': 1, 'count': 2, 'hight': 3201.5, 'low': 3199.1,
                           'open': 3200.0, 'period': '1MIN', 'quantity': 2.0, 'time': 1725871080000},
                  'event': 'api_kline', 'pair': 'ETH-USD', 'success': True},
    'api_spot_deals': {'data': [{'amount': 640.1, 'contractMatchPairId': 19868101, 'direction': False, 'price': 3200.5, 'quantity': 0.2,
                                 'timestamp': 1725871111000}], 'event': 'api_spot_deals', 'pair': 'ETH-USD', 'success': True},
    'api_deal_user': {'data': {'clientOrderId': '1725870680532', 'currentEntrustId': 180632923, 'dealAmount': '40', 'dealPrice': '2000',
                               'dealQuantity': '0.02', 'dealTime': '1725870690000', 'direction': 'LONG', 'feeAmt': '0.016',
                               'feeCoin': 'USD', 'isTaker': False, 'matchId': 19868200, 'matchType': 1},
                      'event': 'api_deal_user', 'pair': 'ETH-USD', 'success': True},
}


def scripted_answers(message):
    """A success ack, then the sample push of the subscribed event."""
    event = message['event']
    documented = {json.loads(sent)['event']: push for sent, _, push in WS_EXAMPLES.values()}
    push = documented.get(event) or json.dumps(CAPTURED_SHAPES[event])
    return [success_ack(message), push] if message['method'] == 'SUBSCRIBE' else [success_ack(message)]


@pytest.fixture
def scripted_stream():
    server = ScriptedStream(scripted_answers)
    yield server
    server.close()


def test_every_stream_is_parsed_from_the_sample_pushes(scripted_stream):
    async def scenario():
        exchange = pro_client(scripted_stream.url, DOCS_API_KEY, DOCS_SECRET,
                              options={'watchPositions': {'fetchPositionsSnapshot': False}, 'watchTrades': {'event': 'api_trade'}})
        try:
            balance = await exchange.watch_balance()
            assert balance['USD'] == {'free': 999757.863799, 'used': 241.506568, 'total': 999999.370367}
            order, = await exchange.watch_orders(ETH)
            assert {key: order[key] for key in ('id', 'clientOrderId', 'symbol', 'type', 'side', 'timeInForce', 'price', 'amount',
                                                'filled', 'remaining', 'status')} == {
                'id': '180632923', 'clientOrderId': '1725870680532', 'symbol': ETH, 'type': 'limit', 'side': 'buy',
                'timeInForce': 'GTC', 'price': 2000.0, 'amount': 0.02, 'filled': 0.0, 'remaining': 0.02, 'status': 'open'}
            position, = await exchange.watch_positions([ETH])
            assert (position['id'], position['symbol'], position['side'], position['contracts'], position['entryPrice'],
                    position['marginMode'], position['initialMargin'], position['positionMargin']) == (
                '4796701', ETH, 'long', 0.06, 2300.045, 'isolated', 39.890168, 47.390168)
            trades = await exchange.watch_trades(ETH)
            assert [(trade['id'], trade['side'], trade['price'], trade['amount'], trade['cost'], trade['timestamp']) for trade in trades] \
                == [('19868087', 'buy', 2318.45, 0.455, 1054.89475, 1725871097000),
                    ('19868095', 'sell', 2318.83, 1.111, 2576.22013, 1725871107000)]
            book = await exchange.watch_order_book(ETH)
            assert (book['bids'], book['asks'], book['symbol']) == ([[3201.2, 0.5]], [[3201.6, 1.2], [3202.0, 3.0]], ETH)
            assert await exchange.watch_ohlcv(ETH, '1m') == [[1725871080000, 3200.0, 3201.5, 3199.1, 3200.6, 2.0]]
            fill, = await exchange.watch_my_trades(ETH)
            assert (fill['id'], fill['order'], fill['side'], fill['takerOrMaker'], fill['price'], fill['amount'], fill['cost'],
                    fill['fee'], fill['timestamp']) == ('19868200', '180632923', 'buy', 'maker', 2000.0, 0.02, 40.0,
                                                        {'cost': 0.016, 'currency': 'USD'}, 1725870690000)
        finally:
            await exchange.close()
    run(scenario())


def test_public_deals_without_a_period_are_the_default_trade_stream(scripted_stream):
    async def scenario():
        exchange = pro_client(scripted_stream.url)
        try:
            trade, = await exchange.watch_trades(ETH)
            assert (trade['id'], trade['side'], trade['price'], trade['amount']) == ('19868101', 'sell', 3200.5, 0.2)
            assert json.loads(scripted_stream.received[0]) == {'pair': 'ETH-USD', 'method': 'SUBSCRIBE', 'event': 'api_spot_deals'}
        finally:
            await exchange.close()
    run(scenario())


def test_a_balance_push_older_than_one_seen_by_its_log_id_is_ignored():
    def push(log_id, available):
        return {'data': {'availableAmount': available, 'coinId': 4, 'frozenAmount': '0', 'logId': log_id, 'operateAmount': '0',
                         'symbol': 'USD'}, 'event': 'api_account', 'success': True, 'symbol': 'USD'}
    server = ScriptedStream(lambda message: [success_ack(message), push(5, '100')])

    async def scenario():
        exchange = pro_client(server.url, DOCS_API_KEY, DOCS_SECRET)
        try:
            assert (await exchange.watch_balance())['USD']['free'] == 100
            waiting = asyncio.ensure_future(exchange.watch_balance())
            server.push(push(3, '90'), push(6, '110'))
            assert (await waiting)['USD']['free'] == 110
        finally:
            await exchange.close()
    try:
        run(scenario())
    finally:
        server.close()


def test_pushes_before_the_ack_count_and_pushes_after_an_unsubscribe_are_dropped():
    depth = CAPTURED_SHAPES['api_depth']
    server = ScriptedStream(lambda message: [depth, success_ack(message)] if message['method'] == 'SUBSCRIBE' else [success_ack(message)])

    async def scenario():
        exchange = pro_client(server.url)
        try:
            book = await exchange.watch_order_book(ETH)       # the push came before its ack
            assert book['asks'][0] == [3201.6, 1.2]
            assert await exchange.un_watch_order_book(ETH) is True
            assert ETH not in exchange.orderbooks
            server.push(depth, {'event': 'api_depth_res', 'method': 'SUBSCRIBE', 'msg': 'late', 'success': True, 'pair': 'ETH-USD'})
            await eventually(lambda: exchange.clients[exchange.stream_url()].last_message_at is not None
                             and len(server.received) == 2, 'the late push to arrive')
            ping = asyncio.ensure_future(exchange.watch_order_book(BTC))   # a later message proves the late ones were read
            await eventually(lambda: len(server.received) == 3, 'the next subscription')
            server.push(dict(depth, pair='BTC-USD'))
            await ping
            assert ETH not in exchange.orderbooks
        finally:
            await exchange.close()
    try:
        run(scenario())
    finally:
        server.close()


def test_an_error_ack_that_names_no_event_fails_the_oldest_waiting_subscription():
    server = ScriptedStream(lambda message: [{'success': False, 'msg': 'The timestamp is valid for 1 minute'}])

    async def scenario():
        exchange = pro_client(server.url, DOCS_API_KEY, DOCS_SECRET)
        try:
            with pytest.raises(ccxt.InvalidNonce, match='valid for 1 minute'):
                await exchange.watch_orders(ETH)
        finally:
            await exchange.close()
    try:
        run(scenario())
    finally:
        server.close()


# ----- against the simulator's state ------------------------------------------------------------------


def test_a_fill_seen_through_watch_orders_and_watch_my_trades_matches_the_rest_view(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            await exchange.load_markets()
            orders = asyncio.ensure_future(exchange.watch_orders(ETH))
            fills = asyncio.ensure_future(exchange.watch_my_trades(ETH))
            await subscribed(sim, 'api_entrust')
            await subscribed(sim, 'api_deal_user')
            placed = await exchange.create_order(ETH, 'limit', 'buy', 0.05, 2000)
            new, = await orders
            assert (new['id'], new['status'], new['filled']) == (placed['id'], 'open', 0)
            orders = asyncio.ensure_future(exchange.watch_orders(ETH))
            sim.fill(int(placed['id']))
            filled, = await orders
            fill, = await fills
            rest_order = await exchange.fetch_order(placed['id'], ETH)
            rest_fill, = [trade for trade in await exchange.fetch_my_trades(ETH) if trade['order'] == placed['id']]
            for key in ('id', 'status', 'filled', 'remaining', 'amount', 'price', 'side', 'cost', 'clientOrderId'):
                assert filled[key] == rest_order[key], key
            for key in ('id', 'order', 'price', 'amount', 'cost', 'side', 'takerOrMaker', 'fee', 'timestamp', 'symbol'):
                assert fill[key] == rest_fill[key], key
        finally:
            await exchange.close()
    run(scenario())


def test_my_trades_made_from_order_changes_carry_the_fill_price_and_fee(sim):
    async def scenario():
        exchange = client_of(sim, options={'watchMyTrades': {'event': 'api_entrust'}})
        try:
            await exchange.load_markets()
            placed = await exchange.create_order(ETH, 'limit', 'sell', 0.04, 4500)
            fills = asyncio.ensure_future(exchange.watch_my_trades(ETH))
            await subscribed(sim, 'api_entrust')
            sim.fill(int(placed['id']))
            fill, = await fills
            rest_fill, = [trade for trade in await exchange.fetch_my_trades(ETH) if trade['order'] == placed['id']]
            for key in ('order', 'price', 'amount', 'cost', 'side', 'takerOrMaker', 'fee'):
                assert fill[key] == rest_fill[key], key
            assert fill['id'] == f'{placed["id"]}-0.04'
        finally:
            await exchange.close()
    run(scenario())


def test_reconnect_after_a_drop_renews_signed_subscriptions_with_no_duplicate_or_lost_order_update(sim):
    async def scenario():
        exchange = client_of(sim)
        seen = []
        try:
            await exchange.load_markets()
            resting = await exchange.create_order(ETH, 'limit', 'buy', 0.01, 2100)
            watch = asyncio.ensure_future(exchange.watch_orders(ETH))
            await subscribed(sim, 'api_entrust')
            first = await exchange.create_order(ETH, 'limit', 'buy', 0.02, 2000)
            seen += [(order['id'], order['status'], order['filled']) for order in await watch]
            assert seen == [(first['id'], 'open', 0)]
            watch = asyncio.ensure_future(exchange.watch_orders(ETH))
            sim.drop_streams()
            with pytest.raises(ccxt.NetworkError):
                await watch
            await eventually(lambda: not sim.stream_subscriptions(), 'the simulator to see the connection gone')
            # While no stream listens: one order fills, another is placed.
            sim.fill(int(first['id']))
            second = await exchange.create_order(ETH, 'limit', 'buy', 0.03, 1900)
            sim.clear_stream_frames()
            updates = await exchange.watch_orders(ETH)                    # reconnects, subscribes again, resyncs
            seen += [(order['id'], order['status'], order['filled']) for order in updates]
            renewed, = [json.loads(frame.text) for frame in sim.stream_frames if '"api_entrust"' in frame.text]
            assert renewed['apiKey'] == exchange.apiKey and renewed['timestamp'] > 0
            watch = asyncio.ensure_future(exchange.watch_orders(ETH))
            await exchange.cancel_order(second['id'], ETH)
            seen += [(order['id'], order['status'], order['filled']) for order in await watch]
        finally:
            await exchange.close()
        assert sorted(seen) == sorted([(first['id'], 'open', 0), (first['id'], 'closed', 0.02), (second['id'], 'open', 0),
                                       (resting['id'], 'open', 0), (second['id'], 'canceled', 0)])
        assert len(seen) == len(set(seen))
    run(scenario())


@pytest.mark.parametrize('spoil, raised, text', [
    ('stale_timestamp', ccxt.InvalidNonce, 'The timestamp is valid for 1 minute'),
    ('wrong_key', ccxt.AuthenticationError, 'Invalid address'),
    ('injected', ccxt.ExchangeError, 'system busy'),
])
def test_an_error_ack_raises_the_mapped_exception_in_the_waiting_watch_and_the_next_watch_subscribes_again(sim, spoil, raised, text):
    async def scenario():
        account = sim.create_account('1000')
        other = sim.create_account('1000')
        exchange = pro_client(sim.url, account.api_key, other.secret if spoil == 'wrong_key' else account.secret)
        if spoil == 'wrong_key':
            exchange.walletAddress = None
        if spoil == 'stale_timestamp':
            exchange.options['timeDifference'] = 120_000
        if spoil == 'injected':
            sim.inject_stream('error_ack', msg=text)
        try:
            with pytest.raises(raised, match=text):
                await exchange.watch_balance()
            exchange.options['timeDifference'] = 0
            exchange.secret = account.secret
            balance = await exchange.watch_balance()
            assert balance['USD']['free'] == 1000
        finally:
            await exchange.close()
    run(scenario())


def test_a_withheld_ack_or_delayed_pushes_still_deliver_the_stream(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            sim.inject_stream('withhold_ack')
            sim.inject_stream('delay', seconds=0.01, count=3)
            book = await exchange.watch_order_book(ETH, 5)
            assert len(book['bids']) == 5 and book['bids'][0][0] < book['asks'][0][0]
        finally:
            await exchange.close()
    run(scenario())


def test_a_drop_right_after_a_subscription_ends_the_watch_with_a_network_error(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            sim.inject_stream('drop', processed=True)
            with pytest.raises(ccxt.NetworkError):
                await exchange.watch_orders(ETH)
        finally:
            await exchange.close()
    run(scenario())


def test_the_text_heartbeat_is_answered_and_a_silent_server_times_the_connection_out(sim):
    async def scenario():
        exchange = client_of(sim, streaming={'keepAlive': 40, 'maxPingPongMisses': 2})
        try:
            await exchange.watch_order_book(ETH)
            client = exchange.clients[exchange.stream_url()]
            client.lastPong = None
            await client.send('ping')
            await eventually(lambda: client.lastPong is not None, 'the pong')
            assert 'ping' in [frame.text for frame in sim.stream_frames]
            sim.inject_stream('mute_pong', duration=30)
            with pytest.raises(ccxt.RequestTimeout, match='ping-pong'):
                while True:
                    await exchange.watch_order_book(ETH)
        finally:
            await exchange.close()
    run(scenario())


def test_no_private_key_appears_in_the_frame_log_with_verbose(sim, capsys):
    account = sim.create_account('1000')

    async def scenario():
        exchange = pro_client(sim.url, account.api_key, account.secret, verbose=True)
        try:
            await exchange.watch_balance()
        finally:
            await exchange.close()
    run(scenario())
    output = capsys.readouterr()
    logged = output.out + output.err
    assert '"event": "api_account"' in logged and account.api_key in logged
    key = account.secret.lower().removeprefix('0x')
    assert key not in logged.lower()


def test_public_streams_without_credentials_subscribe_unsigned_and_private_ones_refuse_before_sending(sim):
    async def scenario():
        exchange = pro_client(sim.url)
        try:
            sim.clear_stream_frames()
            with pytest.raises(ccxt.AuthenticationError, match='apiKey'):
                await exchange.watch_orders(ETH)
            assert sim.stream_frames == []
            await exchange.watch_order_book(ETH)
            assert [frame.text for frame in sim.stream_frames] == ['{"pair": "ETH-USD", "method": "SUBSCRIBE", "event": "api_depth"}']
        finally:
            await exchange.close()
    run(scenario())


@pytest.mark.parametrize('call, raised', [
    (lambda exchange: exchange.watch_ohlcv(ETH, '2m'), ccxt.BadRequest),
    (lambda exchange: exchange.watch_order_book('DOGE/USD:USD'), ccxt.BadSymbol),
    (lambda exchange: exchange.watch_order_book(ETH, 0), ccxt.BadRequest),
    (lambda exchange: exchange.watch_trades_for_symbols([]), ccxt.ArgumentsRequired),
    (lambda exchange: exchange.watch_ohlcv_for_symbols([[ETH]]), ccxt.BadRequest),
    (lambda exchange: exchange.watch_positions('ETH'), ccxt.BadRequest),
])
def test_bad_arguments_raise_before_anything_is_sent(sim, call, raised):
    async def scenario():
        exchange = client_of(sim)
        try:
            sim.clear_stream_frames()
            with pytest.raises(raised):
                await call(exchange)
            assert sim.stream_frames == []
        finally:
            await exchange.close()
    run(scenario())


def test_positions_start_from_a_snapshot_and_follow_each_change(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            await exchange.create_order(ETH, 'market', 'buy', 0.1)
            snapshot = await exchange.watch_positions([ETH])
            assert [(position['side'], position['contracts']) for position in snapshot] == [('long', 0.1)]
            changes = asyncio.ensure_future(exchange.watch_positions([ETH]))
            await exchange.create_order(ETH, 'market', 'sell', 0.1, None, {'reduceOnly': True})
            closed, = await changes
            assert (closed['side'], closed['contracts'], closed['info']['changeType']) == ('long', 0, 'CLOSE')
        finally:
            await exchange.close()
    run(scenario())


def test_candles_and_trades_for_several_symbols_answer_the_one_that_moved_and_unwatching_ends_the_wait(sim):
    async def scenario():
        exchange = client_of(sim)
        try:
            candles = await exchange.watch_ohlcv_for_symbols([[ETH, '1m'], [BTC, '5m']])
            (symbol, by_timeframe), = candles.items()
            (timeframe, rows), = by_timeframe.items()
            assert (symbol, timeframe) in ((ETH, '1m'), (BTC, '5m')) and rows[-1][0] % (60_000 if timeframe == '1m' else 300_000) == 0
            trades = asyncio.ensure_future(exchange.watch_trades_for_symbols([ETH, BTC]))
            await subscribed(sim, 'api_spot_deals', 'BTC-USD')
            await exchange.create_order(BTC, 'market', 'buy', 0.001)
            assert {trade['symbol'] for trade in await trades} == {BTC}
            waiting = asyncio.ensure_future(exchange.watch_trades(ETH))
            await exchange.un_watch_trades(ETH)
            with pytest.raises(ccxt.UnsubscribeError):
                await waiting
            await eventually(lambda: ('api_spot_deals', 'ETH-USD') not in {(s[1], s[2]) for s in sim.stream_subscriptions()},
                             'the simulator to drop the subscription')
        finally:
            await exchange.close()
    run(scenario())


def test_balance_follows_an_order_that_reserves_margin(sim):
    async def scenario():
        account = sim.create_account('5000')
        exchange = pro_client(sim.url, account.api_key, account.secret)
        try:
            assert (await exchange.watch_balance())['USD']['free'] == 5000
            waiting = asyncio.ensure_future(exchange.watch_balance())
            await exchange.create_order(ETH, 'limit', 'buy', 0.5, 2000, {'leverage': 10})
            balance = await waiting
            assert Decimal(str(balance['USD']['used'])) == Decimal('100')
            assert Decimal(str(balance['USD']['free'])) == Decimal('4900')
        finally:
            await exchange.close()
    run(scenario())
