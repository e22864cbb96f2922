"""What the stream tests share: a ccxt.pro client aimed at a server, a runner, and waiting for a condition."""

import asyncio

import ccxt.pro

import satori_ccxt  # noqa: F401  (registers ccxt.pro.satori)

from .clients import BTC, ETH, at_url  # noqa: F401  (BTC and ETH: the stream tests' symbols too)


def pro_client(url, api_key=None, secret=None, **config):
    """A ``ccxt.pro.satori`` whose REST (and so, by default, streams) point at ``url``."""
    credentials = {} if api_key is None else {'apiKey': api_key, 'secret': secret}
    return ccxt.pro.satori(at_url(url, enableRateLimit=False, timeout_on_exit=0, **credentials, **config))


def run(scenario, timeout=60):
    """Runs a test's coroutine on a fresh event loop; a hang fails the test instead of the suite."""
    return asyncio.run(asyncio.wait_for(scenario, timeout))


async def eventually(predicate, what, timeout=10):
    """Waits for ``predicate()`` to hold (checked as the loop turns), else fails naming ``what``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f'timed out waiting for {what}')
        await asyncio.sleep(0.002)


async def subscribed(sim, event, scope='ETH-USD', count=1):
    """Waits until the simulator holds ``count`` subscriptions to ``event`` on ``scope``."""
    def enough():
        return sum(1 for _, name, where, _ in sim.stream_subscriptions() if (name, where) == (event, scope)) >= count
    await eventually(enough, f'{count} subscription(s) to {event} {scope}')
