import pickle

import pytest
from ccxt.base.errors import AuthenticationError
from eth_account import Account
from eth_account.messages import encode_defunct
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_ccxt.signing import EIP191Signer

from ..support.docs_vectors import DOCS_SECRET, DOCS_WALLET, VECTORS

SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


@pytest.mark.parametrize('number, text, signature', VECTORS, ids=[f'vector{v[0]}' for v in VECTORS])
def test_every_published_vector_reproduces_byte_for_byte(number, text, signature):
    assert EIP191Signer(DOCS_SECRET).sign(text) == signature


def test_signer_derives_the_documented_wallet_address():
    assert EIP191Signer(DOCS_SECRET).address == DOCS_WALLET


def test_key_with_and_without_0x_prefix_is_the_same_key():
    text = VECTORS[3][1]
    assert EIP191Signer(DOCS_SECRET[2:]).sign(text) == EIP191Signer(DOCS_SECRET).sign(text)
    assert EIP191Signer(DOCS_SECRET.upper()).sign(text) == VECTORS[3][2]


@settings(max_examples=60, deadline=None)
@given(key=st.integers(min_value=1, max_value=SECP256K1_ORDER - 1), text=st.text(max_size=300))
def test_signature_equals_eth_account_personal_sign_for_any_key_and_text(key, text):
    secret = key.to_bytes(32, 'big').hex()
    expected = Account.sign_message(encode_defunct(text=text), bytes.fromhex(secret)).signature.hex()
    ours = EIP191Signer(secret).sign(text)
    assert ours == '0x' + expected.removeprefix('0x')
    assert len(ours) == 132 and ours == ours.lower() and ours[-2:] in ('1b', '1c')


@settings(max_examples=200, deadline=None)
@given(key=st.integers(min_value=1, max_value=SECP256K1_ORDER - 1))
def test_the_address_derived_without_eth_account_is_eth_accounts_checksummed_address(key):
    secret = key.to_bytes(32, 'big').hex()
    assert EIP191Signer(secret).address == Account.from_key(bytes.fromhex(secret)).address


@pytest.mark.parametrize('secret', [
    '',
    '0x',
    DOCS_SECRET[:-1],                          # 63 digits
    DOCS_SECRET + '0',                         # 65 digits
    DOCS_SECRET[:-1] + 'g',                    # not hex
    ' ' + DOCS_SECRET,
    '0x' + '00' * 32,                          # zero is not a key
    f'{SECP256K1_ORDER:064x}',                 # the curve order is not a key
    bytes.fromhex(DOCS_SECRET[2:]),            # bytes, not text
    int(DOCS_SECRET, 16),
    None,
], ids=['empty', 'only-0x', '63-digits', '65-digits', 'not-hex', 'leading-space', 'zero', 'curve-order', 'bytes', 'int', 'none'])
def test_malformed_key_raises_authentication_error_that_does_not_quote_it(secret):
    with pytest.raises(AuthenticationError) as raised:
        EIP191Signer(secret)
    text = str(raised.value)
    assert DOCS_SECRET[2:12] not in text and f'{SECP256K1_ORDER:064x}'[:12] not in text
    # nothing chained either: a traceback would print the chained exception's text
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None or raised.value.__suppress_context__


def test_signer_repr_shows_the_address_and_refuses_to_pickle():
    signer = EIP191Signer(DOCS_SECRET)
    assert DOCS_WALLET in repr(signer) and DOCS_SECRET[2:] not in repr(signer)
    with pytest.raises(TypeError):
        pickle.dumps(signer)
