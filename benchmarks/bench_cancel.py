"""cancel_orders against the simulator on loopback, compared with the official SDK's way, in one run.

    .venv/bin/python benchmarks/bench_cancel.py [--sizes 1 20 100 1000] [--concurrent 200]

The simulator runs in its own process (``satori-ccxt simulate``), so the CPU
time measured here is the client's alone. For each batch size:
  satori-ccxt   exchange.cancel_orders(ids): batches of options['cancelOrdersMaxIds'] (100)
  SDK style     what satori_openapi_sdk does: GET /api/third/info/time before every signed call,
                eth-account's sign_message, one request per call (one batch call per 100 ids)
Both with ccxt's rate limiter off, so the figures are the protocol's and the client's, not a throttle.
Then 200 cancel_order calls through one async instance: concurrently (asyncio.gather) and one after
another, on bare loopback and with 20 ms of latency added by the simulator (a network's round trip).
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

import requests
from eth_account import Account
from eth_account.messages import encode_defunct
from simulator_process import SimulatorProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import satori_ccxt  # noqa: E402
from satori_ccxt.async_support import satori as AsyncSatori  # noqa: E402

CHUNK = 100


def sdk_style_cancel(url, credentials, ids):
    """The official SDK's pattern: server time before each signed call, eth-account signing, the string sent as is."""
    session = requests.Session()
    for start in range(0, len(ids), CHUNK):
        timestamp = session.get(url + '/api/third/info/time').json()['data']
        query = 'entrustIds=' + ','.join(str(order_id) for order_id in ids[start:start + CHUNK]) + f'&timestamp={timestamp}'
        signed = Account.sign_message(encode_defunct(text=query), credentials['secret'])
        signature = '0x' + signed.signature.hex().removeprefix('0x')
        headers = {'APIKEY': credentials['apiKey'], 'X-SAPI-SIGN-TYPE': '2', 'signature': signature, 'Content-Type': 'text/plain'}
        session.post(f'{url}/api/third/order/batchCancelEntrust?{query}', headers=headers, data='').json()


def timed(sim, action):
    before = sim.request_count()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return sim.request_count() - before, wall, cpu


def batch_table(sim, sizes):
    exchange = satori_ccxt.satori({**sim.credentials, 'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False})
    exchange.cancel_orders(sim.open_orders(1))  # warm up: key parsing, connections
    sdk_style_cancel(sim.url, sim.credentials, sim.open_orders(1))
    print(f'{"ids":>6}  {"client":<12}{"requests":>9}{"wall ms":>10}{"CPU us/id":>11}')
    for size in sizes:
        for name, cancel in (('satori-ccxt', exchange.cancel_orders),
                             ('SDK style', lambda ids: sdk_style_cancel(sim.url, sim.credentials, ids))):
            ids = sim.open_orders(size)
            count, wall, cpu = timed(sim, lambda: cancel(ids))  # noqa: B023 - called at once
            print(f'{size:>6}  {name:<12}{count:>9}{wall * 1e3:>10.1f}{cpu / size * 1e6:>11.0f}')


def concurrency_table(sim, count):
    async def run(ids, concurrently):
        exchange = AsyncSatori({**sim.credentials, 'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False,
                                'timeout_on_exit': 0})
        try:
            await exchange.cancel_order(sim.open_orders(1)[0])  # warm up
            started = time.perf_counter()
            if concurrently:
                await asyncio.gather(*(exchange.cancel_order(order_id) for order_id in ids))
            else:
                for order_id in ids:
                    await exchange.cancel_order(order_id)
            return time.perf_counter() - started
        finally:
            await exchange.close()

    print(f'\n{count} cancel_order calls through one async instance:')
    print(f'{"added latency":>14}{"one by one ms":>15}{"gather ms":>11}{"speed-up":>10}')
    for latency in (0.0, 0.02):
        if latency:  # what a real network adds; on loopback the simulator's own CPU is the only wait
            sim.admin.post(sim.url + '/__sim/faults', json={'kind': 'latency', 'path': '/api/third/order/cancelEntrust',
                                                           'duration': 600, 'seconds': latency}).raise_for_status()
        sequential = asyncio.run(run(sim.open_orders(count), False))
        concurrent = asyncio.run(run(sim.open_orders(count), True))
        sim.admin.delete(sim.url + '/__sim/faults').raise_for_status()
        print(f'{latency * 1e3:>11.0f} ms{sequential * 1e3:>15.1f}{concurrent * 1e3:>11.1f}{sequential / concurrent:>9.1f}x')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sizes', type=int, nargs='+', default=[1, 20, 100, 1000])
    parser.add_argument('--concurrent', type=int, default=200)
    args = parser.parse_args()
    with SimulatorProcess() as sim:
        batch_table(sim, args.sizes)
        concurrency_table(sim, args.concurrent)
    return 0


if __name__ == '__main__':
    sys.exit(main())
