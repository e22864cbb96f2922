"""Credentials: checked before any request, never shown."""

import logging

import pytest
from ccxt.base.errors import AuthenticationError, BaseError

import satori_ccxt

from ..support.clients import Driver, at_url, frozen
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, DOCS_WALLET
from ..support.scripted_server import Reply, business_error, envelope

KEY_HEX = DOCS_SECRET[2:]


def private_calls(exchange):
    return [lambda: exchange.cancel_order(1), lambda: exchange.cancel_orders([1, 2])]


@pytest.mark.parametrize('credentials', [
    {},
    {'apiKey': DOCS_API_KEY},
    {'secret': DOCS_SECRET},
    {'apiKey': DOCS_API_KEY, 'secret': KEY_HEX[:-2]},
    {'apiKey': DOCS_API_KEY, 'secret': 'not a key at all'},
    {'apiKey': 'st_key with space', 'secret': DOCS_SECRET},
    {'apiKey': 12345, 'secret': DOCS_SECRET},
], ids=['nothing', 'no-secret', 'no-api-key', 'short-secret', 'garbage-secret', 'bad-api-key', 'api-key-not-text'])
def test_private_call_with_missing_or_malformed_credentials_raises_before_any_request(scripted, credentials):
    exchange = satori_ccxt.satori(at_url(scripted.url, **credentials))
    for private_call in private_calls(exchange):
        with pytest.raises(AuthenticationError) as raised:
            private_call()
        assert KEY_HEX[:16] not in str(raised.value)
    assert scripted.requests == []


def test_both_classes_refuse_a_malformed_key_before_any_request(scripted, mode):
    with Driver(mode, at_url(scripted.url, apiKey=DOCS_API_KEY, secret='0x1234')) as client:
        with pytest.raises(AuthenticationError):
            client.cancel_orders([1])
    assert scripted.requests == []


def test_private_key_is_accepted_as_an_alias_for_secret():
    exchange = frozen(satori_ccxt.satori({'apiKey': DOCS_API_KEY, 'privateKey': DOCS_SECRET, 'sandbox': True}), 1725696896942)
    request = exchange.sign('api/third/order/cancelEntrust', ['private'], 'POST', {'entrustId': '178790278'})
    assert request['headers']['signature'].startswith('0xf46a4e6e')
    assert exchange.check_required_credentials()


@pytest.mark.parametrize('wallet', [DOCS_WALLET, DOCS_WALLET.lower(), DOCS_WALLET.upper().replace('0X', '0x')])
def test_wallet_address_matching_the_key_in_any_case_is_accepted(wallet):
    exchange = satori_ccxt.satori({'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET, 'walletAddress': wallet})
    assert exchange.signer().address == DOCS_WALLET


def test_wallet_address_of_another_key_is_an_authentication_error(scripted):
    exchange = satori_ccxt.satori(at_url(scripted.url, apiKey=DOCS_API_KEY, secret=DOCS_SECRET,
                                         walletAddress='0x' + '12' * 20))
    with pytest.raises(AuthenticationError, match='walletAddress'):
        exchange.cancel_order(1)
    assert scripted.requests == []
    assert exchange.check_required_credentials(False) is False


def test_changing_the_secret_after_construction_takes_effect():
    exchange = satori_ccxt.satori({'apiKey': DOCS_API_KEY, 'secret': '0x' + '11' * 32})
    first = exchange.signer().address
    exchange.secret = DOCS_SECRET
    assert exchange.signer().address == DOCS_WALLET != first


@pytest.mark.parametrize('cls', [satori_ccxt.satori, satori_ccxt.async_satori])
def test_constructing_without_arguments_makes_no_network_call(cls, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError('network call while constructing')
    monkeypatch.setattr(socket.socket, 'connect', refuse)
    monkeypatch.setattr(socket, 'create_connection', refuse)
    exchange = cls()
    assert exchange.id == 'satori'


def test_private_key_appears_in_no_log_line_error_or_repr(scripted, capsys, caplog):
    """Verbose logging, debug logging, every kind of failure: the key is nowhere in the output."""
    caplog.set_level(logging.DEBUG)
    exchange = satori_ccxt.satori(at_url(scripted.url, apiKey=DOCS_API_KEY, secret=DOCS_SECRET, verbose=True, enableRateLimit=False))
    scripted.reply(envelope(True), business_error(4001, 'Invalid address'), Reply(502, '<html>bad gateway</html>', 'text/html'),
                   business_error(2126, 'The order has been completely filled'), envelope(False),
                   business_error(2001, 'Illegal parameter:entrustId'))
    texts = [repr(exchange), str(exchange), repr(exchange.signer())]
    exchange.cancel_order(1)
    for failing_call in (lambda: exchange.cancel_order(2), lambda: exchange.cancel_order(3), lambda: exchange.cancel_order(4)):
        with pytest.raises(BaseError) as raised:
            failing_call()
        texts += [str(raised.value), repr(raised.value)]
    texts.append(repr(exchange.cancel_orders([5])))
    exchange.secret = KEY_HEX[:-1] + 'x'
    with pytest.raises(AuthenticationError) as raised:
        exchange.cancel_order(6)
    texts += [str(raised.value), capsys.readouterr().out, caplog.text]
    assert 'fetch Request' in texts[-2]  # verbose really logged
    for text in texts:
        assert KEY_HEX not in text and KEY_HEX[:-1] not in text
