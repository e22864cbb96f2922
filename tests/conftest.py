import asyncio

import pytest

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori

from .docs_vectors import DOCS_API_KEY, DOCS_SECRET
from .scripted_server import ScriptedServer

DOCS_CREDENTIALS = {'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}


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


def run_async(exchange_config, use):
    """Runs ``await use(exchange)`` with a fresh async client, closing it afterwards."""
    async def main():
        exchange = AsyncSatori({**exchange_config, 'timeout_on_exit': 0})  # ccxt waits 250 ms on close by default
        try:
            return await use(exchange)
        finally:
            await exchange.close()
    return asyncio.run(main())
