import pytest

from ..support.wire_client import SatoriWire


@pytest.fixture
def wire(sim):
    """A minimal Satori client of ``sim``'s ready account, signing with eth-account rather than the client's signer."""
    return SatoriWire(sim, sim.api_key, sim.secret)
