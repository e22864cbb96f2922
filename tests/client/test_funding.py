"""Funding: the current rate, its history, and what positions have received, against the simulator's hourly charges."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from ccxt.base.errors import ArgumentsRequired

import satori_ccxt
from satori_simulator import Simulator

from ..support import paths
from ..support.clients import BTC, ETH, Driver, docs_config, query_of, routes, sent, sim_config

HOUR = 3_600_000
PAST_HOUR = 1_767_225_600_000   # 2026-01-01T00:00:00Z, a full hour in the past
CENT = Decimal('0.000001')


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=6) as simulator:
        yield simulator


@pytest.fixture
def driver(mode, sim):
    """A client of a fresh account whose clock is the simulator's, so its signatures hold while the simulator's clock is moved."""
    client = Driver(mode, sim_config(sim, sim.create_account('100000')))
    client.exchange.milliseconds = sim.now_ms
    yield client
    client.close()
    sim.set_time(None)


def test_the_funding_rate_is_the_next_full_hours_rate_charged_hourly(driver, sim):
    sim.set_time(PAST_HOUR + 25 * 60_000)
    rate = driver.fetch_funding_rate(ETH)
    assert rate['fundingRate'] == float(sim.funding_rate('ETH-USD', PAST_HOUR + HOUR))
    assert (rate['symbol'], rate['interval'], rate['timestamp']) == (ETH, '1h', PAST_HOUR + 25 * 60_000)
    assert (rate['fundingTimestamp'], rate['fundingDatetime']) == (PAST_HOUR + HOUR, '2026-01-01T01:00:00.000Z')


def test_funding_rates_cover_every_market_or_the_symbols_asked(driver, sim):
    assert set(driver.fetch_funding_rates()) == {ETH, BTC, 'SOL/USD:USD'}
    sim.clear_requests()
    assert set(driver.fetch_funding_rates([BTC])) == {BTC}
    assert sim.count(paths.FUNDING_CURRENT) == 1


def test_funding_rate_history_starts_at_since_oldest_first_with_the_rates_satori_charges(driver, sim):
    sim.set_time(PAST_HOUR + 10 * HOUR)
    history = driver.fetch_funding_rate_history(ETH, PAST_HOUR, 4)
    assert [entry['timestamp'] for entry in history] == [PAST_HOUR + hour * HOUR for hour in range(4)]
    assert [entry['fundingRate'] for entry in history] == [float(sim.funding_rate('ETH-USD', entry['timestamp'])) for entry in history]
    assert history[0]['datetime'] == '2026-01-01T00:00:00.000Z' and history[0]['symbol'] == ETH
    latest = driver.fetch_funding_rate_history(ETH, None, 3)
    assert [entry['timestamp'] for entry in latest] == [PAST_HOUR + hour * HOUR for hour in (8, 9, 10)]


def test_funding_rate_history_asks_a_window_of_limit_hours_from_since_clamped_to_100(scripted):
    scripted.respond_with(routes({paths.FUNDING_HISTORY: []}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    exchange.fetch_funding_rate_history(ETH, PAST_HOUR, 500)
    exchange.fetch_funding_rate_history(ETH, PAST_HOUR, 10, {'until': PAST_HOUR + 5 * HOUR})
    exchange.fetch_funding_rate_history(ETH)
    first, second, third = (query_of(request) for request in sent(scripted, paths.FUNDING_HISTORY))
    assert first == {'pairName': 'ETH-USD', 'limit': '100', 'beginTime': str(PAST_HOUR), 'endTime': str(PAST_HOUR + 100 * HOUR - 1)}
    assert second == {'pairName': 'ETH-USD', 'limit': '10', 'beginTime': str(PAST_HOUR), 'endTime': str(PAST_HOUR + 5 * HOUR)}
    assert third == {'pairName': 'ETH-USD', 'limit': '100'}


def test_funding_rate_history_reads_satoris_compact_utc_hour(scripted):
    # The answer captured on Satori (docs/evidence.md): the hour as yyyyMMddHHmmss, UTC.
    scripted.respond_with(routes({paths.FUNDING_HISTORY: [
        {'id': 41954, 'symbol': 'ETH-USD', 'fundingRate': '-0.0000625', 'fundingRateTime': '20240924070000'},
        {'id': 41953, 'symbol': 'ETH-USD', 'fundingRate': '0.00001', 'fundingRateTime': '2024-09-24 06:00:00'}]}))
    entry, = satori_ccxt.satori(docs_config(scripted.url)).fetch_funding_rate_history(ETH)
    assert (entry['timestamp'], entry['fundingRate'], entry['symbol']) == (1727161200000, -0.0000625, ETH)


def test_funding_rate_history_requires_a_symbol_before_any_request(scripted):
    with pytest.raises(ArgumentsRequired):
        satori_ccxt.satori(docs_config(scripted.url)).fetch_funding_rate_history()
    assert scripted.requests == []


def test_funding_history_is_what_each_open_position_received_at_the_hours_the_clock_crossed(driver, sim):
    sim.set_time(PAST_HOUR + 30 * 60_000)
    driver.create_order(ETH, 'market', 'buy', 0.5)
    driver.create_order(BTC, 'market', 'sell', 0.01)
    [long], [short] = driver.fetch_positions([ETH]), driver.fetch_positions([BTC])
    before = driver.fetch_balance()['USD']['free']
    expected = {ETH: Decimal(0), BTC: Decimal(0)}
    for hour in (1, 2, 3):
        sim.set_time(PAST_HOUR + hour * HOUR)   # each full hour is charged at that hour's mark price
        for symbol, position, sign in ((ETH, long, -1), (BTC, short, 1)):
            rate = Decimal(str(driver.fetch_funding_rate_history(symbol, PAST_HOUR + hour * HOUR, 1)[0]['fundingRate']))
            mark = Decimal(str(driver.fetch_mark_price(symbol)['markPrice']))
            payment = (Decimal(str(position['contracts'])) * mark * rate).quantize(CENT, rounding=ROUND_HALF_UP)
            expected[symbol] += sign * payment
    sim.advance_time(20 * 60_000)
    history = driver.fetch_funding_history()
    assert {(entry['symbol'], entry['id'], entry['code']) for entry in history} == {(ETH, long['id'], 'USD'), (BTC, short['id'], 'USD')}
    assert {entry['symbol']: Decimal(str(entry['amount'])) for entry in history} == expected
    assert all(entry['timestamp'] == sim.now_ms() for entry in history)
    assert driver.fetch_balance()['USD']['free'] == pytest.approx(before + float(sum(expected.values())), abs=1e-6)
    assert [entry['symbol'] for entry in driver.fetch_funding_history(BTC)] == [BTC]


def test_funding_is_charged_only_when_the_clock_is_moved_across_a_full_hour(driver, sim):
    sim.set_time(PAST_HOUR + 10 * 60_000)
    driver.create_order(ETH, 'market', 'buy', 0.5)
    sim.advance_time(40 * 60_000)           # within the hour: nothing
    sim.set_time(PAST_HOUR - HOUR)          # backwards: nothing
    sim.set_time(PAST_HOUR + 50 * 60_000)   # forward again, still before the next full hour: nothing
    assert [entry['amount'] for entry in driver.fetch_funding_history(ETH)] == [0]
    sim.set_time(PAST_HOUR + HOUR)
    charged, = driver.fetch_funding_history(ETH)
    sim.set_time(PAST_HOUR + HOUR + 1)
    assert driver.fetch_funding_history(ETH)[0]['amount'] == charged['amount'] != 0
