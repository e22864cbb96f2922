"""Error mapping: every Satori answer becomes the ccxt exception a bot can act on."""

import json

import pytest
from ccxt.base import errors as ccxt_errors
from ccxt.base.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    BaseError,
    DDoSProtection,
    ExchangeError,
    ExchangeNotAvailable,
    InsufficientFunds,
    InvalidOrder,
    NetworkError,
    OnMaintenance,
    OrderNotFound,
    PermissionDenied,
    RateLimitExceeded,
    RequestTimeout,
)

from satori_ccxt.errors import EXACT, OrderAlreadyCanceled, OrderCancelRefused, OrderExpired, OrderFilled

from ..support import paths
from ..support.clients import DOCS_CREDENTIALS, Driver, at_url, routes
from ..support.scripted_server import Reply, business_error, envelope

CONTRACT = {  # the table; codes 2104, 2122-2124, 2315 are filled in from Satori's error tables (docs/evidence.md)
    '2001': BadRequest, '2002': BadRequest, '2008': DDoSProtection,
    '2102': InsufficientFunds, '2105': InsufficientFunds, '2201': InsufficientFunds,
    '2103': InvalidOrder, '2125': OrderNotFound, '2126': OrderNotFound,
    '2301': InvalidOrder, '2302': InvalidOrder, '2303': InvalidOrder, '2304': InvalidOrder, '2305': InvalidOrder,
    '2319': ExchangeError, '2329': OnMaintenance, '4001': AuthenticationError, '1001': ExchangeError,
}


def raised_by(exchange, reply, scripted, call=None):
    scripted.reply(reply)
    with pytest.raises(BaseError) as raised:
        (call or exchange.fetch_time)()
    return raised.value


@pytest.mark.parametrize('code, expected', sorted(CONTRACT.items()))
def test_body_code_maps_to_its_exception(scripted, sync_exchange, code, expected):
    error = raised_by(sync_exchange, business_error(int(code), f'message of {code}'), scripted)
    assert isinstance(error, expected)
    assert code in str(error) and f'message of {code}' in str(error)
    assert error.response['code'] == int(code)


def test_every_code_in_the_table_maps_to_a_ccxt_exception():
    assert all(issubclass(cls, ccxt_errors.BaseError) for cls in EXACT.values())
    assert set(CONTRACT) <= set(EXACT)


@pytest.mark.parametrize('status', [200, 400, 429, 500])
def test_body_code_wins_whatever_the_http_status(scripted, sync_exchange, status):
    error = raised_by(sync_exchange, business_error(2008, 'Frequent requests:slow down', status=status), scripted)
    assert type(error) is DDoSProtection


def test_unknown_body_code_on_http_200_is_an_exchange_error(scripted, sync_exchange):
    error = raised_by(sync_exchange, business_error(2999, 'something new'), scripted)
    assert type(error) is ExchangeError and '2999 something new' in str(error)


def test_unknown_body_code_is_matched_broadly_on_its_message(scripted, sync_exchange):
    error = raised_by(sync_exchange, business_error(2998, 'Insufficient balance:USD'), scripted)
    assert type(error) is InsufficientFunds


@pytest.mark.parametrize('status, expected', [(401, AuthenticationError), (403, PermissionDenied), (429, RateLimitExceeded),
                                              (400, BadRequest), (404, BadRequest)])
def test_http_status_without_an_envelope_maps_to_its_exception(scripted, sync_exchange, status, expected):
    error = raised_by(sync_exchange, Reply(status, 'nope', 'text/plain'), scripted)
    assert isinstance(error, expected)


def test_http_429_is_also_a_ddos_protection_so_that_retriers_back_off(scripted, sync_exchange):
    error = raised_by(sync_exchange, Reply(429, 'Too Many Requests', 'text/plain'), scripted)
    assert isinstance(error, RateLimitExceeded) and isinstance(error, DDoSProtection)


def test_http_401_with_an_envelope_of_an_unknown_code_is_an_authentication_error(scripted, sync_exchange):
    error = raised_by(sync_exchange, business_error(401, 'unknown api key', status=401), scripted)
    assert isinstance(error, AuthenticationError)


@pytest.mark.parametrize('status', [500, 502, 503, 504, 599])
def test_http_5xx_with_an_html_body_is_exchange_not_available(scripted, sync_exchange, status):
    error = raised_by(sync_exchange, Reply(status, '<html><body>Bad Gateway</body></html>', 'text/html'), scripted)
    assert isinstance(error, ExchangeNotAvailable)


@pytest.mark.parametrize('body, content_type', [('<html>hello</html>', 'text/html'), ('', 'application/json'),
                                                ('[1, 2]', 'application/json'), ('{"data": 1}', 'application/json'),
                                                ('{"code": true}', 'application/json'), ('{"code": 200', 'application/json')],
                         ids=['html', 'empty', 'list', 'no-code', 'bool-code', 'truncated'])
def test_http_200_that_is_not_an_envelope_is_a_bad_response(scripted, sync_exchange, body, content_type):
    error = raised_by(sync_exchange, Reply(200, body, content_type), scripted)
    assert isinstance(error, BadResponse)


def test_a_dropped_connection_is_a_network_error(scripted, sync_exchange):
    assert isinstance(raised_by(sync_exchange, Reply(drop=True), scripted), NetworkError)


def test_a_slow_answer_is_a_request_timeout(scripted, sync_exchange):
    sync_exchange.timeout = 200
    assert isinstance(raised_by(sync_exchange, Reply(hold=True), scripted), RequestTimeout)


def test_a_refused_connection_is_a_network_error(refused_port, mode):
    with Driver(mode, at_url(f'http://127.0.0.1:{refused_port}')) as client:
        with pytest.raises(NetworkError):
            client.fetch_time()


@pytest.mark.parametrize('code, expected, words', [
    (2125, OrderAlreadyCanceled, 'already cancelled'),
    (2126, OrderFilled, 'filled'),
    (2103, OrderExpired, 'expired'),
])
def test_cancel_order_failures_say_what_happened_to_the_order(scripted, sync_exchange, code, expected, words):
    error = raised_by(sync_exchange, business_error(code, 'terse'), scripted, lambda: sync_exchange.cancel_order(7))
    assert type(error) is expected and words in str(error)
    assert len(scripted.requests) == 1


def queried(status):
    """queryOrder's answer for order 7 in ``status`` (every number a string, captured on a later deployment)."""
    return Reply(body=json.dumps({'error': False, 'code': '200', 'msg': 'SUCCESS', 'data': {'id': '7', 'status': status}}))


REFUSALS = {'2319': business_error(2319, 'Failed to cancel order:the order is being matched'), 'data false': envelope(False),
            '2001 entrustId': business_error(2001, 'Illegal parameter:entrustId')}


@pytest.mark.parametrize('refusal', REFUSALS.values(), ids=REFUSALS.keys())
@pytest.mark.parametrize('query, expected, words', [
    (queried('1'), OrderCancelRefused, 'still open'),
    (queried('2'), OrderFilled, 'it is filled'),
    (queried('3'), OrderAlreadyCanceled, 'it is cancelled'),
    (queried('4'), OrderExpired, 'it is expired'),
    (business_error(2001, 'Illegal parameter:entrustId'), OrderNotFound, 'not found'),
], ids=['open', 'filled', 'cancelled', 'expired', 'unknown'])
def test_a_refused_cancel_order_raises_what_queryorder_says_the_order_is(scripted, mode, refusal, query, expected, words):
    scripted.reply(refusal, query)
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        with pytest.raises(BaseError) as raised:
            client.cancel_order(7)
    assert type(raised.value) is expected and words in str(raised.value), raised.value
    assert [request.target.partition('?')[0] for request in scripted.requests] == [paths.CANCEL,
                                                                                  paths.QUERY_ORDER]
    assert raised.value.response == json.loads(refusal.body)


def test_a_refused_cancel_whose_state_query_fails_raises_that_failure_naming_the_refusal(scripted, mode):
    scripted.reply(business_error(2319, 'Failed to cancel order:the order is being matched'),
                   Reply(502, '<html>bad gateway</html>', 'text/html'))
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        with pytest.raises(ExchangeNotAvailable) as raised:
            client.cancel_order(7)
    assert 'refused' in str(raised.value) and 'state is unknown' in str(raised.value)
    assert isinstance(raised.value.__cause__, OrderCancelRefused)


def test_a_2001_that_names_no_order_id_is_a_bad_request_and_nothing_is_queried(scripted, mode):
    scripted.reply(business_error(2001, 'Illegal parameter:timestamp'))
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        with pytest.raises(BadRequest) as raised:
            client.cancel_order(7)
    assert not isinstance(raised.value, OrderNotFound) and len(scripted.requests) == 1


def test_a_refused_cancel_by_client_order_id_raises_the_refusal_queryorder_asks_by_id_only(scripted, sync_exchange):
    scripted.reply(business_error(2319, 'Failed to cancel order:order does not exist'))
    with pytest.raises(OrderCancelRefused):
        sync_exchange.cancel_order(None, None, {'clientOrderId': 'c1'})
    assert len(scripted.requests) == 1


def test_cancel_order_returns_a_canceled_order_structure(scripted, sync_exchange):
    scripted.respond_with(routes({paths.CANCEL: True}))
    order = sync_exchange.cancel_order('178790278', 'ETH-USD')
    assert (order['id'], order['status'], order['symbol'], order['info']['data']) == ('178790278', 'canceled', 'ETH/USD:USD', True)


@pytest.mark.parametrize('reply, expected', [
    (business_error(2125, 'The order has been revoked'), OrderAlreadyCanceled),
    (business_error(2329, 'The server is updating, please wait a moment...'), OnMaintenance),
    (Reply(503, '<html>down</html>', 'text/html'), ExchangeNotAvailable),
    (Reply(200, 'not json', 'text/plain'), BadResponse),
])
def test_both_classes_map_errors_of_a_private_call_the_same_way(scripted, mode, reply, expected):
    scripted.reply(reply)

    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS)) as client:
        with pytest.raises(BaseError) as raised:
            client.cancel_order(7)
    assert type(raised.value) is expected


def test_fetch_order_is_order_not_found_only_for_a_2001_that_names_the_order_id(scripted, mode):
    answers = [business_error(2001, 'Illegal parameter:entrustId'), business_error(2001, 'Illegal parameter:timestamp')]
    scripted.respond_with(routes({paths.QUERY_ORDER: lambda recorded: answers.pop(0)}))
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        with pytest.raises(OrderNotFound):
            client.fetch_order(7)
        with pytest.raises(BadRequest) as raised:
            client.fetch_order(7)
    assert not isinstance(raised.value, OrderNotFound)
