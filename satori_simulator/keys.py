"""The little of Ethereum the simulator needs: wallet addresses and ``personal_sign`` recovery, on coincurve and keccak.

Not eth-account: importing it (through py_ecc) raises ``sys.setrecursionlimit`` to
100000, and the simulator runs inside other people's processes (test suites, the
demo, ``satori-ccxt simulate``), whose recursion limit is theirs. libsecp256k1
(coincurve) and keccak (eth-hash) are what eth-account uses underneath;
``tests/simulator/test_hostile_clients.py`` checks both functions against eth-account.
"""

import coincurve
from eth_hash.auto import keccak

SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def personal_message_digest(text: str) -> bytes:
    """keccak256 of EIP-191's ``"\\x19Ethereum Signed Message:\\n" + <byte length> + <message>``."""
    message = text.encode('utf-8')
    return keccak(b'\x19Ethereum Signed Message:\n' + str(len(message)).encode() + message)


def address_of_public_key(public_key: coincurve.PublicKey) -> str:
    """The EIP-55 checksummed address: the last 20 bytes of keccak of the uncompressed point."""
    hex_address = keccak(public_key.format(compressed=False)[1:])[-20:].hex()
    checksum = keccak(hex_address.encode()).hex()[:40]
    return '0x' + ''.join(letter.upper() if int(nibble, 16) >= 8 else letter for letter, nibble in zip(hex_address, checksum, strict=True))


def address_of_secret(secret: str) -> str:
    """The wallet address of a private key written as ``0x`` and 64 hex digits."""
    return address_of_public_key(coincurve.PrivateKey(bytes.fromhex(secret[2:])).public_key)


def recover_signer(digest: bytes, r: int, s: int, recovery_id: int):
    """The address whose key signed ``digest`` with (r, s, recovery id), or None when no point recovers."""
    signature = r.to_bytes(32, 'big') + s.to_bytes(32, 'big') + bytes([recovery_id])
    try:
        public_key = coincurve.PublicKey.from_signature_and_message(signature, digest, hasher=None)
    except ValueError:  # coincurve's answer for (r, s) that recover no point
        return None
    return address_of_public_key(public_key)
