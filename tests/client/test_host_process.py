"""The host process is the user's: importing and using the client leaves it as it was, and the key stays secret in
every form a failure can take (messages, log lines, tracebacks printed with their frames' locals, reprs, pickles)."""

import json
import logging
import pickle
import subprocess
import sys
import traceback

import pytest
from ccxt.base.errors import AuthenticationError, BaseError

import satori_ccxt
from satori_ccxt.signing import EIP191Signer, Secret

from ..support.clients import Driver, at_url, docs_config
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, DOCS_WALLET
from ..support.scripted_server import Reply, business_error

SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

USE_WITHOUT_A_SERVER = '''
import json, sys
sys.setrecursionlimit(1234)
import satori_ccxt
after_import = (sys.getrecursionlimit(), sorted(name for name in sys.modules if name.split('.')[0] in ('eth_account', 'py_ecc')))
from satori_ccxt.async_support import satori as AsyncSatori
credentials = {'apiKey': %(api_key)r, 'secret': %(secret)r}
signed = [cls(credentials).sign('api/third/order/cancelEntrust', ['private'], 'POST', {'entrustId': '1'})['headers']['signature']
          for cls in (satori_ccxt.satori, AsyncSatori)]
after_signing = (sys.getrecursionlimit(), sorted(name for name in sys.modules if name.split('.')[0] in ('eth_account', 'py_ecc')))
print(json.dumps({'after_import': after_import, 'after_signing': after_signing, 'signed': len(signed)}))
'''


def test_importing_and_signing_leave_the_recursion_limit_as_the_host_set_it_and_import_no_eth_account():
    # eth-account's py_ecc raises the limit to 100000, where a deep recursion crashes the C stack instead of raising.
    script = USE_WITHOUT_A_SERVER % {'api_key': DOCS_API_KEY, 'secret': DOCS_SECRET}
    result = json.loads(subprocess.run([sys.executable, '-c', script], capture_output=True, text=True, check=True).stdout)
    assert result == {'after_import': [1234, []], 'after_signing': [1234, []], 'signed': 2}


# ----- the key in every form ------------------------------------------------------------------------------

# Keys by name, so that no test frame holds one in a local variable that a traceback with locals would print.
KEYS = {
    'malformed': DOCS_SECRET[:-1] + 'g',
    'zero': '0x' + '00' * 32,
    'the curve order': f'{SECP256K1_ORDER:064x}',
    'above the curve order': 'ff' * 32,
    'the docs key': DOCS_SECRET,
}
FAILURES = {  # name: (key, extra config, what the server answers)
    'malformed key': ('malformed', {}, []),
    'key zero': ('zero', {}, []),
    'key equal to the curve order': ('the curve order', {}, []),
    'key above the curve order': ('above the curve order', {}, []),
    'wallet mismatch': ('the docs key', {'walletAddress': '0x' + '12' * 20}, []),
    'a signed request refused with 4001': ('the docs key', {}, [business_error(4001, 'Invalid address'),
                                                                 business_error(4001, 'Invalid address')]),
    'a signed request answered 502': ('the docs key', {}, [Reply(502, 'bad gateway', 'text/plain')] * 2),
    'a signed request dropped': ('the docs key', {}, [Reply(drop=True)] * 2),
}


def spellings(name):
    """The ways a key could show: as configured, its 64 digits in either case, and its bytes."""
    digits = KEYS[name].removeprefix('0x')[:64]
    return [KEYS[name], digits, digits.lower(), digits.upper(), repr(bytes.fromhex(digits.replace('g', '0')))[2:-1]]


def private_calls(driver):
    return [lambda: driver.cancel_orders([1, 2]), lambda: driver.cancel_order(3)]


@pytest.mark.parametrize('failure', FAILURES)
def test_the_key_is_in_no_traceback_with_locals_log_line_or_message_on_any_failure(scripted, capsys, caplog, mode, failure):
    key_name, extra, replies = FAILURES[failure]
    caplog.set_level(logging.DEBUG)
    scripted.reply(*replies)
    texts = []
    with Driver(mode, at_url(scripted.url, apiKey=DOCS_API_KEY, secret=KEYS[key_name], verbose=True, enableRateLimit=False,
                             timeout=2000, **extra)) as driver:
        for private_call in private_calls(driver):
            with pytest.raises(BaseError) as raised:
                private_call()
            error = raised.value
            texts += [str(error), repr(error), ''.join(traceback.format_exception(error)),
                      ''.join(traceback.TracebackException.from_exception(error, capture_locals=True).format())]
        texts += [repr(driver.exchange), repr(vars(driver.exchange).get('_secret_signer_cache'))]
    texts += [capsys.readouterr().out, caplog.text]
    assert 'Secret(***)' in ''.join(texts) or replies  # the locals were really printed where the key was parsed
    for text in texts:
        for spelling in spellings(key_name):
            assert spelling not in text


def test_a_traceback_with_locals_through_a_failed_signer_formats_and_shows_the_key_masked():
    with pytest.raises(AuthenticationError) as raised:
        EIP191Signer(Secret(KEYS['zero']))
    formatted = ''.join(traceback.TracebackException.from_exception(raised.value, capture_locals=True).format())
    assert "secret = Secret(***)" in formatted and '00' * 32 not in formatted


def test_a_half_built_signer_has_a_repr():
    assert repr(object.__new__(EIP191Signer)) == 'EIP191Signer(address=None)'


def test_the_signer_cache_holds_a_fingerprint_of_the_key_under_a_name_that_says_secret():
    exchange = satori_ccxt.satori({'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET})
    exchange.signer()
    cached = vars(exchange)['_secret_signer_cache']
    assert DOCS_SECRET[2:] not in repr(cached) and DOCS_SECRET[2:] not in repr(cached[0])
    assert cached[2].address == DOCS_WALLET
    exchange.secret = '0x' + '11' * 32
    assert exchange.signer().address != DOCS_WALLET  # a new key is noticed through its fingerprint


def test_a_pickled_exchange_leaves_the_signer_out_and_signs_the_same_after_loading():
    exchange = satori_ccxt.satori(docs_config('http://127.0.0.1:9', options={'timeDifference': 1}))
    exchange.signer()
    data = pickle.dumps(exchange)
    assert b'EIP191Signer' not in data
    loaded = pickle.loads(data)
    for client in (exchange, loaded):
        client.milliseconds = lambda: 1725696896943
    request = ('api/third/order/cancelEntrust', ['private'], 'POST', {'entrustId': '178790278'})
    assert loaded.sign(*request) == exchange.sign(*request)
    assert loaded.session.wrapped is not None  # still a session that follows no redirect
    with pytest.raises(TypeError):
        pickle.dumps(exchange.signer())
