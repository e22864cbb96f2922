"""Reads that do not depend on each other go out together in the async class, one after another in the sync class.

Counted at the simulator, never timed: ``round_trips`` is the longest chain of
requests each received after the one before it was answered, read from the
order of arrivals and answers alone. The latency added to every request only
makes the requests of one round overlap.
"""

import re
from pathlib import Path

import pytest
from ccxt.base.errors import BadRequest, DDoSProtection, ExchangeNotAvailable, NotSupported

from satori_simulator import Simulator
from satori_simulator.timeline import peak_in_flight, round_trips

from ..support import T0, paths
from ..support.clients import Driver, docs_config, query_of, routes, sent
from ..support.scripted_server import Reply, business_error

LATENCY = 0.25   # seconds: far longer than sending one round's requests takes, however loaded the machine
SERVER_ERROR = Reply(status=502, body='<html>502 Bad Gateway</html>', content_type='text/html')
THROTTLED = business_error(2008, 'Frequent requests:please try again later')
FIVE_PARTS = {paths.TRADES, paths.DEPTH, paths.KLINE, paths.MARK_PRICE, paths.INDEX_PRICE}


@pytest.fixture(params=['satori', 'later'])
def deployment_sim(request):
    with Simulator(seed=1, clock=T0, deployment=request.param) as simulator:
        yield simulator


def client_for(sim, mode, **options):
    """A client of ``sim``'s account, on the simulator's clock."""
    driver = Driver(mode, {'apiKey': sim.api_key, 'secret': sim.secret, 'urls': {'api': {'public': sim.url, 'private': sim.url}},
                           'enableRateLimit': False, 'options': options})
    driver.exchange.milliseconds = sim.now_ms
    return driver


def measured(sim, client, method, *args):
    """(result, requests, round trips, peak in flight) of ``client.method(*args)``, the markets already loaded."""
    client.load_markets()
    sim.clear_requests()
    sim.inject('latency', duration=600, seconds=LATENCY)
    try:
        result = getattr(client, method)(*args)
    finally:
        sim.clear_faults()
    records = sim.requests
    return result, records, round_trips(records), peak_in_flight(records)


def test_async_fetch_tickers_of_three_markets_takes_at_most_two_round_trips(deployment_sim):
    sim = deployment_sim
    with client_for(sim, 'async') as client:
        client.load_markets()
        first = client.fetch_tickers()
        tickers, records, trips, _ = measured(sim, client, 'fetch_tickers')
    assert sorted(tickers) == sorted(first) and len(tickers) == 3
    assert all(ticker['bid'] is not None and ticker['open'] is not None for ticker in tickers.values())
    if sim.deployment == 'later':   # ticker/24hr and the book of each market, all at once
        assert sorted(record.path for record in records) == sorted([paths.TICKER_24HR, paths.DEPTH] * 3)
        assert trips == 1
    else:                           # the five requests of each market, ten at a time (fetchConcurrency)
        assert {record.path for record in records} == FIVE_PARTS and len(records) == 15
        assert trips == 2


def test_async_fetch_tickers_learns_the_fallback_once_when_several_markets_meet_the_404_at_once(sim):
    with client_for(sim, 'async') as client:
        _, records, trips, _ = measured(sim, client, 'fetch_tickers')
        assert [record.path for record in records].count(paths.TICKER_24HR) == 3
        assert trips == 3   # ticker/24hr and the books; then the other four parts, twelve requests ten at a time
        sim.clear_requests()
        client.fetch_tickers()
        assert paths.TICKER_24HR not in [record.path for record in sim.requests] and len(sim.requests) == 15


@pytest.mark.parametrize('concurrency', [1, 4, 15])
def test_the_async_class_never_has_more_reads_in_flight_than_fetch_concurrency(sim, concurrency):
    with client_for(sim, 'async', fetchConcurrency=concurrency) as client:
        client.fetch_tickers()   # learns the fallback
        _, records, trips, peak = measured(sim, client, 'fetch_tickers')
    assert len(records) == 15 and peak <= concurrency
    assert trips == -(-15 // concurrency)


def test_the_sync_class_sends_gathered_reads_one_after_another(sim):
    with client_for(sim, 'sync') as client:
        for method in ('fetch_tickers', 'fetch_open_orders', 'fetch_positions'):
            _, records, trips, peak = measured(sim, client, method)
            assert peak == 1 and trips == len(records) >= 3, method


@pytest.mark.parametrize('method, path', [('fetch_open_orders', paths.OPEN_ORDERS), ('fetch_positions', paths.POSITIONS),
                                          ('fetch_funding_history', paths.POSITIONS), ('fetch_mark_prices', paths.MARK_PRICE),
                                          ('fetch_funding_rates', paths.FUNDING_CURRENT)])
def test_async_reads_over_every_market_take_one_round_trip(sim, method, path):
    with client_for(sim, 'async') as client:
        _, records, trips, _ = measured(sim, client, method)
    assert [record.path for record in records] == [path] * 3
    assert trips == 1


def test_async_fetch_positions_asks_the_mark_price_of_each_market_with_a_position_in_the_same_round_as_its_list(sim):
    with client_for(sim, 'async') as client:
        client.create_order('ETH/USD:USD', 'market', 'buy', 0.1)
        positions, records, trips, _ = measured(sim, client, 'fetch_positions')
    assert [position['symbol'] for position in positions] == ['ETH/USD:USD'] and positions[0]['markPrice'] is not None
    assert sorted(record.path for record in records) == sorted([paths.POSITIONS] * 3 + [paths.MARK_PRICE])
    assert trips == 2


@pytest.mark.parametrize('mode', ['sync', 'async'])
@pytest.mark.parametrize('method, path', [('fetch_tickers', paths.DEPTH), ('fetch_open_orders', paths.OPEN_ORDERS),
                                          ('fetch_positions', paths.POSITIONS), ('fetch_balance', paths.BALANCE)])
def test_a_failing_market_request_ends_as_the_mapped_ccxt_exception(sim, mode, method, path):
    with client_for(sim, mode) as client:
        client.load_markets()
        sim.inject('http_5xx', path=path, count=1, status=502)
        with pytest.raises(ExchangeNotAvailable):
            getattr(client, method)()
        sim.inject('code_2008', path=path, count=1)
        with pytest.raises(DDoSProtection):
            getattr(client, method)()
        assert getattr(client, method)() is not None   # the faults used up, the same call succeeds


@pytest.mark.parametrize('mode', ['sync', 'async'])
@pytest.mark.parametrize('failures, raised', [({'BTC-USD': SERVER_ERROR, 'ETH-USD': THROTTLED}, ExchangeNotAvailable),
                                              ({'BTC-USD': THROTTLED, 'ETH-USD': SERVER_ERROR}, DDoSProtection)])
def test_of_several_failing_markets_the_first_in_market_order_is_raised_whatever_answers_first(scripted, mode, failures, raised):
    scripted.respond_with(routes({paths.OPEN_ORDERS: lambda request: failures[query_of(request)['pairName']]}))
    with Driver(mode, docs_config(scripted.url)) as client:
        with pytest.raises(raised):
            client.fetch_open_orders()
    assert sorted(query_of(request)['pairName'] for request in sent(scripted, paths.OPEN_ORDERS)) == ['BTC-USD', 'ETH-USD']


@pytest.mark.parametrize('concurrency', [0, -1, 2.5, True, '10', None])
def test_a_fetch_concurrency_that_is_no_positive_int_is_a_bad_request_before_any_request(scripted, concurrency):
    scripted.respond_with(routes({}))
    with Driver('async', docs_config(scripted.url, options={'fetchConcurrency': concurrency})) as client:
        client.load_markets()
        asked = len(scripted.requests)
        with pytest.raises(BadRequest, match='fetchConcurrency'):
            client.fetch_tickers()
    assert len(scripted.requests) == asked


def readme_ticker_rows() -> dict:
    """{(ticker from, plan, class): (requests, round trips)} of the README's table of fetch_tickers with latency."""
    text = (Path(__file__).resolve().parents[2] / 'README.md').read_text()
    rows = re.findall(r'^\| (five requests|ticker/24hr \+ depth) \| (sequential|gathered) \| (sync|async) \| (\d+) \| (\d+) \|', text, re.M)
    return {(source, plan, kind): (int(count), int(trips)) for source, plan, kind, count, trips in rows}


@pytest.mark.parametrize('mode', ['sync', 'async'])
def test_the_readme_states_the_requests_and_round_trips_fetch_tickers_takes(deployment_sim, mode):
    sim = deployment_sim
    with client_for(sim, mode) as client:
        client.fetch_tickers()   # learns whether ticker/24hr is served, as the benchmark does
        _, records, trips, _ = measured(sim, client, 'fetch_tickers')
    source = 'ticker/24hr + depth' if sim.deployment == 'later' else 'five requests'
    assert readme_ticker_rows()[(source, 'gathered', mode)] == (len(records), trips)
    assert readme_ticker_rows()[(source, 'sequential', mode)] == (len(records), len(records))


@pytest.mark.parametrize('method, chain', [('fetch_closed_orders', [paths.ORDER_HISTORIES]),
                                           ('fetch_canceled_orders', [paths.ORDER_HISTORIES]),
                                           ('fetch_orders', [paths.ORDER_HISTORIES, paths.OPEN_ORDERS])])
def test_async_finished_order_lists_over_every_market_ask_the_markets_at_once(method, chain):
    with Simulator(seed=1, clock=T0, deployment='later') as sim, client_for(sim, 'async') as client:
        _, records, trips, _ = measured(sim, client, method)
    assert sorted(record.path for record in records) == sorted(chain * 3)
    assert trips == len(chain)


@pytest.mark.parametrize('mode', ['sync', 'async'])
def test_finished_order_lists_where_histories_is_not_served_raise_not_supported_for_every_market(sim, mode):
    with client_for(sim, mode) as client:
        with pytest.raises(NotSupported, match='fetch_orders'):
            client.fetch_orders()
        assert client.fetch_closed_orders() == []   # read through the fills where histories is not served
