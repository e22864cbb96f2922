"""How long sign() takes, against the floor and the other ways to make the same signature, measured in one run.

    .venv/bin/python benchmarks/bench_sign.py [--rounds 41] [--batch 200]

Candidates, all signing the seed request (batch cancel of three ids):
  our sign()      satori.sign(): query string, timestamp, headers and the signature
  floor           keccak256 + a cached coincurve PrivateKey.sign_recoverable of the same prefixed message
  eth-account     Account.sign_message(encode_defunct(text=...), key)
  ccxt primitives exchange.hash(..., 'keccak') + exchange.ecdsa(..., 'secp256k1')
Rounds interleave the candidates so that machine noise hits all alike; each figure is the median
per-call time over the rounds. Exits 1 if our sign() is slower than TARGET times the floor.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import coincurve
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_hash.auto import keccak

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import satori_ccxt  # noqa: E402
from tests.support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, VECTORS  # noqa: E402

TARGET = 1.5
PATH, API, METHOD = 'api/third/order/batchCancelEntrust', ['private'], 'POST'
PARAMS = {'entrustIds': ['180554928', '180554929', '180554930']}
TIMESTAMP = 1725865024825


def candidates():
    exchange = satori_ccxt.satori({'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET, 'sandbox': True})
    exchange.milliseconds = lambda: TIMESTAMP
    query = exchange.sign(PATH, API, METHOD, PARAMS)['url'].split('?', 1)[1]
    message = query.encode()
    prefixed = b'\x19Ethereum Signed Message:\n' + str(len(message)).encode() + message
    key_hex = DOCS_SECRET[2:]
    cached_key = coincurve.PrivateKey(bytes.fromhex(key_hex))

    def ours():
        return exchange.sign(PATH, API, METHOD, PARAMS)['headers']['signature']

    def floor():
        signature = cached_key.sign_recoverable(keccak(prefixed), hasher=None)
        return '0x' + signature[:64].hex() + format(27 + signature[64], 'x')

    def eth_account():
        return '0x' + Account.sign_message(encode_defunct(text=query), key_hex).signature.hex().removeprefix('0x')

    def ccxt_primitives():
        digest = exchange.hash(prefixed, 'keccak', 'hex')
        signed = exchange.ecdsa(digest, key_hex, 'secp256k1', None)
        return '0x' + signed['r'] + signed['s'] + format(27 + signed['v'], 'x')

    found = {'our sign()': ours, 'floor': floor, 'eth-account': eth_account, 'ccxt primitives': ccxt_primitives}
    for name, function in found.items():
        if function() != VECTORS[3][2]:
            raise SystemExit(f'{name} does not reproduce the seed vector; refusing to time it')
    return found


def measure(functions, rounds, batch):
    samples = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.perf_counter()
            for _ in range(batch):
                function()
            samples[name].append((time.perf_counter() - start) / batch)
    return {name: statistics.median(values) for name, values in samples.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rounds', type=int, default=41)
    parser.add_argument('--batch', type=int, default=200)
    args = parser.parse_args()
    functions = candidates()
    measure(functions, 3, 20)  # warm up caches and lazy imports
    medians = measure(functions, args.rounds, args.batch)
    floor = medians['floor']
    print(f'sign() benchmark, median per call over {args.rounds} interleaved rounds of {args.batch} calls')
    print(f'{"candidate":<18}{"median (us)":>12}{"x floor":>10}')
    for name, median in medians.items():
        print(f'{name:<18}{median * 1e6:>12.1f}{median / floor:>10.2f}')
    ratio = medians['our sign()'] / floor
    verdict = 'meets' if ratio <= TARGET else 'MISSES'
    print(f'our sign() / floor = {ratio:.2f} ({verdict} the target of {TARGET})')
    return 0 if ratio <= TARGET else 1


if __name__ == '__main__':
    sys.exit(main())
