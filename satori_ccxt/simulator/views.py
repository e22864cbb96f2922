"""The simulator's state in Satori's words: the JSON objects its endpoints answer with.

Field names are those of Satori's API pages (docs/evidence.md); decimals are
strings, as in the docs' examples; ids are ints; times are ms. Shapes the
docs do not show follow the assumptions of section 15 and are marked where
they are relied on.
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


def pair(market: Market) -> dict:
    # Assumed shape (section 15): the captured docs stop after the first three fields.
    spec = market.spec
    return {
        'id': spec.id,
        'symbol': spec.symbol,
        'settleCoinId': SETTLE_COIN_ID,
        'settleCoinSymbol': SETTLE_SYMBOL,
        'makerTradeFeeRate': spec.maker_fee_rate,
        'takerTradeFeeRate': spec.taker_fee_rate,
        'minLever': spec.min_lever,
        'maxLever': spec.max_lever,
        'minCount': spec.min_count,
        'maxCount': spec.max_count,
        'priceDecimal': spec.price_decimal,
        'quantityDecimal': spec.quantity_decimal,
        'status': 1,
    }


def page(records: list, page_no: int, page_size: int) -> dict:
    # Assumed shape (section 15): the web front-end's paging wrapper.
    start = (page_no - 1) * page_size
    return {'records': records[start:start + page_size], 'total': len(records), 'pageNo': page_no, 'pageSize': page_size}


def balance(engine: Engine, account) -> dict:
    return {
        'userId': account.user_id,
        'coinId': SETTLE_COIN_ID,
        'availableAmount': decimal_text(account.available),
        'frozenAmount': decimal_text(engine.frozen(account)),
        'symbol': SETTLE_SYMBOL,
    }


def order(item: Order) -> dict:
    return {
        'amount': decimal_text(item.price * item.quantity if item.price is not None else item.deal_amount),
        'contractPairId': item.market.id,
        'contractPositionId': item.position_id,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': item.created_ms,
        'dealAmount': decimal_text(item.deal_amount),
        'dealQuantity': decimal_text(item.filled),
        'depositAmount': decimal_text(item.deposit),
        'id': item.id,
        'isClose': item.is_close,
        'isLong': item.is_long,
        'isMarket': item.is_market,
        'lever': item.lever,
        'matchType': item.match_type,
        'price': decimal_text(item.price),
        'quantity': decimal_text(item.quantity),
        'symbol': item.market.symbol,
        'triggerPrice': None,
        'triggerType': 0,
        'isDual': False,
        'faceMultiplier': '1',
        'accountCoinId': SETTLE_COIN_ID,
        'accountCoinSymbol': SETTLE_SYMBOL,
        'isDelivery': False,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'activatePrice': None,
        'callbackRate': None,
        'clientOrderId': item.client_order_id,
    }


def order_with_status(item: Order) -> dict:
    # Assumed shape (section 15): queryOrder is undocumented; the order-list fields plus ``status``.
    return {**order(item), 'status': item.status, 'positionType': item.position_type}


def fill(item: Fill) -> dict:
    placed = item.order
    return {
        'amount': decimal_text(item.price * item.quantity),
        'averagePrice': decimal_text(item.price),
        'contractPairId': placed.market.id,
        'contractPositionId': item.position_id,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': item.created_ms,
        'entrustId': placed.id,
        'id': item.id,
        'isClose': item.is_close,
        'isLong': placed.is_long,
        'isMarket': placed.is_market,
        'isTaker': item.is_taker,
        'lever': placed.lever,
        'positionFee': '0',
        'profitLoss': decimal_text(item.profit_loss),
        'quantity': decimal_text(item.quantity),
        'symbol': placed.market.symbol,
        'tradeFee': decimal_text(item.fee),
        'accountCoinSymbol': SETTLE_SYMBOL,
        'accountSettleDecimal': SETTLE_DECIMAL,
        'isDelivery': False,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'address': placed.account.wallet_address,
        'openingPrice': decimal_text(item.opening_price),
    }


def position(engine: Engine, item: Position) -> dict:
    closing = engine.closing_quantity(item)
    return {
        'amount': decimal_text(item.opening_price * item.quantity),
        'closingQuantity': decimal_text(closing),
        'contractPairId': item.market.id,
        'createTime': date_time(item.created_ms),
        'createTimeStamp': item.created_ms,
        'entrustId': item.entrust_id,
        'id': item.id,
        'isLong': item.is_long,
        'lever': item.lever,
        'lossPrice': None,
        'lossType': 0,
        'marginAmount': decimal_text(item.margin),
        'marginCallAmount': decimal_text(item.margin_call),
        'openingPrice': decimal_text(item.opening_price.quantize(Decimal('1e-8'))),
        'positionType': item.position_type,
        'profitPrice': None,
        'profitType': 0,
        'quantity': decimal_text(item.quantity),
        'realizedPnl': decimal_text(item.realized_pnl),
        'remainingCloseQuantity': decimal_text(item.quantity - closing),
        'restrictPrice': decimal_text(engine.liquidation_price(item)),
        'status': 1,
        'symbol': item.market.symbol,
        'tariffAmount': '0',
        'unrealizedPnl': decimal_text(engine.unrealized_pnl(item)),
        'isDual': False,
        'faceMultiplier': '1',
        'accountCoinId': SETTLE_COIN_ID,
        'accountCoinSymbol': SETTLE_SYMBOL,
        'accountSettleDecimal': SETTLE_DECIMAL,
        'tradeCoinDecimal': item.market.spec.quantity_decimal,
        'lights': 1,
        'isDelivery': False,
        'deliveryTime': None,
        'deliveryTimeStamp': None,
        'settleShowDecimal': 2,
        'tradeCoinIcon': '',
        'settleCoinIcon': '',
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
    # Assumed shape (section 15): the legacy WebSocket depth format, best first.
    return {side: [{'price': decimal_text(price), 'quantity': decimal_text(quantity)} for price, quantity in rows]
            for side, rows in levels.items()}


def candle(row) -> dict:
    # Assumed shape (section 15): open time in ms and decimal strings, oldest first.
    start, open_, high, low, close, quantity, amount = row
    return {'time': start, 'open': decimal_text(open_), 'high': decimal_text(high), 'low': decimal_text(low),
            'close': decimal_text(close), 'quantity': decimal_text(quantity), 'amount': decimal_text(amount)}
