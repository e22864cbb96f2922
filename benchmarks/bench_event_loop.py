"""The longest time the async class keeps the event loop from running anything else, against baselines of the same run.

    .venv/bin/python benchmarks/bench_event_loop.py [--later 100]

A monitor task yields to the loop (``await asyncio.sleep(0)``) over and over; the longest gap between two of
its turns is the longest the loop was blocked. Two clocks: wall time (what the other tasks wait, including
any time the OS gives the CPU to another process) and the thread's CPU time (what the code on the loop
spent, the machine's load left out). Measured, each in a fresh interpreter:
  floor           the monitor alone, for as long as the client's run took: the loop's own jitter
  eth-account     the old first signed request's extra work, on the loop: importing eth-account and parsing the key
  satori-ccxt     after the exchange is constructed: a first private call (cancel_orders of 3 ids, which opens
                  the HTTP session and signs for the first time), then --later cancel_order calls
Against the simulator in a process of its own. Exits 1 if satori-ccxt blocks the loop for TARGET_MS or more
of CPU after construction. Also times ``import satori_ccxt`` against ``import ccxt.pro``, which it needs (fresh
interpreters).
"""

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

from simulator_process import SimulatorProcess

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 5.0


class LoopMonitor:
    """The longest gap between two turns of a task that only yields: how long the loop ran something else at once."""

    def __init__(self):
        self.longest = {'wall': 0.0, 'cpu': 0.0}
        self._running = True

    async def watch(self):
        clocks = {'wall': time.perf_counter, 'cpu': time.thread_time}
        last = {name: clock() for name, clock in clocks.items()}
        while self._running:
            await asyncio.sleep(0)
            for name, clock in clocks.items():
                now = clock()
                self.longest[name] = max(self.longest[name], now - last[name])
                last[name] = now

    def stop(self):
        self._running = False


async def monitored(action):
    """({'wall': ms, 'cpu': ms} of the longest block, seconds ``action`` took) with the monitor running beside it."""
    monitor = LoopMonitor()
    watcher = asyncio.ensure_future(monitor.watch())
    await asyncio.sleep(0)
    started = time.perf_counter()
    await action()
    elapsed = time.perf_counter() - started
    monitor.stop()
    await watcher
    return {name: seconds * 1e3 for name, seconds in monitor.longest.items()}, elapsed


def measure_floor(seconds):
    return asyncio.run(monitored(lambda: asyncio.sleep(seconds)))[0]


def measure_eth_account(secret):
    async def old_first_signature():
        from eth_account import Account  # what the old signer did inside the first signed request
        Account.from_key(bytes.fromhex(secret.removeprefix('0x')))
    return asyncio.run(monitored(old_first_signature))[0]


def measure_satori_ccxt(url, credentials, first_ids, later_ids):
    sys.path.insert(0, str(ROOT))
    from satori_ccxt.async_support import satori as AsyncSatori

    async def run():
        exchange = AsyncSatori({**credentials, 'urls': {'api': {'public': url, 'private': url}}, 'enableRateLimit': False,
                                'timeout_on_exit': 0})
        try:
            first, _ = await monitored(lambda: exchange.cancel_orders(first_ids))

            async def later_calls():
                for order_id in later_ids:
                    await exchange.cancel_order(order_id)
            later, elapsed = await monitored(later_calls)
            return first, later, elapsed
        finally:
            await exchange.close()
    return asyncio.run(run())


def in_fresh_interpreter(function, *args):
    """``function(*args)`` run in a new interpreter (nothing imported or warmed by an earlier measurement), its result."""
    script = (f'import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_event_loop as bench; '
              f'print(json.dumps(bench.{function.__name__}(*json.loads(sys.argv[1]))))')
    done = subprocess.run([sys.executable, '-c', script, json.dumps(args)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def import_seconds(module):
    done = subprocess.run([sys.executable, '-c', f'import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)'],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--later', type=int, default=100, help='cancel_order calls after the first private call')
    args = parser.parse_args()
    with SimulatorProcess() as sim:
        first_ids, later_ids = sim.open_orders(3), sim.open_orders(args.later)
        first, later, elapsed = in_fresh_interpreter(measure_satori_ccxt, sim.url, sim.credentials, first_ids, later_ids)
        floor = in_fresh_interpreter(measure_floor, elapsed)
        eth_account = in_fresh_interpreter(measure_eth_account, sim.credentials['secret'])
    rows = [('floor: the monitor alone', floor), ('eth-account import + key parsing (the old first signature)', eth_account),
            ('satori-ccxt: first private call', first), (f'satori-ccxt: {args.later} later cancel_order calls', later)]
    print(f'{"longest event-loop block":<62}{"wall ms":>9}{"x floor":>9}{"CPU ms":>9}{"x floor":>9}')
    for name, block in rows:
        ratios = {clock: block[clock] / floor[clock] for clock in block}
        print(f'{name:<62}{block["wall"]:>9.2f}{ratios["wall"]:>9.1f}{block["cpu"]:>9.2f}{ratios["cpu"]:>9.1f}')
    imports = {module: import_seconds(module) for module in ('ccxt.pro', 'satori_ccxt')}
    print(f'\nimport ccxt.pro (which satori_ccxt needs) {imports["ccxt.pro"]:.2f} s, '
          f'import satori_ccxt {imports["satori_ccxt"]:.2f} s (fresh interpreters)')
    worst = max(first['cpu'], later['cpu'])
    print(f'target: under {TARGET_MS} ms of CPU after construction; worst {worst:.2f} ms: {"met" if worst < TARGET_MS else "MISSED"}')
    return 0 if worst < TARGET_MS else 1


if __name__ == '__main__':
    sys.exit(main())
