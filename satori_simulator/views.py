"""The simulator's state in Satori's words: the JSON objects its endpoints answer with.

Field names are those of Satori's API pages; shapes follow what Satori's
servers were captured answering (docs/evidence.md), down to the nulls, the
numbers sent as strings and the spelling ``hight``. Where no capture exists
the shape is assumed and marked so.
"""

from datetime import datetime, timezone
from decimal import Decimal

from .engine import SETTLE_COIN_ID, SETTLE_DECIMAL, SETTLE_SYMBOL, Engine, Fill, Market, Order, Position, Trade


def decimal_text(value) -> str:
    """A decimal as Satori writes it: plain digits, no exponent, no trailing zeros."""
    if value is None:
        return None
    if value == 0:
        return '0'
    return format(Decimal(value).normalize(), 'f')


def date_time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime('%Y-%m-%d %H:%M:%S')


def time_of_day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime('%H:%M:%S')


def compact_date_time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime('%Y%m%d%H%M%S')


def text(value) -> str:
    """A number or id as a string, as queryOrder and later deployments send them."""
    return None if value is None else str(value)


def pair(market: Market) -> dict:
    # Captured on a later deployment (docs/evidence.md, pairs): flat items with tradeDecimal, tradable and
    # status null, and no minLever/maxLever; the simulator's pairs still enforce their bounds (2303, 2304).
    spec = market.spec
    return {
        'id': spec.id,
        'tradeCoinId': spec.id,
        'tradeCoinName': spec.symbol.split('-')[0],
        'tradeDecimal': spec.quantity_decimal,
        'priceDecimal': spec.price_decimal,
        'settleDecimal': SETTLE_DECIMAL,
        'settleCoinId': SETTLE_COIN_ID,
        'settleCoinName': SETTLE_SYMBOL,
        'swapCoinId': spec.id,
        'swapCoinName': None,
        'symbol': spec.symbol,
        'classifyId': None,
        'categoryId': None,
        'visible': 0,
        'tradable': True,
        'status': None,
        'sort': None,
        'isDual': False,
        'faceMultiplier': '1',
        'isDelivery': False,
        'deliveryTime': None,
        'deliveryMarketPrice': None,
        'deliveryStatus': None,
        'takerTradeFeeRate': spec.taker_fee_rate,
        'makerTradeFeeRate': spec.maker_fee_rate,
        'pair': spec.symbol,
        'minCount': spec.min_count,
        'maxCount': spec.max_count,
        'brandExchange': None,
        'platform': None,
        'preMarket': None,
        'initMarkPrice': None,
        'releaseTime': None,
        'createTime': None,
    }


def page(records: list, page_no: int, page_size: int) -> list:
    # Captured on Satori: list endpoints answer a bare list (no records/total); pageNo and pageSize still select the slice.
    start = (page_no - 1) * page_size
    return records[start:start + page_size]


def balance(engine: Engine, account) -> dict:
    return {
        'userId': account.user_id,
        'coinId': SETTLE_COIN_ID,
        'availableAmount': decimal_text(account.available),
        'frozenAmount': decimal_text(engine.frozen(account)),
        'symbol': SETTLE_SYMBOL,
    }


def order(item: Order) -> dict:
    """An open order as the current order list shows it (captured on Satori: ``createTimeStamp`` null, nulls as below)."""
    return {
        'id': item.id,
        'contractPairId': item.market.id,
        'symbol': item.market.symbol,
        'isDual': None,
        'faceMultiplier': None,
        'accountCoinId': None,
        'accountCoinSymbol': None,
        'isMarket': item.is_market,
        'isClose': item.is_close,
        'isLong': item.is_long,
        'price': decimal_text(item.price),
        'quantity': decimal_text(item.quantity),
        'amount': decimal_text(item.price * item.quantity if item.price is not None else item.deal_amount),
        'depositAmount': decimal_text(item.deposit),
        'lever': item.lever,
        'positionType': item.position_type,
        'dealQuantity': decimal_text(item.filled),
        'dealAmount': decimal_text(item.deal_amount),
        'contractPositionId': item.position_id,
        'triggerType': 0,
        'triggerPrice': None,
        'matchType': item.match_type,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': None,
        'isDelivery': None,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'activatePrice': None,
        'callbackRate': None,
        'clientOrderId': item.client_order_id,
    }


def queried_order(item: Order) -> dict:
    """queryOrder's answer: the open-order fields plus ``status``, every number and id a string (captured on a later deployment)."""
    fields = order(item)
    as_text = ('id', 'contractPairId', 'lever', 'positionType', 'contractPositionId', 'triggerType', 'matchType')
    return {**fields, **{key: text(fields[key]) for key in as_text}, 'isDual': False, 'faceMultiplier': '1',
            'accountCoinId': text(SETTLE_COIN_ID), 'accountCoinSymbol': SETTLE_SYMBOL, 'createTimeStamp': text(item.created_ms),
            'isDelivery': False, 'status': text(item.status)}


def historic_order(item: Order) -> dict:
    """An order of orders/histories (captured on a later deployment): numbers as strings, ``cancelQuantity``, ``updateTime``."""
    market = item.market
    return {
        'id': text(item.id),
        'positionType': text(item.position_type),
        'userId': text(item.account.user_id),
        'contractPairId': text(market.id),
        'isMarket': item.is_market,
        'isClose': item.is_close,
        'isLong': item.is_long,
        'price': decimal_text(item.price),
        'quantity': decimal_text(item.quantity),
        'amount': decimal_text(item.price * item.quantity if item.price is not None else item.deal_amount),
        'lever': text(item.lever),
        'depositAmount': '0',
        'dealQuantity': decimal_text(item.filled),
        'dealAmount': decimal_text(item.deal_amount),
        'cancelQuantity': decimal_text(item.remaining),
        'contractPositionId': text(item.position_id),
        'openingPrice': None,
        'activatePrice': None,
        'callbackRate': None,
        'matchType': text(item.match_type),
        'triggerType': '0',
        'triggerPrice': None,
        'triggeredPrice': None,
        'strategyEntrustId': None,
        'status': text(item.status),
        'createTime': date_time(item.created_ms),
        'updateTime': date_time(item.updated_ms or item.created_ms),
        'takerTradeFeeRate': market.spec.taker_fee_rate,
        'makerTradeFeeRate': market.spec.maker_fee_rate,
        'clientOrderId': item.client_order_id,
        'clientFrom': '1',
        'sourceChain': None,
        'sourceClient': 'API',
    }


def fill(item: Fill) -> dict:
    """One of the caller's fills (captured on Satori: both times, ``lever`` and ``positionFee`` null)."""
    placed = item.order
    return {
        'id': item.id,
        'entrustId': placed.id,
        'contractPositionId': item.position_id,
        'contractPairId': placed.market.id,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': item.created_ms,
        'symbol': placed.market.symbol,
        'accountCoinSymbol': None,
        'accountSettleDecimal': None,
        'lever': None,
        'isMarket': placed.is_market,
        'isClose': item.is_close,
        'isLong': placed.is_long,
        'isTaker': item.is_taker,
        'averagePrice': decimal_text(item.price),
        'quantity': decimal_text(item.quantity),
        'amount': decimal_text(item.price * item.quantity),
        'tradeFee': decimal_text(item.fee),
        'positionFee': None,
        'profitLoss': decimal_text(item.profit_loss),
        'isDelivery': None,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'address': None,
        'openingPrice': None,
        'type': None,
        'restrictPrice': None,
    }


def position(engine: Engine, item: Position) -> dict:
    """An open position (captured on Satori: ``createTimeStamp`` and the PnLs null, stop prices "0" with type 0)."""
    closing = engine.closing_quantity(item)
    return {
        'id': item.id,
        'positionType': item.position_type,
        'entrustId': item.entrust_id,
        'contractPairId': item.market.id,
        'symbol': item.market.symbol,
        'isDual': None,
        'faceMultiplier': None,
        'accountCoinId': None,
        'accountCoinSymbol': None,
        'accountSettleDecimal': None,
        'tradeCoinDecimal': None,
        'isLong': item.is_long,
        'openingPrice': decimal_text(item.opening_price.quantize(Decimal('1e-8'))),
        'quantity': decimal_text(item.quantity),
        'closingQuantity': decimal_text(closing),
        'remainingCloseQuantity': decimal_text(item.quantity - closing),
        'amount': decimal_text(item.opening_price * item.quantity),
        'marginCallAmount': decimal_text(item.margin_call),
        'tariffAmount': decimal_text(item.tariff),
        'lever': item.lever,
        'marginAmount': decimal_text(item.margin),
        'restrictPrice': decimal_text(engine.liquidation_price(item)),
        'unrealizedPnl': None,
        'realizedPnl': None,
        'profitType': 0,
        'profitPrice': '0',
        'lossType': 0,
        'lossPrice': '0',
        'lights': 1,
        'status': 1,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': None,
        'isDelivery': None,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'settleShowDecimal': None,
        'tradeCoinIcon': None,
        'settleCoinIcon': None,
    }


def trade(item: Trade) -> dict:
    return {
        'contractMatchPairId': item.id,
        'contractPairId': item.market.id,
        'pair': None,
        'price': decimal_text(item.price),
        'quantity': decimal_text(item.quantity),
        'amount': decimal_text(item.price * item.quantity),
        'isLong': item.is_long,
        'time': time_of_day(item.created_ms),
        'timestamp': item.created_ms,
    }


def depth(levels: dict) -> dict:
    # Captured on a later deployment: {"bids": [{price, quantity}], "asks": [...]}, strings, best first.
    return {side: [{'price': decimal_text(price), 'quantity': decimal_text(quantity)} for price, quantity in levels[side]]
            for side in ('bids', 'asks')}


def candle(market: Market, period: str, row) -> dict:
    # Captured on a later deployment: the high is spelled ``hight``; ``count`` is the number of trades.
    start, open_, high, low, close, quantity, amount, count = row
    return {'contractPairId': market.id, 'period': period, 'time': start, 'open': decimal_text(open_), 'close': decimal_text(close),
            'low': decimal_text(low), 'hight': decimal_text(high), 'count': count, 'quantity': decimal_text(quantity),
            'amount': decimal_text(amount)}


def cancel_result(item: Order, refused: bool) -> dict:
    # Captured on Satori: resultCode 1 "canceled: cancel success from book". A refusal's code is not
    # captured; 5 is the simulator's choice (any code but 1-4 reads as "not cancelled").
    return {'orderId': item.id, 'clientOrderId': item.client_order_id, 'pairName': item.market.symbol, 'isLong': item.is_long,
            'resultCode': 5 if refused else 1,
            'resultMsg': 'Failed to cancel order:the order is being matched' if refused else 'canceled: cancel success from book'}


def funding_rate(market: Market, rate) -> dict:
    return {'symbol': market.symbol, 'fundingRate': decimal_text(rate)}


def funding_history_entry(market: Market, hour_ms: int, rate) -> dict:
    # Captured on Satori: the hour as yyyyMMddHHmmss in UTC.
    return {'id': hour_ms // 3_600_000 * 10 + market.id, 'symbol': market.symbol, 'fundingRate': decimal_text(rate),
            'fundingRateTime': compact_date_time(hour_ms)}


def user_lever(item) -> dict:
    # Captured on a later deployment, every value a string.
    return {'contractPairId': text(item.market.id), 'positionType': text(item.position_type), 'lever': text(item.lever)}


def day_summary(rows) -> dict:
    # Seen on a later deployment: open, close and amount (the quote volume) of the last 24 hours.
    return {'open': decimal_text(rows[0][1]), 'close': decimal_text(rows[-1][4]), 'amount': decimal_text(sum(row[6] for row in rows))}
