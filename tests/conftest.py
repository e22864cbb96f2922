import asyncio
import inspect
import socket
import sys

import pytest
from hypothesis import HealthCheck, settings

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori
from satori_simulator import Simulator

from .docs_vectors import DOCS_API_KEY, DOCS_SECRET
from .scripted_server import ScriptedServer
from .test_simulator_support import SatoriWire

T0 = 1_800_000_000_000   # where the simulator's own tests freeze its clock

DOCS_CREDENTIALS = {'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}

# A prefix for a command that a test interrupts with SIGINT: it starts with Ctrl-C's default disposition even when this
# suite does not have it (a non-interactive shell starts background jobs with SIGINT ignored, and children inherit that).
WITH_CTRL_C = [sys.executable, '-c',
               'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])']

# Property tests draw the same examples on every run, so a run that passes passes again; and a loaded machine
# makes examples slow, not wrong: no deadline, no health check on speed.
settings.register_profile('satori-ccxt', derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile('satori-ccxt')


@pytest.fixture
def sim():
    """A simulator of the test's own, seed 1, its clock frozen at T0 (modules that share one simulator define their own ``sim``)."""
    with Simulator(seed=1, clock=T0) as simulator:
        yield simulator


@pytest.fixture
def wire(sim):
    """A minimal Satori client of ``sim``'s ready account, signing with eth-account rather than the client's signer."""
    return SatoriWire(sim, sim.api_key, sim.secret)


@pytest.fixture
def refused_port():
    """A loopback port that refuses connections for the whole test: bound by the test and never listening.

    (A port found free and closed again could be taken by another process before it is used.)
    """
    with socket.socket() as holder:
        holder.bind(('127.0.0.1', 0))
        yield holder.getsockname()[1]


@pytest.fixture
def scripted():
    server = ScriptedServer()
    yield server
    server.close()


def at_url(url, **config):
    """The constructor config that points both API sections at ``url``."""
    return {'urls': {'api': {'public': url, 'private': url}}, **config}


def frozen(exchange, timestamp):
    """Freezes the exchange's clock, the way the contract says tests do it."""
    exchange.milliseconds = lambda: timestamp
    return exchange


@pytest.fixture
def sync_exchange(scripted):
    """A sync client with the docs' key, aimed at the scripted server."""
    return satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False))


class Driver:
    """A sync or async client, called with the same syntax: ``driver.cancel_orders(ids)``.

    The async client runs on an event loop of its own, so a test is written
    once and parametrised over both classes; ``driver.exchange`` is the client
    itself (to freeze its clock, say). Close it, or use it in a ``with`` block.
    """

    def __init__(self, mode, config):
        self.mode = mode
        self._loop = None
        if mode == 'sync':
            self.exchange = satori_ccxt.satori(config)
        else:
            self._loop = asyncio.new_event_loop()

            async def make():  # ccxt waits 250 ms on close by default
                return AsyncSatori({**config, 'timeout_on_exit': 0})
            self.exchange = self._loop.run_until_complete(make())

    def __getattr__(self, name):
        attribute = getattr(self.exchange, name)
        if self._loop is None or not inspect.iscoroutinefunction(attribute):
            return attribute
        return lambda *args, **kwargs: self._loop.run_until_complete(attribute(*args, **kwargs))

    def close(self):
        if self._loop is not None:
            self._loop.run_until_complete(self.exchange.close())
            self._loop.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
