"""Typical user code, sync and async, as a type checker reads it: never run, only checked (tests/integration/test_types.py).

Every unified method is called on the sync class and awaited on the async one, with ``assert_type`` on what it
returns, so that a method whose declared type a user would not expect fails the suite.
"""

from typing import Any, assert_type

from ccxt.base.types import (
    Balances,
    FundingHistory,
    FundingRate,
    FundingRateHistory,
    FundingRates,
    Leverage,
    LeverageTiers,
    MarginModification,
    Market,
    Order,
    OrderBook,
    OrderRequest,
    Position,
    Ticker,
    Tickers,
    Trade,
)

import satori_ccxt

SYMBOL = 'ETH/USD:USD'
URL = 'https://example.invalid/any/path'
MARKET_SELL: OrderRequest = {'symbol': SYMBOL, 'type': 'market', 'side': 'sell', 'amount': 0.01, 'price': None, 'params': {}}


def sync_user(exchange: satori_ccxt.satori) -> None:
    assert_type(exchange.fetch(URL), Any)
    assert_type(exchange.fetch_time(), int)
    assert_type(exchange.fetch_markets(), list[Market])
    assert_type(exchange.fetch_leverage_tiers([SYMBOL]), LeverageTiers)
    assert_type(exchange.fetch_ticker(SYMBOL), Ticker)
    assert_type(exchange.fetch_tickers(), Tickers)
    assert_type(exchange.fetch_mark_price(SYMBOL), Ticker)
    assert_type(exchange.fetch_mark_prices([SYMBOL]), Tickers)
    assert_type(exchange.fetch_order_book(SYMBOL, 20), OrderBook)
    assert_type(exchange.fetch_trades(SYMBOL, since=None, limit=100), list[Trade])
    assert_type(exchange.fetch_ohlcv(SYMBOL, '1h', limit=24), list[list])
    assert_type(exchange.fetch_funding_rate(SYMBOL), FundingRate)
    assert_type(exchange.fetch_funding_rates(), FundingRates)
    assert_type(exchange.fetch_funding_rate_history(SYMBOL), list[FundingRateHistory])
    order = exchange.create_order(SYMBOL, 'limit', 'buy', 0.01, 2000, {'clientOrderId': 'bot-1'})
    assert_type(order, Order)
    assert_type(exchange.create_orders([MARKET_SELL]), list[Order])
    assert_type(exchange.fetch_order('1', SYMBOL), Order)
    assert_type(exchange.fetch_open_orders(SYMBOL), list[Order])
    assert_type(exchange.fetch_my_trades(SYMBOL, limit=50), list[Trade])
    assert_type(exchange.fetch_orders(SYMBOL), list[Order])
    assert_type(exchange.fetch_closed_orders(SYMBOL), list[Order])
    assert_type(exchange.fetch_canceled_orders(SYMBOL), list[Order])
    assert_type(exchange.fetch_canceled_and_closed_orders(SYMBOL), list[Order])
    assert_type(exchange.cancel_order('1', SYMBOL), Order)
    assert_type(exchange.cancel_orders(['1', '2'], SYMBOL), list[Order])
    assert_type(exchange.cancel_all_orders(SYMBOL), list[Order])
    assert_type(exchange.fetch_balance(), Balances)
    assert_type(exchange.fetch_positions([SYMBOL]), list[Position])
    assert_type(exchange.fetch_funding_history(SYMBOL), list[FundingHistory])
    assert_type(exchange.close_position(SYMBOL, 'long'), Order)
    assert_type(exchange.close_all_positions(), list[Position])
    assert_type(exchange.add_margin(SYMBOL, 10.0), MarginModification)
    assert_type(exchange.reduce_margin(SYMBOL, 5), MarginModification)
    assert_type(exchange.set_leverage(10, SYMBOL), dict)
    assert_type(exchange.set_margin_mode('isolated', SYMBOL), dict)
    assert_type(exchange.fetch_leverage(SYMBOL), Leverage)
    # A field of a result is typed too: a bot's arithmetic on it is checked.
    assert_type(order['id'], str | None)


async def async_user(exchange: satori_ccxt.async_satori) -> None:
    assert_type(await exchange.fetch(URL), Any)
    assert_type(await exchange.fetch_time(), int)
    assert_type(await exchange.fetch_markets(), list[Market])
    assert_type(await exchange.fetch_leverage_tiers([SYMBOL]), LeverageTiers)
    assert_type(await exchange.fetch_ticker(SYMBOL), Ticker)
    assert_type(await exchange.fetch_tickers(), Tickers)
    assert_type(await exchange.fetch_mark_price(SYMBOL), Ticker)
    assert_type(await exchange.fetch_mark_prices([SYMBOL]), Tickers)
    assert_type(await exchange.fetch_order_book(SYMBOL, 20), OrderBook)
    assert_type(await exchange.fetch_trades(SYMBOL, since=None, limit=100), list[Trade])
    assert_type(await exchange.fetch_ohlcv(SYMBOL, '1h', limit=24), list[list])
    assert_type(await exchange.fetch_funding_rate(SYMBOL), FundingRate)
    assert_type(await exchange.fetch_funding_rates(), FundingRates)
    assert_type(await exchange.fetch_funding_rate_history(SYMBOL), list[FundingRateHistory])
    order = await exchange.create_order(SYMBOL, 'limit', 'buy', 0.01, 2000, {'clientOrderId': 'bot-1'})
    assert_type(order, Order)
    assert_type(await exchange.create_orders([MARKET_SELL]), list[Order])
    assert_type(await exchange.fetch_order('1', SYMBOL), Order)
    assert_type(await exchange.fetch_open_orders(SYMBOL), list[Order])
    assert_type(await exchange.fetch_my_trades(SYMBOL, limit=50), list[Trade])
    assert_type(await exchange.fetch_orders(SYMBOL), list[Order])
    assert_type(await exchange.fetch_closed_orders(SYMBOL), list[Order])
    assert_type(await exchange.fetch_canceled_orders(SYMBOL), list[Order])
    assert_type(await exchange.fetch_canceled_and_closed_orders(SYMBOL), list[Order])
    assert_type(await exchange.cancel_order('1', SYMBOL), Order)
    assert_type(await exchange.cancel_orders(['1', '2'], SYMBOL), list[Order])
    assert_type(await exchange.cancel_all_orders(SYMBOL), list[Order])
    assert_type(await exchange.fetch_balance(), Balances)
    assert_type(await exchange.fetch_positions([SYMBOL]), list[Position])
    assert_type(await exchange.fetch_funding_history(SYMBOL), list[FundingHistory])
    assert_type(await exchange.close_position(SYMBOL, 'long'), Order)
    assert_type(await exchange.close_all_positions(), list[Position])
    assert_type(await exchange.add_margin(SYMBOL, 10.0), MarginModification)
    assert_type(await exchange.reduce_margin(SYMBOL, 5), MarginModification)
    assert_type(await exchange.set_leverage(10, SYMBOL), dict)
    assert_type(await exchange.set_margin_mode('isolated', SYMBOL), dict)
    assert_type(await exchange.fetch_leverage(SYMBOL), Leverage)
    assert_type(order['id'], str | None)


async def streaming_user(exchange: satori_ccxt.pro_satori) -> None:
    # ccxt.pro's class inherits the async declarations.
    assert_type(await exchange.cancel_orders(['1'], SYMBOL), list[Order])
    assert_type(await exchange.fetch_ticker(SYMBOL), Ticker)
