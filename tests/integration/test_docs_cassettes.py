"""The docs' own examples, replayed with vcrpy: method, full URI, the wire headers and the body must match to the byte."""

import pytest
from ccxt.base.errors import ExchangeError
from vcr.errors import CannotOverwriteExistingCassetteException

import satori_ccxt

from ..support.cassette_config import satori_vcr
from ..support.clients import DOCS_CREDENTIALS, Driver, frozen
from ..support.docs_vectors import DOCS_API_KEY

SEED_IDS = [180554928, 180554929, 180554930]


def docs_client(timestamp, **credentials):
    exchange = satori_ccxt.satori({**DOCS_CREDENTIALS, **credentials, 'sandbox': True})
    return frozen(exchange, timestamp)


def test_docs_batch_cancel_example_replays(mode):
    with Driver(mode, {**DOCS_CREDENTIALS, 'sandbox': True}) as client:
        frozen(client.exchange, 1725865024825)
        with satori_vcr().use_cassette('docs_batch_cancel.yaml') as cassette:
            orders = client.cancel_orders(SEED_IDS)
    assert cassette.all_played
    assert [(order['id'], order['status']) for order in orders] == [(str(i), 'canceled') for i in SEED_IDS]
    assert orders[0]['info']['sid'] == '1809700645462351873'


def test_docs_cancel_order_example_replays(mode):
    with Driver(mode, {**DOCS_CREDENTIALS, 'sandbox': True}) as client:
        frozen(client.exchange, 1725696896942)
        with satori_vcr().use_cassette('docs_cancel_order.yaml') as cassette:
            order = client.cancel_order('178790278')
    assert cassette.all_played and order['status'] == 'canceled'


@pytest.mark.parametrize('change', ['one millisecond later', 'another order', 'another key', 'mainnet'])
def test_a_request_that_differs_by_a_byte_does_not_match(change):
    timestamp, ids, credentials = 1725865024825, list(SEED_IDS), {}
    if change == 'one millisecond later':
        timestamp += 1
    elif change == 'another order':
        ids[2] += 1
    elif change == 'another key':
        credentials = {'apiKey': DOCS_API_KEY, 'secret': '0x' + '22' * 32}
    exchange = docs_client(timestamp, **credentials)
    if change == 'mainnet':
        exchange.set_sandbox_mode(False)
    with satori_vcr().use_cassette('docs_batch_cancel.yaml'):
        with pytest.raises(ExchangeError) as raised:  # vcr's refusal, raised inside requests, reaches the caller as a ccxt error
            exchange.cancel_orders(ids)
    causes = []
    cause = raised.value
    while cause is not None:
        causes.append(type(cause))
        cause = cause.__cause__
    assert CannotOverwriteExistingCassetteException in causes
