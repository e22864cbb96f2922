"""fetch_tickers where Satori serves ticker/24hr and where it does not, in one run.

    .venv/bin/python benchmarks/bench_ticker.py [--rounds 20]

Two simulators, each in a process of its own so that the CPU time measured is
the client's: one serving only what Satori's own servers were captured serving
(``deployment='satori'``: a ticker takes five requests, after one 404 for
ticker/24hr that the client remembers), one also serving the later
deployment's ticker/24hr (two requests: ticker/24hr and the book). Each round is
one fetch_tickers over the simulator's three markets, ccxt's rate limiter off.
The baseline is the five-request ticker, measured in the same run.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import satori_ccxt  # noqa: E402

SERVE = '''
import sys, threading
from satori_simulator import Simulator
with Simulator(seed=1, deployment=sys.argv[1]) as sim:
    print(sim.url, flush=True)
    threading.Event().wait()
'''


class SimulatorProcess:
    def __init__(self, deployment):
        self.deployment = deployment

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, '-c', SERVE, self.deployment], stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=10)

    def request_count(self):
        return requests.get(self.url + '/__sim/state', timeout=10).json()['requestCount']


def measure(deployment, rounds):
    with SimulatorProcess(deployment) as sim:
        exchange = satori_ccxt.satori({'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False})
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rounds', type=int, default=20)
    rounds = parser.parse_args().rounds
    baseline = measure('satori', rounds)
    served = measure('later', rounds)
    print('| ticker from | requests per fetch_tickers (3 markets) | median wall ms | median client CPU ms | wall x baseline |')
    print('|---|---:|---:|---:|---:|')
    for name, (count, wall, cpu) in (('five requests (baseline)', baseline), ('ticker/24hr + depth', served)):
        print(f'| {name} | {count:.0f} | {wall:.1f} | {cpu:.1f} | {wall / baseline[1]:.2f} |')


if __name__ == '__main__':
    main()
