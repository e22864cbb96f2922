"""Hostile servers: whatever comes back, the caller gets a result or a ccxt exception of a mapped class.

No redirect is followed that should not be (a signed request never follows one), an answer that is not a
well-formed Satori success is never read as one, and cancel_orders accounts for every id on every failure.
Over real HTTP (scripted loopback servers), sync and async.
"""

import json
import traceback

import pytest
from ccxt.base.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    BadSymbol,
    BaseError,
    DDoSProtection,
    ExchangeError,
    ExchangeNotAvailable,
    PermissionDenied,
    RequestTimeout,
)

from satori_ccxt import UnexpectedRedirect, cli
from satori_ccxt.errors import OrderFilled, RateLimited

from ..support import paths
from ..support.clients import ETH, PAIRS, Driver, docs_config, routes, sent
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET
from ..support.scripted_server import Reply, ScriptedServer, business_error, envelope

REDIRECTS = [301, 302, 303, 307, 308]


@pytest.fixture
def other_host():
    """Another origin (another port), which answers every request as a success: nothing may reach it."""
    server = ScriptedServer()
    server.respond_with(lambda recorded: envelope(True))
    yield server
    server.close()


def client(mode, url, **config) -> Driver:
    return Driver(mode, docs_config(url, **config))


def redirect(status, location) -> Reply:
    return Reply(status, '', 'text/plain', headers=(('Location', location),))


def raised_by(call) -> BaseException:
    """The exception ``call`` raises; anything but a ccxt exception fails the test."""
    with pytest.raises(BaseError) as raised:
        call()
    return raised.value


def ids_and_statuses(error):
    return [(order['id'], order['status']) for order in error.orders]


# ----- redirects ------------------------------------------------------------------------------------------


@pytest.mark.parametrize('status', REDIRECTS)
def test_a_signed_request_redirected_to_another_host_is_not_sent_there_and_is_reported_as_a_security_event(
        scripted, other_host, mode, status):
    scripted.reply(redirect(status, other_host.url + paths.BATCH_CANCEL + '?entrustIds=1,2'))
    with client(mode, scripted.url) as driver:
        error = raised_by(lambda: driver.cancel_orders([1, 2]))
    assert isinstance(error, UnexpectedRedirect) and isinstance(error, BadResponse)
    assert 'security event' in str(error) and other_host.url.split('//')[1] in str(error)
    signature = scripted.requests[0].headers['signature']
    assert 'timestamp=' not in str(error) and signature not in str(error)  # the query holds the signature
    assert other_host.requests == []
    assert ids_and_statuses(error) == [('1', None), ('2', None)]


@pytest.mark.parametrize('status', REDIRECTS)
def test_a_signed_request_never_follows_a_redirect_even_to_its_own_host(scripted, mode, status):
    scripted.reply(redirect(status, paths.CANCEL + '?entrustId=7'), envelope(True))
    with client(mode, scripted.url) as driver:
        error = raised_by(lambda: driver.cancel_order(7))
    assert isinstance(error, UnexpectedRedirect) and 'never follows a redirect' in str(error)
    assert len(scripted.requests) == 1


@pytest.mark.parametrize('status', REDIRECTS)
def test_a_public_get_follows_a_redirect_to_its_own_host(scripted, mode, status):
    scripted.reply(redirect(status, paths.TIME + '?moved=1'), envelope(1725865024825))
    with client(mode, scripted.url) as driver:
        assert driver.fetch_time() == 1725865024825
    assert [request.target for request in scripted.requests] == [paths.TIME, paths.TIME + '?moved=1']


def test_a_public_get_gives_up_after_three_redirects_to_its_own_host(scripted, mode):
    scripted.respond_with(lambda recorded: redirect(302, paths.TIME))
    with client(mode, scripted.url) as driver:
        error = raised_by(driver.fetch_time)
    assert isinstance(error, UnexpectedRedirect) and 'more than 3 redirects' in str(error)
    assert len(scripted.requests) == 4


@pytest.mark.parametrize('status', REDIRECTS)
def test_a_public_get_does_not_follow_a_redirect_to_another_host(scripted, other_host, mode, status):
    scripted.reply(redirect(status, other_host.url + paths.TIME))
    with client(mode, scripted.url) as driver:
        error = raised_by(driver.fetch_time)
    assert isinstance(error, UnexpectedRedirect) and 'security event' in str(error)
    assert other_host.requests == []


@pytest.mark.parametrize('location', ['https://127.0.0.1:{port}' + paths.TIME, 'http://localhost:{port}' + paths.TIME],
                         ids=['another-scheme', 'another-host-name'])
def test_a_redirect_to_the_same_port_under_another_scheme_or_name_is_another_origin(scripted, mode, location):
    scripted.reply(redirect(302, location.format(port=scripted.url.rsplit(':', 1)[1])))
    with client(mode, scripted.url) as driver:
        error = raised_by(driver.fetch_time)
    assert isinstance(error, UnexpectedRedirect) and 'security event' in str(error)
    assert len(scripted.requests) == 1


NO_PLACE = [
    Reply(302, '', 'text/plain'),
    Reply(300, '{"choices": []}'),
    Reply(304, '', 'text/plain'),
    redirect(302, ''),
    redirect(301, 'http://[::1'),
    redirect(307, 'ftp://127.0.0.1/x'),
    redirect(302, 'http://127.0.0.1:99999/x'),
]
NO_PLACE_IDS = ['302-no-location', '300', '304', 'empty-location', 'broken-ipv6', 'not-http', 'port-out-of-range']


@pytest.mark.parametrize('reply', NO_PLACE, ids=NO_PLACE_IDS)
def test_a_3xx_that_names_no_usable_place_is_an_unexpected_redirect_and_cancel_orders_still_lists_every_id(scripted, mode, reply):
    scripted.reply(reply, reply)
    with client(mode, scripted.url) as driver:
        assert isinstance(raised_by(driver.fetch_time), UnexpectedRedirect)
        error = raised_by(lambda: driver.cancel_orders([5, 6]))
    assert isinstance(error, UnexpectedRedirect)
    assert ids_and_statuses(error) == [('5', None), ('6', None)]


def test_the_callers_own_requests_session_is_kept_and_follows_no_redirect(scripted, other_host):
    import requests

    import satori_ccxt
    session = requests.Session()
    session.headers['X-Bot'] = 'mine'
    exchange = satori_ccxt.satori(docs_config(scripted.url, session=session))
    scripted.reply(redirect(302, other_host.url + paths.CANCEL))
    assert isinstance(raised_by(lambda: exchange.cancel_order(1)), UnexpectedRedirect)
    assert scripted.requests[0].headers['X-Bot'] == 'mine' and other_host.requests == []
    assert exchange.session.wrapped is session


def test_the_callers_own_aiohttp_session_is_kept_and_follows_no_redirect(scripted, other_host):
    import asyncio

    import aiohttp

    from satori_ccxt.async_support import satori as AsyncSatori

    async def run():
        async with aiohttp.ClientSession(headers={'X-Bot': 'mine'}) as session:
            exchange = AsyncSatori(docs_config(scripted.url, session=session, timeout_on_exit=0))
            try:
                with pytest.raises(UnexpectedRedirect):
                    await exchange.cancel_order(1)
            finally:
                await exchange.close()
            return session.closed, exchange.session
    scripted.reply(redirect(307, other_host.url + paths.CANCEL))
    still_open, after_close = asyncio.run(run())
    assert still_open is False and after_close is None  # ccxt leaves a caller's session open, and so do we
    assert scripted.requests[0].headers['X-Bot'] == 'mine' and other_host.requests == []


# ----- answers that are not a Satori success ----------------------------------------------------------------

SUCCESS = json.dumps({'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': True})
DEEP = '[' * 100_000 + ']' * 100_000
NOT_SUCCESS = [
    (Reply(200, '<html>maintenance</html>', 'text/html'), BadResponse),
    (Reply(200, '', 'application/json'), BadResponse),
    (Reply(200, 'null'), BadResponse),
    (Reply(200, '"SUCCESS"'), BadResponse),
    (Reply(200, '[{"code": 200}]'), BadResponse),
    (Reply(200, '{"error": false, "code": 200.0, "data": true}'), BadResponse),
    (Reply(200, '{"error": false, "code": 200'), BadResponse),
    (Reply(200, DEEP), BadResponse),
    (Reply(200, '{"error": false, "code": ' + '2' * 5000 + ', "data": true}'), BadResponse),
    (Reply(201, 'created'), BadResponse),
    (Reply(204, ''), BadResponse),
    (Reply(400, 'bad'), BadRequest),
    (Reply(401, 'who'), AuthenticationError),
    (Reply(403, 'no'), PermissionDenied),
    (Reply(404, 'where'), BadRequest),
    (Reply(402, 'pay'), ExchangeError),
    (Reply(405, 'how'), ExchangeNotAvailable),
    (Reply(418, "I'm a teapot"), DDoSProtection),
    (Reply(429, 'slow down'), RateLimited),
    (Reply(499, 'closed'), ExchangeError),
    (Reply(500, SUCCESS), ExchangeNotAvailable),
    (Reply(502, '<html>bad gateway</html>', 'text/html'), ExchangeNotAvailable),
    (Reply(503, DEEP), ExchangeNotAvailable),
    (Reply(402, SUCCESS), ExchangeError),
    (Reply(404, SUCCESS), BadRequest),
    (Reply(200, '{"error": true, "code": 200, "data": true}'), BadResponse),
    (Reply(200, '{"error": null, "code": 200, "data": true}'), BadResponse),
    (Reply(200, '{"error": "false", "code": 200, "data": true}'), BadResponse),
    (Reply(200, '{"error": 0, "code": "200", "data": true}'), BadResponse),
]
NOT_SUCCESS_IDS = ['html-200', 'empty-200', 'null', 'a-string', 'a-list', 'float-code', 'truncated', 'nested-100000-deep',
                   'code-of-5000-digits', '201-text', '204', '400', '401', '403', '404', '402', '405', '418', '429', '499',
                   'success-on-500', '502-html', 'deep-on-503', 'success-on-402', 'success-on-404',
                   'error-true-code-200', 'error-null', 'error-string-false', 'error-zero']


@pytest.mark.parametrize('reply, expected', NOT_SUCCESS, ids=NOT_SUCCESS_IDS)
def test_every_answer_that_is_not_a_satori_success_ends_as_its_mapped_ccxt_exception(scripted, mode, reply, expected):
    scripted.reply(reply, reply)
    with client(mode, scripted.url) as driver:
        public = raised_by(driver.fetch_time)
        private = raised_by(lambda: driver.cancel_order(7))
    assert isinstance(public, expected) and isinstance(private, expected), (public, private)


@pytest.mark.parametrize('reply, expected', NOT_SUCCESS, ids=NOT_SUCCESS_IDS)
def test_cancel_orders_reports_nothing_cancelled_on_an_answer_that_is_not_a_satori_success(scripted, mode, reply, expected):
    scripted.reply(reply)
    with client(mode, scripted.url) as driver:
        error = raised_by(lambda: driver.cancel_orders([1, 2, 3]))
    assert isinstance(error, expected)
    assert ids_and_statuses(error) == [('1', None), ('2', None), ('3', None)]


def test_an_envelope_with_error_true_is_never_a_confirmed_cancel_whatever_its_code_and_data(scripted, mode):
    contradictory = Reply(200, json.dumps({'error': True, 'code': 200, 'msg': 'SUCCESS', 'data': True}))
    scripted.reply(contradictory, contradictory)
    with client(mode, scripted.url) as driver:
        assert isinstance(raised_by(lambda: driver.cancel_order(9)), BadResponse)
        error = raised_by(lambda: driver.cancel_orders([9]))
    assert isinstance(error, BadResponse) and ids_and_statuses(error) == [('9', None)]


def test_the_envelope_code_may_be_a_string(scripted, mode):
    as_text = {'error': False, 'code': '200', 'msg': 'SUCCESS', 'data': True}
    scripted.reply(Reply(body=json.dumps(as_text)), Reply(body=json.dumps({'error': True, 'code': '2126', 'msg': 'filled', 'data': None})),
                   Reply(body=json.dumps({'error': True, 'code': '2126', 'msg': 'filled', 'data': None})))
    with client(mode, scripted.url) as driver:
        assert driver.cancel_order(3)['status'] == 'canceled'
        assert isinstance(raised_by(lambda: driver.cancel_order(4)), OrderFilled)
        assert [order['status'] for order in driver.cancel_orders([4])] == ['closed']


def test_a_success_envelope_without_an_error_field_is_a_success(scripted, mode):
    scripted.reply(Reply(body=json.dumps({'code': 200, 'msg': 'SUCCESS', 'data': True})))
    with client(mode, scripted.url) as driver:
        assert driver.cancel_order(3)['status'] == 'canceled'


# ----- cancel_orders: every failure lists every id ----------------------------------------------------------

EVERY_FAILURE = {
    'time request 502': ({'adjustForTimeDifference': True}, None, [Reply(502, 'bad gateway', 'text/plain')], ExchangeNotAvailable),
    'time request times out': ({'adjustForTimeDifference': True}, None, [Reply(hold=True, body='{}')], RequestTimeout),
    'time request redirected': ({'adjustForTimeDifference': True}, None, [Reply(302, '', 'text/plain')], UnexpectedRedirect),
    'time request answers no time': ({'adjustForTimeDifference': True}, None, [envelope('soon')], BadResponse),
    'unknown symbol': ({}, 'DOGE/USD:USD', [envelope(PAIRS)], BadSymbol),
    'pair list fails': ({}, ETH, [Reply(503, 'down', 'text/plain')], ExchangeNotAvailable),
    'batch answers 302 without location': ({}, None, [Reply(302, '', 'text/plain')], UnexpectedRedirect),
    'batch answers 304': ({}, None, [Reply(304, '', 'text/plain')], UnexpectedRedirect),
    'batch answers 300': ({}, None, [Reply(300, 'pick one', 'text/plain')], UnexpectedRedirect),
    'probe answers html': ({}, None, [business_error(2126), Reply(200, '<html/>', 'text/html')], BadResponse),
    'probe answers error true code 200': ({}, None, [business_error(2126), Reply(body='{"error": true, "code": 200, "data": true}')],
                                          BadResponse),
}


@pytest.mark.parametrize('options, symbol, replies, expected', EVERY_FAILURE.values(), ids=EVERY_FAILURE.keys())
def test_every_failure_of_cancel_orders_carries_every_id_with_its_known_state(scripted, mode, options, symbol, replies, expected):
    scripted.reply(*replies)
    # The async class may send its single cancels at once, in either order: every request after the script gets the
    # last scripted answer, so which of them lands first does not change the outcome.
    scripted.respond_with(lambda recorded: replies[-1])
    with client(mode, scripted.url, timeout=300, options=options) as driver:
        error = raised_by(lambda: driver.cancel_orders([31, 32, 33], symbol))
    assert isinstance(error, expected), error
    assert [order_id for order_id, _ in ids_and_statuses(error)] == ['31', '32', '33']
    assert [status for _, status in ids_and_statuses(error)] in ([None] * 3, ['closed', None, None])


def test_cancel_orders_with_a_mismatched_wallet_raises_before_sending_and_still_lists_every_id(scripted, mode):
    with client(mode, scripted.url, walletAddress='0x' + '12' * 20) as driver:
        error = raised_by(lambda: driver.cancel_orders([41, 42]))
    assert isinstance(error, AuthenticationError) and ids_and_statuses(error) == [('41', None), ('42', None)]
    assert scripted.requests == []


def test_the_command_line_reports_an_answer_that_says_nothing_without_a_traceback(scripted, monkeypatch, capsys):
    monkeypatch.setenv('SATORI_API_KEY', DOCS_API_KEY)
    monkeypatch.setenv('SATORI_SECRET', DOCS_SECRET)
    scripted.reply(Reply(302, '', 'text/plain'))
    code = cli.main(['cancel', '--url', scripted.url, '1', '2'])
    output = capsys.readouterr()
    assert code == cli.FAILED
    assert 'a redirect without a usable Location' in output.err and 'Traceback' not in output.err + output.out


# ----- answers of the wrong shape -------------------------------------------------------------------------

HOSTILE_DATA = [None, True, False, 0, -1, 10 ** 30, 1e308, 'x', '', '1e999', [], {}, [None], [1, 'x'], [[]], [{}],
                {'records': 'x'}, {'records': [1, None, {'id': {'a': 1}}, {'id': 'x' * 5000, 'price': 'NaN'}]},
                {'asks': 'x', 'bids': [1, {'price': '-Infinity', 'quantity': []}]},
                {'orderId': {'a': 1}}, {'orderId': True}, {'orderId': '9' * 5000}, [{'orderId': -5}],
                {'availableAmount': [1], 'frozenAmount': {'x': 1}}, [{'time': 'x', 'open': None}],
                {'id': 1, 'status': [], 'createTimeStamp': 'yesterday', 'quantity': '1e99999'}]

PATHS = {
    'fetch_time': paths.TIME,
    'fetch_ticker': paths.TRADES,
    'fetch_order_book': paths.DEPTH,
    'fetch_trades': paths.TRADES,
    'fetch_ohlcv': paths.KLINE,
    'fetch_mark_price': paths.MARK_PRICE,
    'create_market_order': paths.DEPTH,
    'create_limit_order': paths.CREATE,
    'create_orders': paths.BATCH_CREATE,
    'fetch_order': paths.QUERY_ORDER,
    'fetch_open_orders': paths.OPEN_ORDERS,
    'fetch_my_trades': paths.MY_TRADES,
    'cancel_order': paths.CANCEL,
    'cancel_orders': paths.BATCH_CANCEL,
    'cancel_all_orders': paths.CANCEL_ALL,
    'fetch_balance': paths.BALANCE,
    'fetch_positions': paths.POSITIONS,
    'add_margin': paths.CALL_MARGIN,
    'cancel_order_by_client_id': paths.CANCEL_BY_CLIENT_ID,
    'fetch_funding_rate': paths.FUNDING_CURRENT,
    'fetch_funding_rate_history': paths.FUNDING_HISTORY,
    'fetch_closed_orders': paths.ORDER_HISTORIES,
    'fetch_funding_history': paths.POSITIONS,
    'close_position': paths.POSITIONS,
    'fetch_leverage': paths.USER_LEVER,
}
CALLS = {
    'fetch_time': lambda driver: driver.fetch_time(),
    'fetch_ticker': lambda driver: driver.fetch_ticker(ETH),
    'fetch_order_book': lambda driver: driver.fetch_order_book(ETH),
    'fetch_trades': lambda driver: driver.fetch_trades(ETH),
    'fetch_ohlcv': lambda driver: driver.fetch_ohlcv(ETH, '1m', None, 5),
    'fetch_mark_price': lambda driver: driver.fetch_mark_price(ETH),
    'create_market_order': lambda driver: driver.create_order(ETH, 'market', 'buy', 0.01),
    'create_limit_order': lambda driver: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000),
    'create_orders': lambda driver: driver.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 3000}]),
    'fetch_order': lambda driver: driver.fetch_order(5),
    'fetch_open_orders': lambda driver: driver.fetch_open_orders(),
    'fetch_my_trades': lambda driver: driver.fetch_my_trades(ETH),
    'cancel_order': lambda driver: driver.cancel_order(5),
    'cancel_orders': lambda driver: driver.cancel_orders([5, 6]),
    'cancel_all_orders': lambda driver: driver.cancel_all_orders(),
    'fetch_balance': lambda driver: driver.fetch_balance(),
    'fetch_positions': lambda driver: driver.fetch_positions(),
    'add_margin': lambda driver: driver.add_margin(ETH, 5, {'positionId': 77}),
    'cancel_order_by_client_id': lambda driver: driver.cancel_order(None, None, {'clientOrderId': 'c1'}),
    'fetch_funding_rate': lambda driver: driver.fetch_funding_rate(ETH),
    'fetch_funding_rate_history': lambda driver: driver.fetch_funding_rate_history(ETH, 1725865200000, 5),
    'fetch_closed_orders': lambda driver: driver.fetch_closed_orders(ETH),
    'fetch_funding_history': lambda driver: driver.fetch_funding_history(ETH),
    'close_position': lambda driver: driver.close_position(ETH),
    'fetch_leverage': lambda driver: driver.fetch_leverage(ETH),
}


@pytest.mark.parametrize('method', CALLS)
def test_data_of_the_wrong_shape_gives_a_result_or_a_ccxt_exception_never_a_python_error(scripted, mode, method):
    """Every other endpoint answers an empty success; the one under test answers each hostile ``data`` in turn."""
    hostile = {'data': None}
    default = routes({})

    def respond(recorded):
        if recorded.target.partition('?')[0] == PATHS[method]:
            return envelope(hostile['data'])
        answer = default(recorded)
        return answer if answer.status != 599 else envelope([])
    scripted.respond_with(respond)
    with client(mode, scripted.url) as driver:
        for data in HOSTILE_DATA:
            hostile['data'] = data
            try:
                CALLS[method](driver)
            except BaseError:
                pass


@pytest.mark.parametrize('pair', [
    {'symbol': 'ETH USD'}, {'symbol': 'ETH-US&D'}, {'symbol': 'ETH-USD=1'}, {'symbol': 'ÉTH-USD'}, {'symbol': 5},
    {'symbol': 'A-B-C'}, {'symbol': '-USD'}, {'symbol': None}, {'symbol': ['ETH', 'USD']},
    {'symbol': 'DOGE-USD', 'priceDecimal': 10 ** 30, 'quantityDecimal': '1e400', 'minLever': 'x', 'maxLever': [], 'status': {}},
], ids=['space', 'ampersand', 'equals', 'non-ascii', 'number', 'three-parts', 'empty-base', 'null', 'list', 'junk-fields'])
def test_one_odd_pair_does_not_stop_fetch_open_orders_over_the_other_markets(scripted, mode, pair):
    listed = []

    def open_orders(recorded):
        listed.append(recorded.target.split('pairName=')[1].split('&')[0])
        return []
    scripted.respond_with(routes({paths.PAIRS: PAIRS + [pair],
                                  paths.OPEN_ORDERS: open_orders}))
    with client(mode, scripted.url) as driver:
        assert driver.fetch_open_orders() == []
    assert {'ETH-USD', 'BTC-USD'} <= set(listed)
    assert all(name in ('ETH-USD', 'BTC-USD', 'DOGE-USD') for name in listed)


def test_a_deeply_nested_answer_is_a_bad_response_and_leaves_no_recursion_error_in_the_traceback(scripted, mode):
    scripted.reply(Reply(200, DEEP))
    with client(mode, scripted.url) as driver:
        error = raised_by(driver.fetch_time)
    assert isinstance(error, BadResponse)
    assert 'RecursionError' not in ''.join(traceback.format_exception(error))


def test_an_answer_in_a_later_page_that_is_not_an_envelope_fails_the_whole_listing(scripted, mode):
    page = [{'id': index, 'createTimeStamp': 1725865024825 + index, 'symbol': 'ETH-USD'} for index in range(1, 3)]
    scripted.respond_with(routes({paths.OPEN_ORDERS: Reply(200, '<html/>', 'text/html')}))
    scripted.reply(envelope(PAIRS), envelope(page))
    with client(mode, scripted.url, options={'pageSize': 2}) as driver:
        assert isinstance(raised_by(lambda: driver.fetch_open_orders(ETH)), BadResponse)
    assert len(sent(scripted, paths.OPEN_ORDERS)) == 2


# ----- create_orders: what was placed, what may have been, what was not sent ------------------------------------

def numbered_orders(count):
    return [{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 3000, 'params': {'clientOrderId': str(n)}}
            for n in range(1, count + 1)]


def placed_as_asked(recorded, missing=None):
    return envelope([{'pairName': 'ETH-USD', 'orderId': int(order['clientOrderId']), 'cOrderId': order['clientOrderId']}
                     for order in json.loads(recorded.body)['orders'] if order['clientOrderId'] != missing])


@pytest.mark.parametrize('second_answer, placed, unsure', [
    (lambda recorded: Reply(drop=True), range(1, 21), range(21, 41)),
    (lambda recorded: Reply(200, '<html/>', 'text/html'), range(1, 21), range(21, 41)),
    (lambda recorded: Reply(302, '', 'text/plain'), range(1, 21), range(21, 41)),
    (lambda recorded: placed_as_asked(recorded, missing='24'), [n for n in range(1, 41) if n != 24], [24]),
], ids=['dropped', 'html', 'redirect', 'an-order-id-missing'])
def test_a_failed_create_orders_tells_what_was_placed_what_may_have_been_and_what_was_not_sent(scripted, mode, second_answer, placed,
                                                                                                unsure):
    answers = iter([placed_as_asked, second_answer])
    scripted.respond_with(routes({paths.BATCH_CREATE: lambda recorded: next(answers)(recorded)}))
    with client(mode, scripted.url) as driver:
        error = raised_by(lambda: driver.create_orders(numbered_orders(45)))
    assert [order['id'] for order in error.orders] == [str(n) for n in placed]
    assert [order['clientOrderId'] for order in error.orders] == [str(n) for n in placed]  # each answer matched to its own order
    assert f'clientOrderId {", ".join(str(n) for n in unsure)}; 5 not sent' in str(error)
    assert len(sent(scripted, paths.BATCH_CREATE)) == 2


def test_create_orders_matches_each_answer_to_its_order_by_client_order_id_not_by_position(scripted, mode):
    def reversed_answers(recorded):
        answer = placed_as_asked(recorded)
        return envelope(list(reversed(json.loads(answer.body)['data'])))
    scripted.respond_with(routes({paths.BATCH_CREATE: reversed_answers}))
    with client(mode, scripted.url) as driver:
        placed = driver.create_orders(numbered_orders(5))
    assert [(order['id'], order['clientOrderId']) for order in placed] == [(str(n), str(n)) for n in range(1, 6)]


@pytest.mark.parametrize('answer, ids', [
    ([{'orderId': 11, 'cOrderId': 'x1'}, {'orderId': 12, 'cOrderId': 'x2'}], ['11', '12']),
    ([{'orderId': 11}, {'orderId': 12}], ['11', '12']),
], ids=['client-ids-not-ours', 'no-client-ids'])
def test_create_orders_falls_back_to_the_order_of_the_answers_only_when_every_order_has_one(scripted, mode, answer, ids):
    scripted.respond_with(routes({paths.BATCH_CREATE: answer}))
    with client(mode, scripted.url) as driver:
        assert [order['id'] for order in driver.create_orders(numbered_orders(2))] == ids


def test_create_orders_with_an_answer_missing_and_nothing_to_tell_which_knows_none_of_that_request(scripted, mode):
    scripted.respond_with(routes({paths.BATCH_CREATE: [{'orderId': 11}]}))
    with client(mode, scripted.url) as driver:
        error = raised_by(lambda: driver.create_orders(numbered_orders(2)))
    assert isinstance(error, BadResponse) and error.orders == []
    assert 'clientOrderId 1, 2; 0 not sent' in str(error)
