"""Scenarios recorded from the simulator (``python -m tests.support.record_cassettes``), replayed without any server."""

import re

import pytest

from satori_simulator import Simulator

from ..support.cassette_config import CASSETTES, is_publishable_api_key, satori_vcr
from ..support.docs_vectors import DOCS_SECRET
from ..support.record_cassettes import SCENARIOS, SEED, client

EXPECTED = {
    'sim_batch_cancel_partial': [['canceled', 'canceled', 'closed', 'canceled', 'open', 'canceled']],
    'sim_faults': ['ExchangeNotAvailable', 'RateLimited', 'DDoSProtection', 'OnMaintenance', 'BadResponse', 'canceled'],
}


def recording_credentials():
    account = Simulator(seed=SEED).account  # derived from the seed, as when recording; no server starts
    return {'apiKey': account.api_key, 'secret': account.secret}


@pytest.mark.parametrize('name', sorted(SCENARIOS))
def test_recorded_scenario_replays_to_the_contracted_outcomes(name):
    _, run = SCENARIOS[name]
    with satori_vcr().use_cassette(f'{name}.yaml') as cassette:
        outcomes = run(client(recording_credentials()))
    assert outcomes == EXPECTED[name]
    assert cassette.all_played


def test_cassettes_hold_only_publishable_api_keys_and_no_private_key():
    simulator_secret = recording_credentials()['secret'][2:]
    for path in CASSETTES.glob('*.yaml'):
        text = path.read_text()
        for api_key in re.findall(r'APIKEY:\n\s+- (\S+)', text):
            assert is_publishable_api_key(api_key), path.name
        assert simulator_secret not in text
        for candidate in re.findall(r'(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])', text):
            assert candidate == DOCS_SECRET[2:], path.name
