"""Sign type 2: EIP-191 ``personal_sign`` with the API wallet's secp256k1 key.

The key is parsed once into a libsecp256k1 key (coincurve), and the wallet
address derived from its public key (keccak256, last 20 bytes, EIP-55
checksum); every signature is keccak256 (eth-hash) plus libsecp256k1's
recoverable ECDSA, RFC 6979 with low-s: the bytes eth-account makes, which
``tests/client/test_signing.py`` checks against eth-account and the docs.

eth-account itself is not imported, on purpose: importing it (through py_ecc)
raises the interpreter's recursion limit to 100000 for the whole host process,
where a deep recursion then crashes the C stack instead of raising
RecursionError, and it takes about half a second, which the async class would
spend blocking the event loop inside its first signed request.

The key never sits in a local variable of a frame that can raise: it travels
wrapped in ``Secret`` (whose repr is masked), and the one function that
unwraps it returns instead of raising. A traceback formatted with its frames'
locals therefore shows ``Secret(***)``, never the key.
"""

import hashlib
import re

import coincurve
from ccxt.base.errors import AuthenticationError
from eth_hash.auto import keccak

_PRIVATE_KEY = re.compile(r'(?:0[xX])?([0-9a-fA-F]{64})')
_PREFIX = b'\x19Ethereum Signed Message:\n'
MALFORMED = 'satori secret (API wallet private key) must be 64 hex digits, with or without 0x'
OUT_OF_RANGE = 'satori secret is not a valid secp256k1 private key (0, or not below the curve order)'


class Secret:
    """A credential as the caller gave it, shown as ``Secret(***)`` in every repr, str and traceback."""

    __slots__ = ('_value',)

    def __init__(self, value):
        self._value = value

    def reveal(self):
        return self._value

    def fingerprint(self):
        """sha256 of the value, to tell whether the credential changed without keeping it: None when it is not text."""
        if not isinstance(self._value, str):
            return None
        return hashlib.sha256(self._value.encode('utf-8', 'surrogatepass')).hexdigest()

    def __repr__(self):
        return 'Secret(***)'

    __str__ = __repr__

    def __reduce__(self):
        raise TypeError('a Secret is not picklable')


def _private_key(secret: Secret):
    """(the libsecp256k1 key, None) or (None, why not). Never raises: this frame sees the raw key."""
    text = secret.reveal()
    match = _PRIVATE_KEY.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None, MALFORMED
    try:
        return coincurve.PrivateKey(bytes.fromhex(match.group(1))), None
    except ValueError:  # 0, or not below the curve order; coincurve's message states the bound, not the key
        return None, OUT_OF_RANGE


def checksum_address(public_key: coincurve.PublicKey) -> str:
    """The Ethereum address of ``public_key``: the last 20 bytes of keccak256 of its 64 coordinate bytes, EIP-55 cased."""
    lower = keccak(public_key.format(compressed=False)[1:])[-20:].hex()
    nibbles = keccak(lower.encode()).hex()
    return '0x' + ''.join(digit.upper() if int(nibble, 16) >= 8 else digit for digit, nibble in zip(lower, nibbles[:40], strict=True))


class EIP191Signer:
    """Signs text the way Satori verifies it; knows its address, never shows its key."""

    __slots__ = ('address', '_private_key')

    def __init__(self, secret):
        """``secret``: the key as 64 hex digits (``0x`` optional), preferably wrapped in ``Secret``."""
        private_key, problem = _private_key(secret if isinstance(secret, Secret) else Secret(secret))
        if private_key is None:
            raise AuthenticationError(problem)
        self._private_key = private_key
        self.address = checksum_address(private_key.public_key)

    def sign(self, text: str) -> str:
        """``0x`` + r + s + v as 130 lowercase hex digits, v being ``1b`` or ``1c``."""
        message = text.encode()
        digest = keccak(_PREFIX + str(len(message)).encode() + message)
        signature = self._private_key.sign_recoverable(digest, hasher=None)
        return '0x' + signature[:64].hex() + format(27 + signature[64], 'x')

    def __repr__(self):
        # Works on a signer whose construction failed half-way: a traceback formatter may call it.
        return f'EIP191Signer(address={getattr(self, "address", None)!r})'

    def __reduce__(self):
        raise TypeError('EIP191Signer holds a private key and is not picklable')


def warm_up():
    """Loads eth-hash's keccak backend (about 25 ms, once per process) so that no signed request pays for it later."""
    keccak(b'')
