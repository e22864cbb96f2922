"""The bytes a signed request puts on the wire, against the docs' own examples."""

import pytest
from ccxt.base.errors import BadRequest

import satori_ccxt

from ..support import paths
from ..support.clients import DOCS_CREDENTIALS, Driver, at_url, frozen
from ..support.docs_vectors import DOCS_API_KEY, VECTORS
from ..support.scripted_server import envelope

SEED_SIGNATURE = VECTORS[3][2]
SEED_QUERY = 'entrustIds=180554928,180554929,180554930&timestamp=1725865024825'


def docs_headers(signature):
    return {'APIKEY': DOCS_API_KEY, 'X-SAPI-SIGN-TYPE': '2', 'signature': signature, 'Content-Type': 'text/plain'}


def test_seed_request_is_the_docs_curl_byte_for_byte():
    exchange = frozen(satori_ccxt.satori({**DOCS_CREDENTIALS, 'sandbox': True}), 1725865024825)
    request = exchange.sign('api/third/order/batchCancelEntrust', ['private'], 'POST',
                            {'entrustIds': ['180554928', '180554929', '180554930']})
    assert request == {
        'url': 'https://zk-test.satori.finance' + paths.BATCH_CANCEL + '?' + SEED_QUERY,
        'method': 'POST',
        'body': None,
        'headers': docs_headers(SEED_SIGNATURE),
    }


def test_cancel_orders_sends_the_seed_vector_over_http(scripted, mode):
    scripted.reply(envelope(True))
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS)) as client:
        frozen(client.exchange, 1725865024825)
        client.cancel_orders([180554928, 180554929, '180554930'])
    [sent] = scripted.requests
    assert (sent.method, sent.target, sent.body) == ('POST', paths.BATCH_CANCEL + '?' + SEED_QUERY, b'')
    assert {name: sent.headers.get(name) for name in docs_headers('')} == docs_headers(SEED_SIGNATURE)


def test_cancel_order_sends_vector_3_over_http(scripted, sync_exchange):
    scripted.reply(envelope(True))
    frozen(sync_exchange, 1725696896942).cancel_order(178790278)
    [sent] = scripted.requests
    assert (sent.method, sent.target, sent.body) == ('POST', paths.CANCEL + '?' + VECTORS[2][1], b'')
    assert {name: sent.headers.get(name) for name in docs_headers('')} == docs_headers(VECTORS[2][2])


def test_query_is_sorted_unencoded_with_python_booleans_and_comma_lists():
    exchange = frozen(satori_ccxt.satori(DOCS_CREDENTIALS), 1725693490018)
    params = {'quantity': '0.02', 'isLong': True, 'isMarket': False, 'lever': 20, 'ids': [3, 1, 2], 'price': 3100.5, 'skipped': None}
    request = exchange.sign('api/third/hot/order/create', ['private'], 'POST', params)
    query = request['url'].split('?', 1)[1]
    assert query == 'ids=3,1,2&isLong=True&isMarket=False&lever=20&price=3100.5&quantity=0.02&timestamp=1725693490018'
    assert request['headers']['signature'] == satori_ccxt.satori(DOCS_CREDENTIALS).signer().sign(query)


@pytest.mark.parametrize('value', ['a b', 'a&b', 'a=b', '50%', 'é', 'a+b', 'x/y', 'a?b'])
def test_values_that_would_need_percent_encoding_are_refused_before_sending(scripted, sync_exchange, value):
    with pytest.raises(BadRequest):
        sync_exchange.cancel_order(1, params={'clientOrderId': value})
    assert scripted.requests == []


@pytest.mark.parametrize('key', ['a b', 'a&b', 'a=b'])
def test_parameter_names_that_would_need_percent_encoding_are_refused_before_sending(scripted, sync_exchange, key):
    with pytest.raises(BadRequest):
        sync_exchange.cancel_order(1, params={key: '1'})
    assert scripted.requests == []


def test_timestamp_is_local_milliseconds_minus_time_difference():
    exchange = frozen(satori_ccxt.satori({**DOCS_CREDENTIALS, 'options': {'timeDifference': 1500}}), 1725865026325)
    request = exchange.sign('api/third/order/batchCancelEntrust', ['private'], 'POST',
                            {'entrustIds': ['180554928', '180554929', '180554930']})
    assert request['url'].endswith('timestamp=1725865024825')
    assert request['headers']['signature'] == SEED_SIGNATURE


def test_load_time_difference_measures_local_minus_server_time(scripted, sync_exchange):
    scripted.reply(envelope(1725865024825))
    assert frozen(sync_exchange, 1725865026325).load_time_difference() == 1500
    assert sync_exchange.options['timeDifference'] == 1500
    assert scripted.requests[0].target == paths.TIME


def test_adjust_for_time_difference_fetches_server_time_once_before_the_first_signed_request(scripted):
    exchange = satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, options={'adjustForTimeDifference': True}))
    frozen(exchange, 1725865026325)
    scripted.reply(envelope(1725865024825), envelope(True), envelope(True))
    exchange.cancel_orders([180554928, 180554929, 180554930])
    exchange.cancel_order(178790278)
    targets = [sent.target for sent in scripted.requests]
    assert targets == [paths.TIME, paths.BATCH_CANCEL + '?' + SEED_QUERY,
                       paths.CANCEL + '?entrustId=178790278&timestamp=1725865024825']


def test_public_requests_carry_no_signature(scripted, sync_exchange):
    scripted.reply(envelope(1725865024825))
    sync_exchange.fetch_time()
    [sent] = scripted.requests
    assert (sent.method, sent.target) == ('GET', paths.TIME)
    assert not {'APIKEY', 'signature', 'X-SAPI-SIGN-TYPE'} & set(sent.headers)


def test_default_urls_are_mainnet_and_sandbox_switches_to_testnet():
    mainnet = {'public': 'https://zksync.satori.finance', 'private': 'https://zksync.satori.finance'}
    testnet = {'public': 'https://zk-test.satori.finance', 'private': 'https://zk-test.satori.finance'}
    exchange = satori_ccxt.satori()
    assert exchange.urls['api'] == mainnet and exchange.urls['test'] == testnet
    exchange.set_sandbox_mode(True)
    assert exchange.urls['api'] == testnet
    exchange.set_sandbox_mode(False)
    assert exchange.urls['api'] == mainnet
    assert satori_ccxt.satori({'sandbox': True}).urls['api'] == testnet
    assert satori_ccxt.async_satori({'sandbox': True}).urls['api'] == testnet


def test_another_server_is_used_through_the_urls_option(scripted):
    exchange = satori_ccxt.satori(at_url(scripted.url + '/'))
    scripted.reply(envelope(1))
    exchange.fetch_time()
    assert scripted.requests[0].target == paths.TIME


def test_the_client_calls_exactly_the_endpoint_paths_the_tests_name():
    api = satori_ccxt.satori().describe()['api']
    called = ['/' + path for section in api.values() for endpoints in section.values() for path in endpoints]
    assert sorted(called) == sorted(paths.REST)
