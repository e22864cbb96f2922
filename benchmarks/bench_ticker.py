"""fetch_tickers where Satori serves ticker/24hr and where it does not, sequential and gathered, in one run.

    .venv/bin/python benchmarks/bench_ticker.py [--rounds 20] [--latency-ms 50]

Two simulators, each in a process of its own so that the CPU time measured is
the client's: one serving only what Satori's own servers were captured serving
(``deployment='satori'``: a ticker takes five requests, after one 404 for
ticker/24hr that the client remembers), one also serving the later
deployment's ticker/24hr (two requests: ticker/24hr and the book). Each round is
one fetch_tickers over the simulator's three markets, ccxt's rate limiter off.

1. On bare loopback, the sync class: requests, median wall and client CPU per
   round; the baseline is the five-request ticker, measured in the same run.
2. With ``--latency-ms`` added to every request by the simulator (a network's
   round trip): the sequential plan fetch_tickers had before issue 12 (kept
   here only, as the baseline: each market's requests one after another) and
   the gathered one it has now, with the sync and the async class: requests,
   round trips (the longest chain of requests each sent after the one before it
   was answered, read from the order of arrivals and answers at the simulator)
   and wall time.
"""

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import satori_ccxt  # noqa: E402
from satori_ccxt.async_support import satori as AsyncSatori  # noqa: E402
from satori_ccxt.market_data import DAY_PARTS, FALLBACK_PARTS  # noqa: E402
from satori_simulator.server import RequestRecord  # noqa: E402
from satori_simulator.timeline import round_trips  # noqa: E402

SERVE = '''
import sys, threading
from satori_simulator import Simulator
with Simulator(seed=1, deployment=sys.argv[1]) as sim:
    print(sim.url, flush=True)
    threading.Event().wait()
'''
DEPLOYMENTS = {'satori': 'five requests', 'later': 'ticker/24hr + depth'}


class SimulatorProcess:
    def __init__(self, deployment):
        self.deployment = deployment

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, '-c', SERVE, self.deployment], stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        self.admin = requests.Session()
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=10)

    def request_count(self):
        return self.admin.get(self.url + '/__sim/state', timeout=10).json()['requestCount']

    def logged_requests(self):
        return [RequestRecord(**record) for record in self.admin.get(self.url + '/__sim/requests', timeout=10).json()]

    def config(self):
        return {'urls': {'api': {'public': self.url, 'private': self.url}}, 'enableRateLimit': False}


# ----- the baseline: fetch_tickers as it was before issue 12, each market's requests one after another -----------

def sequential_plan(exchange):
    """(market, [(part, Call)]) of each market, as fetch_tickers made them before: the learned plan, market after market."""
    parts = DAY_PARTS if exchange._is_served('publicGetApiThirdInfoTicker24hr') else FALLBACK_PARTS
    return [(market, exchange._ticker_requests(market, parts)) for market in (exchange.market(symbol) for symbol in exchange.symbols)]


def old_fetch_tickers_sync(exchange):
    tickers = {}
    for market, planned in sequential_plan(exchange):
        answers = {part: getattr(exchange, request.method)(*request.args) for part, request in planned}
        tickers[market['symbol']] = exchange.parse_ticker(answers, market)
    return tickers


async def old_fetch_tickers_async(exchange):
    tickers = {}
    for market, planned in sequential_plan(exchange):
        answers = {part: await getattr(exchange, request.method)(*request.args) for part, request in planned}
        tickers[market['symbol']] = exchange.parse_ticker(answers, market)
    return tickers


# ----- 1. bare loopback, the sync class ------------------------------------------------------------------------

def measure_loopback(sim, rounds):
    exchange = satori_ccxt.satori(sim.config())
    exchange.load_markets()
    exchange.fetch_tickers()   # the first round learns whether ticker/24hr is served
    before = sim.request_count()
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        tickers = exchange.fetch_tickers()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    requests_per_round = (sim.request_count() - before) / rounds
    assert all(ticker['bid'] is not None and ticker['open'] is not None for ticker in tickers.values())
    return requests_per_round, statistics.median(walls), statistics.median(cpus)


# ----- 2. with latency: sequential against gathered, sync and async ----------------------------------------------

def measure_latency(sim, latency):
    """{(plan, class): (requests, round trips, wall ms)} of one fetch_tickers each, every client having learned the plan first."""
    loop = asyncio.new_event_loop()

    async def make_async():
        return AsyncSatori({**sim.config(), 'timeout_on_exit': 0})
    sync_client, async_client = satori_ccxt.satori(sim.config()), loop.run_until_complete(make_async())
    sync_client.fetch_tickers()
    loop.run_until_complete(async_client.fetch_tickers())
    runs = {
        ('sequential', 'sync'): lambda: old_fetch_tickers_sync(sync_client),
        ('sequential', 'async'): lambda: loop.run_until_complete(old_fetch_tickers_async(async_client)),
        ('gathered', 'sync'): sync_client.fetch_tickers,
        ('gathered', 'async'): lambda: loop.run_until_complete(async_client.fetch_tickers()),
    }
    sim.admin.post(sim.url + '/__sim/faults', json={'kind': 'latency', 'duration': 3600, 'seconds': latency}).raise_for_status()
    figures = {}
    try:
        for key, run in runs.items():
            sim.admin.delete(sim.url + '/__sim/requests').raise_for_status()
            started = time.perf_counter()
            tickers = run()
            wall = (time.perf_counter() - started) * 1000
            assert all(ticker['bid'] is not None and ticker['open'] is not None for ticker in tickers.values())
            records = sim.logged_requests()
            figures[key] = (len(records), round_trips(records), wall)
    finally:
        sim.admin.delete(sim.url + '/__sim/faults').raise_for_status()
        loop.run_until_complete(async_client.close())
        loop.close()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rounds', type=int, default=20)
    parser.add_argument('--latency-ms', type=float, default=50, help='added to every request in table 2 (default: %(default)s)')
    args = parser.parse_args()
    loopback, latency = {}, {}
    for deployment in DEPLOYMENTS:
        with SimulatorProcess(deployment) as sim:
            loopback[deployment] = measure_loopback(sim, args.rounds)
            latency[deployment] = measure_latency(sim, args.latency_ms / 1e3)
    baseline = loopback['satori']
    print('| ticker from | requests per fetch_tickers (3 markets) | median wall ms | median client CPU ms | wall x baseline |')
    print('|---|---:|---:|---:|---:|')
    for deployment, (count, wall, cpu) in loopback.items():
        name = DEPLOYMENTS[deployment] + (' (baseline)' if deployment == 'satori' else '')
        print(f'| {name} | {count:.0f} | {wall:.1f} | {cpu:.1f} | {wall / baseline[1]:.2f} |')
    print(f'\nOne fetch_tickers (3 markets), {args.latency_ms:.0f} ms added to every request, rate limiter off; '
          'the baseline is the sequential plan of the same class:\n')
    print('| ticker from | plan | class | requests | round trips | wall ms | wall x baseline |')
    print('|---|---|---|---:|---:|---:|---:|')
    for deployment, figures in latency.items():
        for (plan, kind), (count, trips, wall) in figures.items():
            print(f'| {DEPLOYMENTS[deployment]} | {plan} | {kind} | {count} | {trips} | {wall:.0f} | '
                  f'{wall / figures[("sequential", kind)][2]:.2f} |')


if __name__ == '__main__':
    main()
