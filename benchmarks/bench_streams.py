"""How soon a bot learns of a fill: ccxt.pro's watch_orders against REST polling once a second, on loopback, in one run.

    .venv/bin/python benchmarks/bench_streams.py [--fills 200] [--polls 20] [--pushes 2000]

The simulator runs in this process (its own thread and event loop), so a fill can be timed from
the engine event itself:
  watch_orders   a resting order is filled by the simulator's test hook (the engine event, t0), and
                 the time is taken when watch_orders returns the order as closed (t1)
  REST polling   the same, learnt by fetch_order called once a second (the baseline, measured: the
                 fill lands at a seeded random moment of the polling period)
  push rate      a thread places resting orders while the client's loop is held, so that every NEW
                 change is queued; then the client's order cache is read until it holds them all
"""

import argparse
import asyncio
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import ccxt.pro  # noqa: E402

import satori_ccxt  # noqa: E402,F401
from satori_simulator import Simulator  # noqa: E402

ETH = 'ETH/USD:USD'


def client(sim, account, **options):
    return ccxt.pro.satori({'apiKey': account.api_key, 'secret': account.secret, 'enableRateLimit': False, 'timeout_on_exit': 0,
                            'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'options': options})


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def watch_latency(sim, account, fills):
    exchange = client(sim, account)
    latencies = []
    await no_subscriptions(sim)
    try:
        await exchange.load_markets()
        waiting = asyncio.ensure_future(exchange.watch_orders(ETH))
        await subscribed(sim, 'api_entrust')
        for _ in range(fills):
            order_id = str(sim.place_order(account, 'ETH-USD', 'buy', '2000', '0.01'))
            waiting = await until(exchange, waiting, lambda order, order_id=order_id: order['id'] == order_id)
            started = time.perf_counter()   # the engine event: the fill, with the watch already waiting
            sim.fill(int(order_id))
            waiting = await until(exchange, waiting, closed(order_id))
            latencies.append((time.perf_counter() - started) * 1000)
        waiting.cancel()
    finally:
        await exchange.close()
    return latencies


async def no_subscriptions(sim):
    """Waits until the simulator has closed the connections of an earlier phase."""
    while sim.stream_subscriptions():
        await asyncio.sleep(0.001)


async def subscribed(sim, event):
    while event not in {row[1] for row in sim.stream_subscriptions()}:
        await asyncio.sleep(0.001)


async def until(exchange, waiting, wanted):
    """Awaits watch_orders returns until one holds an order ``wanted`` accepts; returns the next watch, already waiting."""
    while True:
        orders = await waiting
        waiting = asyncio.ensure_future(exchange.watch_orders(ETH))
        if any(wanted(order) for order in orders):
            await asyncio.sleep(0)   # registered before anything else happens
            return waiting


def closed(order_id):
    return lambda order: (order['id'], order['status']) == (order_id, 'closed')


async def polling_latency(sim, account, polls, period=1.0):
    exchange = client(sim, account)
    rng = random.Random(13)
    latencies = []
    try:
        await exchange.load_markets()
        for _ in range(polls):
            order_id = sim.place_order(account, 'ETH-USD', 'buy', '2000', '0.01')
            filled_at = []
            loop = asyncio.get_running_loop()

            def fill(order_id=order_id, filled_at=filled_at):
                filled_at.append(time.perf_counter())
                sim.fill(order_id)
            loop.call_later(rng.uniform(0, period), fill)
            while True:
                poll_started = time.perf_counter()
                order = await exchange.fetch_order(str(order_id), ETH)
                if order['status'] == 'closed':
                    latencies.append((time.perf_counter() - filled_at[0]) * 1000)
                    break
                await asyncio.sleep(max(period - (time.perf_counter() - poll_started), 0))
    finally:
        await exchange.close()
    return latencies


async def push_rate(sim, account, pushes):
    exchange = client(sim, account, ordersLimit=pushes)   # the cache holds every order of the burst
    await no_subscriptions(sim)
    try:
        await exchange.load_markets()
        waiting = asyncio.ensure_future(exchange.watch_orders(ETH))
        await subscribed(sim, 'api_entrust')
        produced = []

        def produce():
            started = time.perf_counter()
            for index in range(pushes):
                sim.place_order(account, 'ETH-USD', 'buy', str(1500 + index % 400), '0.001')
            produced.append(time.perf_counter() - started)
        producer = threading.Thread(target=produce)
        producer.start()
        producer.join()     # blocks this loop: every push waits, queued, for the client
        first = time.perf_counter()
        # A push that lands between two watch_orders calls waits in the cache for the next one (ccxt.pro's way), so
        # the count is read from the cache as the loop turns.
        while exchange.orders is None or len(exchange.orders) < pushes:
            await asyncio.sleep(0.0005)
        last = time.perf_counter()
        waiting.cancel()
    finally:
        await exchange.close()
    return pushes / (last - first) if last > first else float('inf'), pushes / produced[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--fills', type=int, default=200)
    parser.add_argument('--polls', type=int, default=20)
    parser.add_argument('--pushes', type=int, default=2000)
    args = parser.parse_args()
    with Simulator(seed=41, balance='100000000') as sim:
        watched = asyncio.run(watch_latency(sim, sim.create_account('100000000'), args.fills))
        polled = asyncio.run(polling_latency(sim, sim.create_account('100000000'), args.polls))
        received, produced = asyncio.run(push_rate(sim, sim.create_account('100000000'), args.pushes))
    p50, p99 = percentile(watched, 0.5), percentile(watched, 0.99)
    poll50, poll99 = percentile(polled, 0.5), percentile(polled, 0.99)
    print('| how the fill is learnt | samples | p50 ms | p99 ms | p50 x watch |')
    print('|---|---:|---:|---:|---:|')
    print(f'| watch_orders (api_entrust push) | {len(watched)} | {p50:.2f} | {p99:.2f} | 1.0 |')
    print(f'| fetch_order polled once a second | {len(polled)} | {poll50:.1f} | {poll99:.1f} | {poll50 / p50:.0f} |')
    print(f'\nmean watch latency {statistics.mean(watched):.2f} ms; '
          f'one client took in {received:,.0f} order pushes/s from a backlog (the engine produced {produced:,.0f} orders/s)')


if __name__ == '__main__':
    main()
