"""cancel_orders against the simulator on loopback, compared with the official SDK's way and with the plan it replaced, in one run.

    .venv/bin/python benchmarks/bench_cancel.py [--sizes 1 20 100 1000] [--concurrent 200] [--ids 100] [--latency-ms 20]

The simulator runs in its own process (``satori-ccxt simulate``), so the CPU
time measured here is the client's alone. ccxt's rate limiter is off
throughout, so the figures are the protocol's and the client's, not a throttle.

1. For each batch size, all orders open:
     satori-ccxt   exchange.cancel_orders(ids): batches of options['cancelOrdersMaxIds'] (100)
     SDK style     what satori_openapi_sdk does: GET /api/third/info/time before every signed call,
                   eth-account's sign_message, one request per call (one batch call per 100 ids)
2. For each failure pattern of ``--ids`` ids, every request delayed ``--latency-ms`` by the simulator:
   the plan cancel_orders had before (kept here only, as the baseline) and the one it has now, with the
   sync and the async class: requests, wall time, and round trips (the longest chain of requests each sent
   after the one before it was answered, read from the order of arrivals and answers at the simulator).
3. 200 cancel_order calls through one async instance: concurrently (asyncio.gather) and one after
   another, on bare loopback and with 20 ms of latency added by the simulator (a network's round trip).
"""

import argparse
import asyncio
import math
import random
import sys
import time
from pathlib import Path
from typing import NamedTuple

import ccxt
import requests
from eth_account import Account
from eth_account.messages import encode_defunct
from simulator_process import SimulatorProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import satori_ccxt  # noqa: E402
from satori_ccxt.async_support import satori as AsyncSatori  # noqa: E402
from satori_ccxt.vocabulary import envelope_code  # noqa: E402
from satori_simulator.server import RequestRecord  # noqa: E402
from satori_simulator.timeline import round_trips  # noqa: E402

CHUNK = 100


# ----- the baseline: the plan cancel_orders had before issue 10, kept here only --------------------

class OldStep(NamedTuple):
    batch: bool  # True: batchCancelEntrust of ``ids``; False: cancelEntrust of ``ids[0]``
    ids: list


OLD_OUTCOMES = {'2125': 'canceled', '2126': 'closed', '2103': 'expired', '2319': 'open'}


def old_outcome(response):
    code = envelope_code(response)
    if code == '200':
        return 'canceled' if response.get('data') is True else 'open'
    return OLD_OUTCOMES.get(code)


class OldPlan:
    """Batches of the maximum; after a batch stopped, single cancels in order up to the first answer that is not 2125,
    then a batch of the rest. 2319 (refused, or an id that does not exist) reads as open."""

    def __init__(self, ids, max_ids):
        self.ids, self.max_ids = ids, max_ids
        self.settled = {}
        self._next = 0
        self._uncertain = 0

    def next_step(self):
        if self._next == len(self.ids):
            return None
        if self._uncertain:
            return OldStep(False, [self.ids[self._next]])
        return OldStep(True, self.ids[self._next:self._next + self.max_ids])

    def record(self, step, response):
        status, code = old_outcome(response), envelope_code(response)
        if not step.batch:
            self._settle(step.ids[0], status)
            self._uncertain = self._uncertain - 1 if code == '2125' else 0
        elif code == '200' and status == 'canceled':
            for order_id in step.ids:
                self._settle(order_id, status)
        elif len(step.ids) == 1 and code != '200':
            self._settle(step.ids[0], status)
        else:
            self._uncertain = len(step.ids)

    def _settle(self, order_id, status):
        self.settled[order_id] = status
        self._next += 1


def old_request(step):
    if step.batch:
        return 'privatePostApiThirdOrderBatchCancelEntrust', {'entrustIds': step.ids}
    return 'privatePostApiThirdOrderCancelEntrust', {'entrustId': step.ids[0]}


def old_cancel_sync(exchange, ids):
    plan = OldPlan(ids, CHUNK)
    while (step := plan.next_step()) is not None:
        method, request = old_request(step)
        try:
            response = getattr(exchange, method)(request)
        except ccxt.BaseError as error:
            response = error.response
        plan.record(step, response)
    return [plan.settled[order_id] for order_id in ids]


async def old_cancel_async(exchange, ids):
    plan = OldPlan(ids, CHUNK)
    while (step := plan.next_step()) is not None:
        method, request = old_request(step)
        try:
            response = await getattr(exchange, method)(request)
        except ccxt.BaseError as error:
            response = error.response
        plan.record(step, response)
    return [plan.settled[order_id] for order_id in ids]


# ----- 1. batch sizes against the SDK's way ----------------------------------------------------------

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


def config(sim):
    return {**sim.credentials, 'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False}


def batch_table(sim, sizes):
    exchange = satori_ccxt.satori(config(sim))
    exchange.cancel_orders(sim.open_orders(1))  # warm up: key parsing, connections
    sdk_style_cancel(sim.url, sim.credentials, sim.open_orders(1))
    print(f'{"ids":>6}  {"client":<12}{"requests":>9}{"wall ms":>10}{"CPU us/id":>11}')
    for size in sizes:
        for name, cancel in (('satori-ccxt', exchange.cancel_orders),
                             ('SDK style', lambda ids: sdk_style_cancel(sim.url, sim.credentials, ids))):
            ids = sim.open_orders(size)
            count, wall, cpu = timed(sim, lambda: cancel(ids))  # noqa: B023 - called at once
            print(f'{size:>6}  {name:<12}{count:>9}{wall * 1e3:>10.1f}{cpu / size * 1e6:>11.0f}')


# ----- 2. failure patterns: the old plan and the new ---------------------------------------------------

UNKNOWN_ID = 150_000_000   # below the simulator's first order id: none of these is an order
FAILURE_ACTIONS = ('fill', 'expire', 'cancel', 'refuse-cancel')   # the simulator's admin actions on an open order


def patterns(count):
    scattered = sorted(random.Random(10).sample(range(count), 10))
    middle = {count // 2: 'fill'}
    return {
        'all open': {},
        'one failure in the middle': middle,
        '10 scattered failures': {position: FAILURE_ACTIONS[index % 4] for index, position in enumerate(scattered)},
        'all already cancelled': dict.fromkeys(range(count), 'cancel'),
        'all refused (2319)': dict.fromkeys(range(count), 'refuse-cancel'),
        'all unknown ids': dict.fromkeys(range(count), 'unknown'),
    }


def prepare(sim, count, happenings):
    """``count`` ids, each an open order brought into its state ('unknown': an id that is no order)."""
    ids = []
    for position in range(count):
        action = happenings.get(position)
        if action == 'unknown':
            ids.append(str(UNKNOWN_ID + position))
            continue
        [order_id] = sim.open_orders(1)
        if action is not None:
            sim.admin.post(f'{sim.url}/__sim/orders/{order_id}/{action}').raise_for_status()
        ids.append(str(order_id))
    return ids


def logged_requests(sim):
    return [RequestRecord(**record) for record in sim.admin.get(sim.url + '/__sim/requests').json()]


def measured(sim, run):
    """(statuses, requests, wall ms, round trips) of ``run()``, from a cleared request log."""
    sim.admin.delete(sim.url + '/__sim/requests').raise_for_status()
    started = time.perf_counter()
    statuses = run()
    wall = time.perf_counter() - started
    records = logged_requests(sim)
    return statuses, len(records), wall * 1e3, round_trips(records)


def pattern_table(sim, count, latency):
    bound = count + math.ceil(math.log2(count)) + 2
    print(f'\n{count} ids, {latency * 1e3:.0f} ms added to every request, rate limiter off '
          f'(bound: {bound} cancel requests, plus one state query per refused id):')
    print(f'{"pattern":<28}{"plan":<6}{"class":<7}{"requests":>9}{"wall ms":>10}{"round trips":>13}{"unknown ids open":>18}')
    loop = asyncio.new_event_loop()

    async def make_async():
        return AsyncSatori({**config(sim), 'timeout_on_exit': 0})
    sync_client, async_client = satori_ccxt.satori(config(sim)), loop.run_until_complete(make_async())
    sync_client.cancel_orders(sim.open_orders(2))  # warm up: key parsing, connections
    loop.run_until_complete(async_client.cancel_orders(sim.open_orders(2)))
    runs = {
        ('old', 'sync'): lambda ids: old_cancel_sync(sync_client, ids),
        ('old', 'async'): lambda ids: loop.run_until_complete(old_cancel_async(async_client, ids)),
        ('new', 'sync'): lambda ids: [order['status'] for order in sync_client.cancel_orders(ids)],
        ('new', 'async'): lambda ids: [order['status'] for order in loop.run_until_complete(async_client.cancel_orders(ids))],
    }
    sim.admin.post(sim.url + '/__sim/faults', json={'kind': 'latency', 'duration': 3600, 'seconds': latency}).raise_for_status()
    try:
        for name, happenings in patterns(count).items():
            for (plan, kind), run in runs.items():
                ids = prepare(sim, count, happenings)
                unknown = {position for position, action in happenings.items() if action == 'unknown'}
                statuses, requests_made, wall, trips = measured(sim, lambda: run(ids))  # noqa: B023 - called at once
                reported_open = sum(statuses[position] == 'open' for position in unknown)
                print(f'{name:<28}{plan:<6}{kind:<7}{requests_made:>9}{wall:>10.0f}{trips:>13}{reported_open:>18}')
    finally:
        sim.admin.delete(sim.url + '/__sim/faults').raise_for_status()
        loop.run_until_complete(async_client.close())
        loop.close()


# ----- 3. cancel_order calls, gathered or one by one ----------------------------------------------------

def concurrency_table(sim, count):
    async def run(ids, concurrently):
        exchange = AsyncSatori({**config(sim), 'timeout_on_exit': 0})
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
    parser.add_argument('--ids', type=int, default=100, help='ids per failure pattern (default: %(default)s)')
    parser.add_argument('--latency-ms', type=float, default=20,
                        help='added to every request of the failure patterns (default: %(default)s)')
    args = parser.parse_args()
    with SimulatorProcess() as sim:
        batch_table(sim, args.sizes)
        pattern_table(sim, args.ids, args.latency_ms / 1e3)
        concurrency_table(sim, args.concurrent)
    return 0


if __name__ == '__main__':
    sys.exit(main())
