import pytest

import satori_ccxt

from ..support.clients import DOCS_CREDENTIALS, at_url


@pytest.fixture
def sync_exchange(scripted):
    """A sync client with the docs' key, aimed at the scripted server."""
    return satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False))
