"""Fixtures every kind of test uses; the layout of the suite is in tests/README.md.

Nothing here imports the client, so that the simulator's tests run without it.
"""

import socket

import pytest
from hypothesis import HealthCheck, settings

from satori_simulator import Simulator

from .support import T0
from .support.scripted_server import ScriptedServer

# Property tests draw the same examples on every run, so a run that passes passes again; and a loaded machine
# makes examples slow, not wrong: no deadline, no health check on speed.
settings.register_profile('satori-ccxt', derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile('satori-ccxt')


@pytest.fixture
def sim():
    """A simulator of the test's own, seed 1, its clock frozen at T0 (modules that share one simulator define their own ``sim``)."""
    with Simulator(seed=1, clock=T0) as simulator:
        yield simulator


@pytest.fixture(params=['sync', 'async'])
def mode(request):
    """The one way a test runs with both client classes: take ``mode`` and build a ``support.clients.Driver(mode, ...)``."""
    return request.param


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
