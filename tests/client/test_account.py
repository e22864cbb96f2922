"""The account: balance per settle coin, positions at the mark price, margin calls, remembered leverage and margin mode."""

from decimal import Decimal

import pytest
from ccxt.base.errors import BadRequest, InvalidOrder

import satori_ccxt
from satori_simulator import Simulator

from ..support import paths
from ..support.clients import BTC, ETH, Driver, docs_config, query_of, routes, sent, sim_config


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=4) as simulator:
        yield simulator


@pytest.fixture
def driver(mode, sim):
    """A client of a fresh account with 50000 USD; ``driver.account`` is its simulator account."""
    account = sim.create_account('50000')
    client = Driver(mode, sim_config(sim, account))
    client.account = account
    yield client
    client.close()


# ----- balance ---------------------------------------------------------------------------------

def test_balance_is_available_as_free_and_frozen_as_used(driver, sim):
    assert driver.fetch_balance()['USD'] == {'free': 50000, 'used': 0, 'total': 50000}
    driver.create_order(ETH, 'limit', 'buy', 1, 2000, {'leverage': 10})   # reserves 200 USD of margin
    balance = driver.fetch_balance()
    held = sim.balance(driver.account)
    assert (balance['free']['USD'], balance['used']['USD']) == (float(held['available']), float(held['frozen'])) == (49800, 200)
    assert balance['total']['USD'] == 50000


def test_balance_asks_once_per_settle_coin_or_for_the_code_given(scripted):
    pairs = [{'symbol': 'ETH-USD', 'settleCoinSymbol': 'USD'}, {'symbol': 'BTC-USDT', 'settleCoinSymbol': 'USDT'},
             {'symbol': 'SOL-USD', 'settleCoinSymbol': 'USD'}]
    scripted.respond_with(routes({paths.PAIRS: pairs, paths.BALANCE:
                                  lambda recorded: {'symbol': query_of(recorded)['symbol'], 'availableAmount': '5', 'frozenAmount': '1'}}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    assert exchange.fetch_balance()['total'] == {'USD': 6, 'USDT': 6}
    assert exchange.fetch_balance({'code': 'USDT'})['total'] == {'USDT': 6}
    assert [query_of(request)['symbol'] for request in sent(scripted, paths.BALANCE)] == ['USD', 'USDT', 'USDT']


# ----- positions -------------------------------------------------------------------------------

def test_no_positions_is_an_empty_list_and_costs_no_mark_price(driver, sim):
    before = sim.count(paths.MARK_PRICE)
    assert driver.fetch_positions() == []
    assert sim.count(paths.MARK_PRICE) == before


def test_a_position_shows_side_size_entry_leverage_margin_and_the_mark_price(driver, sim):
    driver.create_order(ETH, 'market', 'sell', 0.2, None, {'leverage': 5, 'marginMode': 'isolated'})
    [position] = driver.fetch_positions([ETH])
    # The order may fill at two levels: the shared book's best bid may be part-taken by earlier tests in the same second.
    fills = driver.fetch_my_trades(ETH)
    entry = sum(fill['price'] * fill['amount'] for fill in fills) / sum(fill['amount'] for fill in fills)
    assert (position['symbol'], position['side'], position['contracts'], position['contractSize']) == (ETH, 'short', 0.2, 1)
    assert (position['leverage'], position['marginMode']) == (5, 'isolated') and position['entryPrice'] == pytest.approx(entry, abs=1e-8)
    assert position['initialMargin'] == pytest.approx(entry * 0.2 / 5, abs=0.01)
    assert position['markPrice'] > 0 and position['notional'] == pytest.approx(0.2 * position['markPrice'])
    assert position['collateral'] == pytest.approx(position['positionMargin'] + position['unrealizedPnl'])
    assert position['percentage'] == pytest.approx(100 * position['unrealizedPnl'] / position['initialMargin'])
    assert position['liquidationPrice'] > position['entryPrice']   # a short is liquidated above its entry


def test_positions_without_symbols_ask_every_market(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.1)
    driver.create_order(BTC, 'market', 'sell', 0.01, None, {'marginMode': 'cross'})
    before_lists, before_marks = sim.count(paths.POSITIONS), sim.count(paths.MARK_PRICE)
    positions = driver.fetch_positions()
    assert {(position['symbol'], position['side'], position['marginMode']) for position in positions} == \
        {(ETH, 'long', 'isolated'), (BTC, 'short', 'cross')}
    assert (sim.count(paths.POSITIONS) - before_lists, sim.count(paths.MARK_PRICE) - before_marks) == (3, 2)


# ----- margin ----------------------------------------------------------------------------------

def test_add_and_reduce_margin_move_funds_in_and_out_of_the_position(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.1, None, {'leverage': 10})
    [before] = driver.fetch_positions([ETH])
    added = driver.add_margin(ETH, 25)
    [after] = driver.fetch_positions([ETH])
    assert (added['type'], added['amount'], added['status'], added['code'], added['symbol']) == ('add', 25, 'ok', 'USD', ETH)
    assert after['positionMargin'] == pytest.approx(before['positionMargin'] + 25)
    assert driver.reduce_margin(ETH, 10)['type'] == 'reduce'
    [reduced] = driver.fetch_positions([ETH])
    assert reduced['positionMargin'] == pytest.approx(before['positionMargin'] + 15)
    assert sim.balance(driver.account)['available'] < Decimal(50000)


def test_margin_of_a_position_named_by_id(driver):
    driver.create_order(ETH, 'market', 'buy', 0.1, None, {'leverage': 10})
    [position] = driver.fetch_positions([ETH])
    driver.add_margin(ETH, 5, {'positionId': position['id']})
    assert driver.fetch_positions([ETH])[0]['positionMargin'] == pytest.approx(position['positionMargin'] + 5)


def test_margin_without_a_position_is_refused(driver, sim):
    with pytest.raises(BadRequest, match='no open position'):
        driver.add_margin(BTC, 5)


def test_margin_calls_on_a_cross_position_are_refused_by_satori(driver):
    driver.create_order(ETH, 'market', 'buy', 0.1, None, {'marginMode': 'cross'})
    with pytest.raises(BadRequest, match='2315'):
        driver.add_margin(ETH, 5)


@pytest.mark.parametrize('amount', [0, -1, 'ten', None])
def test_a_bad_margin_amount_is_refused_before_any_request(scripted, amount):
    with pytest.raises(BadRequest):
        satori_ccxt.satori(docs_config(scripted.url)).add_margin(ETH, amount, {'positionId': 1})
    assert scripted.requests == []


# ----- remembered leverage and margin mode, on the exchange ------------------------------------

def test_remembered_leverage_and_margin_mode_reach_the_position(driver):
    driver.set_leverage(8, ETH)
    driver.set_margin_mode('cross', ETH)
    driver.create_order(ETH, 'market', 'buy', 0.1)
    [position] = driver.fetch_positions([ETH])
    assert (position['leverage'], position['marginMode']) == (8, 'cross')


def test_a_positions_time_is_its_create_time_in_utc_and_its_unrealized_pnl_is_worked_out_at_the_mark(driver, sim):
    sim.set_time(1_767_225_600_000 + 1234)   # 2026-01-01 00:00:01.234 UTC; Satori sends createTime to the second, createTimeStamp null
    driver.exchange.milliseconds = sim.now_ms
    try:
        driver.create_order(ETH, 'market', 'buy', 0.3)
        [position] = driver.fetch_positions([ETH])
    finally:
        sim.set_time(None)
    assert (position['timestamp'], position['datetime']) == (1_767_225_601_000, '2026-01-01T00:00:01.000Z')
    assert position['info']['unrealizedPnl'] is None
    assert position['unrealizedPnl'] == pytest.approx((position['markPrice'] - position['entryPrice']) * 0.3)
    assert (position['stopLossPrice'], position['takeProfitPrice']) == (None, None)   # types 0: the "0" prices mean none


# ----- leverage as the venue reports it ----------------------------------------------------------

def test_fetch_leverage_reads_get_user_lever_where_served(mode):
    with Simulator(seed=8, deployment='later') as sim, Driver(mode, sim_config(sim, sim.account)) as driver:
        driver.create_order(ETH, 'market', 'buy', 0.1, None, {'leverage': 7, 'marginMode': 'cross'})
        leverage = driver.fetch_leverage(ETH)
        assert (leverage['symbol'], leverage['longLeverage'], leverage['shortLeverage'], leverage['marginMode']) == (ETH, 7, 7, 'cross')
        assert leverage['info'] == {'contractPairId': '1', 'positionType': '4', 'lever': '7'}
        # Nothing on BTC yet: getUserLever answers null, and the leverage the next order would carry is reported.
        assert (driver.fetch_leverage(BTC)['longLeverage'], driver.fetch_leverage(BTC)['info']) == (1, {})
        assert [query_of_record(record) for record in sim.requests if record.path.endswith('getUserLever')][0] == {'contractPairId': '1'}


def test_fetch_leverage_falls_back_to_what_set_leverage_remembered_and_learns_that_once(mode):
    with Simulator(seed=8) as sim, Driver(mode, sim_config(sim, sim.account)) as driver:
        assert driver.fetch_leverage(ETH)['longLeverage'] == 1
        driver.set_leverage(12, ETH)
        driver.set_margin_mode('cross', ETH)
        assert {key: driver.fetch_leverage(ETH)[key] for key in ('longLeverage', 'shortLeverage', 'marginMode')} == \
            {'longLeverage': 12, 'shortLeverage': 12, 'marginMode': 'cross'}
        assert sim.count(paths.USER_LEVER) == 1


def query_of_record(record) -> dict:
    return {key: value for key, value in (pair.split('=', 1) for pair in record.query.split('&')) if key != 'timestamp'}


# ----- closing positions -------------------------------------------------------------------------

def test_close_position_closes_what_the_position_can_still_close_at_market(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.3, None, {'leverage': 5})
    driver.create_order(ETH, 'limit', 'sell', 0.1, 9000)   # a resting close: only 0.2 can still be closed
    [position] = driver.fetch_positions([ETH])
    order = driver.close_position(ETH)
    assert (order['symbol'], order['side'], order['type'], order['amount'], order['reduceOnly']) == (ETH, 'sell', 'market', 0.2, True)
    assert sim.order_status(order['id']) == 'filled'
    close_request = [record for record in sim.requests if record.path == paths.CLOSE_ORDER][-1]
    assert query_of_record(close_request) == {'contractPositionId': position['id'], 'isMarket': 'True', 'price': '0', 'quantity': '0.2'}
    assert driver.fetch_positions([ETH])[0]['contracts'] == 0.1


def test_close_position_at_a_limit_price_or_for_part_of_the_position(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.3)
    order = driver.close_position(ETH, 'long', {'price': 9000.123, 'amount': 0.1234, 'clientOrderId': 'close-1'})
    assert (order['type'], order['price'], order['amount'], order['clientOrderId']) == ('limit', 9000.12, 0.123, 'close-1')
    assert sim.order_status(order['id']) == 'open'


def test_close_position_without_a_position_of_that_side_is_an_invalid_order(driver):
    with pytest.raises(InvalidOrder, match='no open'):
        driver.close_position(ETH)
    driver.create_order(ETH, 'market', 'buy', 0.1)
    with pytest.raises(InvalidOrder, match='no open short position'):
        driver.close_position(ETH, 'short')


@pytest.mark.parametrize('side, params', [('buy', {}), ('long', {'price': -1}), ('long', {'amount': 'all'})])
def test_bad_close_position_arguments_are_refused_before_any_request(scripted, side, params):
    with pytest.raises(BadRequest):
        satori_ccxt.satori(docs_config(scripted.url)).close_position(ETH, side, params)
    assert scripted.requests == []


def test_close_all_positions_closes_every_market_and_returns_the_positions_closed(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.1)
    driver.create_order(BTC, 'market', 'sell', 0.01)
    closed = driver.close_all_positions()
    assert {(position['symbol'], position['side'], position['contracts']) for position in closed} == \
        {(ETH, 'long', 0.1), (BTC, 'short', 0.01)}
    assert driver.fetch_positions() == []
    assert sim.ledger(driver.account)['positions'] == []
