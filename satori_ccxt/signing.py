"""Sign type 2: EIP-191 ``personal_sign`` with the API wallet's secp256k1 key.

eth-account parses the key and derives the address once; every signature
after that is keccak256 (eth-hash) plus libsecp256k1's recoverable ECDSA
(coincurve), which is what eth-account does underneath without the per-call
conversions. Both are RFC 6979 with low-s, so the bytes are identical;
``tests/test_signing.py`` checks that against eth-account and the docs.
"""

import re

import coincurve
from ccxt.base.errors import AuthenticationError
from eth_hash.auto import keccak

_PRIVATE_KEY = re.compile(r'(?:0[xX])?([0-9a-fA-F]{64})')
_PREFIX = b'\x19Ethereum Signed Message:\n'


def parse_private_key(secret) -> bytes:
    """The 32 key bytes of ``secret`` (64 hex digits, ``0x`` optional), else AuthenticationError.

    The message never repeats the value: a malformed key is still a key.
    """
    match = _PRIVATE_KEY.fullmatch(secret) if isinstance(secret, str) else None
    if match is None:
        raise AuthenticationError('satori secret (API wallet private key) must be 64 hex digits, with or without 0x')
    return bytes.fromhex(match.group(1))


class EIP191Signer:
    """Signs text the way Satori verifies it; knows its address, never shows its key."""

    __slots__ = ('address', '_key')

    def __init__(self, secret):
        key_bytes = parse_private_key(secret)
        # Imported here, not at the top: eth-account takes about a second to import
        # (py_ecc's pairing tables), which `import satori_ccxt` should not pay for public data.
        from eth_account import Account
        try:
            self.address = Account.from_key(key_bytes).address
            self._key = coincurve.PrivateKey(key_bytes)
        except Exception:
            # eth-keys rejects 0 and keys >= the curve order; its message may quote the key.
            raise AuthenticationError('satori secret is not a valid secp256k1 private key') from None

    def sign(self, text: str) -> str:
        """``0x`` + r + s + v as 130 lowercase hex digits, v being ``1b`` or ``1c``."""
        message = text.encode()
        digest = keccak(_PREFIX + str(len(message)).encode() + message)
        signature = self._key.sign_recoverable(digest, hasher=None)
        return '0x' + signature[:64].hex() + format(27 + signature[64], 'x')

    def __repr__(self):
        return f'EIP191Signer(address={self.address!r})'

    def __reduce__(self):
        raise TypeError('EIP191Signer holds a private key and is not picklable')
