"""The account: balance, positions, margin, and the leverage and margin mode every order carries.

Satori has no endpoint to set leverage or margin mode: both travel with each
order (``lever``, ``positionType``). ``set_leverage`` and ``set_margin_mode``
therefore only remember a per-symbol default, and ``create_order`` sends it.
"""

import asyncio

from ccxt.base.errors import BadRequest, BadResponse, BaseError, ExchangeError, InvalidOrder
from ccxt.base.precise import Precise

from . import arguments, decimals, vocabulary
from .base import SatoriBase
from .errors import shown
from .flow import call, unexpected, unified

POSITION_SIDES = ('long', 'short')
# The fields of a closeOrder request that closing writes from the position: a caller's params may not carry them.
CLOSE_FIELDS = ('contractPositionId', 'isMarket', 'quantity')


class AccountMethods(SatoriBase):
    # ----- balance ---------------------------------------------------------------------------

    @unified(sets=('symbol',))
    def fetch_balance(self, params={}):
        """Free (``availableAmount``) and used (``frozenAmount``) funds per settle coin (``POST /api/third/hot/order/balance``).

        Satori keeps one balance per settle coin: one request for each coin the
        markets settle in, or for ``params['code']`` alone. ``used`` is the
        margin held by open orders and positions; unrealised PnL is not in it.
        """
        code = self.safe_string(params, 'code')
        params = self.omit(params, 'code')
        yield from self._prepare_private()
        yield call('load_markets')
        coins = [self.currency(code)['id']] if code is not None else sorted({market['settleId'] for market in self.markets.values()})
        responses = yield from self._gathered([call('privatePostApiThirdHotOrderBalance', self.extend(params, {'symbol': coin}))
                                               for coin in coins])
        balance = {'info': {}}
        for coin, response in zip(coins, responses, strict=True):
            data = self.safe_dict(response, 'data', {})
            balance['info'][coin] = response
            balance[self.safe_currency_code(coin)] = {
                'free': self._decimal(data, 'availableAmount'),
                'used': self._decimal(data, 'frozenAmount'),
            }
        return self.safe_balance(balance)

    # ----- positions -------------------------------------------------------------------------

    @unified(sets=('pairName', 'pageNo'))
    def fetch_positions(self, symbols=None, params={}):
        """Open positions (``POST /api/third/hot/order/selectContractPositionList``), each at the current mark price.

        Satori lists one pair at a time: without ``symbols`` every market is
        asked (the async class asks several at once, ``options['fetchConcurrency']``),
        plus one ``GET /api/third/info/markPrice`` for each market holding a
        position. ``params['pageSize']`` sets the page size.
        """
        page_size, request_params = self._page_size(None, params)
        yield from self._prepare_private()
        yield call('load_markets')
        symbols = self.market_symbols(symbols) or self.symbols
        if len(symbols) != 1:
            per_market = yield from self._gathered([call('fetch_positions', [symbol], params) for symbol in symbols])
            return [position for positions in per_market for position in positions]
        market = self.market(symbols[0])
        records = yield from self._position_records(market, page_size, request_params)
        if not records:
            return []
        mark = yield call('publicGetApiThirdInfoMarkPrice', {'pairName': market['id']})
        # markPrice answers a decimal string (captured on a later deployment).
        mark_price = self._decimal(mark, 'data')
        return [self._position(record, market, mark_price) for record in records]

    def parse_position(self, position, market=None):
        """A position of the position list, without the mark price (``fetch_positions`` adds it)."""
        return self._position(position, market, None)

    def _position(self, position, market, mark_price):
        """A position of the position list valued at ``mark_price`` (None: unknown).

        Captured on Satori: ``createTimeStamp`` and ``unrealizedPnl`` come null;
        the time is read from ``createTime`` (UTC) and the unrealised PnL is
        worked out at the mark price where Satori gives none.
        """
        market = self._pair_market(self.safe_string(position, 'symbol'), market)
        is_long = self.safe_bool(position, 'isLong')
        timestamp = self._created(position)
        contracts = self._decimal(position, 'quantity')
        entry_price = self._decimal(position, 'openingPrice')
        initial_margin = self._decimal(position, 'marginAmount')
        # The margin added with callMarginAmount is held in the position too.
        position_margin = initial_margin and Precise.string_add(initial_margin, self._decimal(position, 'marginCallAmount') or '0')
        unrealized_pnl = self._decimal(position, 'unrealizedPnl')
        if unrealized_pnl is None and None not in (mark_price, entry_price, contracts, is_long):
            gain_per_contract = Precise.string_sub(mark_price, entry_price) if is_long else Precise.string_sub(entry_price, mark_price)
            unrealized_pnl = Precise.string_mul(gain_per_contract, contracts)
        notional = None if mark_price is None or contracts is None else Precise.string_mul(contracts, mark_price)
        leverage = self._decimal(position, 'lever')
        return self.safe_position({
            'id': self.safe_string(position, 'id'),
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'lastUpdateTimestamp': None,
            'side': None if is_long is None else ('long' if is_long else 'short'),
            'hedged': False,
            'marginMode': vocabulary.MARGIN_MODES.get(self.safe_string(position, 'positionType')),
            'contracts': self.parse_number(contracts),
            'contractSize': self.safe_number(market, 'contractSize'),
            'entryPrice': self.parse_number(entry_price),
            'markPrice': self.parse_number(mark_price),
            'notional': self.parse_number(notional),
            'leverage': self.parse_number(leverage),
            'initialMargin': self.parse_number(initial_margin),
            'initialMarginPercentage': self.parse_number(decimals.ratio('1', leverage)),
            'maintenanceMargin': None,
            'maintenanceMarginPercentage': None,
            'positionMargin': self.parse_number(position_margin),
            'collateral': self.parse_number(position_margin and unrealized_pnl and Precise.string_add(position_margin, unrealized_pnl)),
            'unrealizedPnl': self.parse_number(unrealized_pnl),
            'realizedPnl': self._number(position, 'realizedPnl'),
            'percentage': self.parse_number(decimals.ratio(unrealized_pnl, initial_margin, '100')),
            # Inferred (docs/evidence.md): ``restrictPrice`` is the liquidation price; 0 (a fully margined long) is none.
            'liquidationPrice': self._positive_number(position, 'restrictPrice'),
            'marginRatio': None,
            # Type 0 means none set; Satori then sends the price as "0" (captured on Satori).
            'stopLossPrice': self._trigger_price(position, 'lossType', 'lossPrice'),
            'takeProfitPrice': self._trigger_price(position, 'profitType', 'profitPrice'),
            'info': position,
        })

    def _trigger_price(self, position, type_key, price_key):
        return None if self.safe_string(position, type_key) in (None, '0') else self._positive_number(position, price_key)

    def _positive_number(self, item, key):
        price = self._decimal(item, key)
        return self.parse_number(price) if price is not None and Precise.string_gt(price, '0') else None

    @unified(sets=('pairName', 'pageNo'))
    def fetch_funding_history(self, symbol=None, since=None, limit=None, params={}):
        """The funding each open position has accumulated, one entry per position (from the position list's ``tariffAmount``).

        Satori keeps no funding ledger the API shows: a position carries the
        funding it has received since it opened (negative when paid; captured on
        Satori: a long showed -0.179974), and a closed position's is gone. Each
        entry's ``amount`` is that sum, its ``timestamp`` when the answer arrived.
        Without ``symbol`` every market is asked, several at once in the async class.
        """
        page_size, request_params = self._page_size(None, params)
        yield from self._prepare_private()
        yield call('load_markets')
        if symbol is None:
            per_market = yield from self._gathered([call('fetch_funding_history', name, None, None, params) for name in self.symbols])
            return self.filter_by_since_limit([entry for entries in per_market for entry in entries], since, limit)
        market = self.market(symbol)
        records = yield from self._position_records(market, page_size, request_params)
        timestamp = self.milliseconds()
        entries = []
        for record in records:
            amount = self._decimal(record, 'tariffAmount')
            if amount is not None:
                entries.append({'info': record, 'symbol': market['symbol'], 'code': market['settle'], 'timestamp': timestamp,
                                'datetime': self.iso8601(timestamp), 'id': self.safe_string(record, 'id'),
                                'amount': self.parse_number(amount), 'rate': None, 'type': None})
        return self.filter_by_since_limit(entries, since, limit)

    # ----- closing -----------------------------------------------------------------------------

    @unified(sets=CLOSE_FIELDS)
    def close_position(self, symbol, side=None, params={}):
        """Closes the open position on ``symbol`` at market (``POST /api/third/hot/order/closeOrder``, undocumented; the SDK calls it).

        Satori holds one position per market; ``side`` ('long' or 'short'), if
        given, must be its side. The close is a market order of what the position
        can still close (``remainingCloseQuantity``), with ``price`` "0" as the
        SDK sends it; ``params['price']`` makes it a limit order at that price,
        ``params['amount']`` closes that much only, ``params['clientOrderId']`` names it.
        Returns the closing order (its status is not known yet, so it is None);
        InvalidOrder if there is no position to close.
        """
        if side is not None and (not isinstance(side, str) or side not in POSITION_SIDES):
            raise BadRequest(f'{self.id} close_position() side must be "long" or "short", got {shown(side)}')
        price = self.safe_value(params, 'price')
        price = None if price is None else arguments.positive_decimal(price, 'price')
        amount = self.safe_value(params, 'amount')
        amount = None if amount is None else arguments.positive_decimal(amount, 'amount')
        client_order_id = arguments.client_order_id(params.get('clientOrderId'))
        params = self.omit(params, ['price', 'amount', 'clientOrderId'])
        yield from self._prepare_private()
        yield call('load_markets')
        market = self.market(symbol)
        records = yield from self._position_records(market, self._page_size(None, {})[0])
        open_records = [record for record in records if Precise.string_gt(self._decimal(record, 'quantity') or '0', '0')]
        if side is not None:
            open_records = [record for record in open_records if self.safe_bool(record, 'isLong') == (side == 'long')]
        if not open_records:
            raise InvalidOrder(f'{self.id} close_position(): there is no open {side or ""} position on {market["symbol"]} to close')
        return (yield from self._close(market, open_records[0], price, amount, client_order_id, params))

    @unified(sets=CLOSE_FIELDS + ('price', 'amount', 'clientOrderId'))
    def close_all_positions(self, params={}):
        """Closes every open position at market, one ``closeOrder`` each (see ``close_position``).

        Returns the positions closed, as ``fetch_positions`` showed them just
        before. Whatever fails, the exception's ``positions`` attribute lists
        the positions closed before it (the same KeyboardInterrupt /
        CancelledError carries it too).
        """
        positions = yield call('fetch_positions')
        closed = []
        try:
            for position in positions:
                if (position['contracts'] or 0) > 0:
                    yield from self._close(self.market(position['symbol']), position['info'], None, None, None, params)
                    closed.append(position)
        except (KeyboardInterrupt, asyncio.CancelledError) as interruption:
            interruption.positions = closed
            raise
        except BaseError as error:
            error.positions = closed
            raise
        except Exception as failure:
            error = unexpected(self.id, 'close_all_positions', failure)
            error.positions = closed
            raise error from failure
        return closed

    def _close(self, market, record, price, amount, client_order_id, params):
        """Sends one closeOrder for the position ``record`` and returns the closing order."""
        position_id = self.safe_integer(record, 'id')
        if position_id is None or position_id <= 0:
            raise BadRequest(f'{self.id} the position on {market["symbol"]} has no id to close it by: {str(record)[:200]!r}')
        if price is not None or amount is not None:
            self._check_precision(market)
        quantity = self._decimal(record, 'remainingCloseQuantity') or self._decimal(record, 'quantity')
        if amount is not None:
            quantity = self.amount_to_precision(market['symbol'], amount)
        request = {
            'contractPositionId': position_id,
            'isMarket': price is None,
            # The SDK and a later deployment's client send "0" as the price of a market close (assumed accepted as such).
            'price': '0' if price is None else self.price_to_precision(market['symbol'], price),
            'quantity': quantity,
            'clientOrderId': client_order_id,
        }
        response = yield call('privatePostApiThirdHotOrderCloseOrder', self.extend(params, request))
        data = self.safe_value(response, 'data')
        # Assumed: closeOrder answers like create ({pairName, orderId, corderId}); a bare ``true`` names no order.
        if data is not True and self.safe_string(data, 'orderId') is None:
            error_class = ExchangeError if data is False else BadResponse
            raise error_class(f'{self.id} closeOrder for position {position_id} on {market["symbol"]} was not confirmed: '
                              f'{str(response)[:200]!r}; fetch_positions shows whether it closed')
        is_long = self.safe_bool(record, 'isLong')
        return self.safe_order({
            'id': self.safe_string(data, 'orderId'),
            'clientOrderId': self.safe_string_2(data, 'corderId', 'cOrderId', client_order_id),
            'symbol': market['symbol'],
            'type': 'market' if price is None else 'limit',
            'side': None if is_long is None else ('sell' if is_long else 'buy'),
            'price': None if price is None else request['price'],
            'amount': quantity,
            'reduceOnly': True,
            'status': None,
            'info': data if isinstance(data, dict) else response,
        }, market)

    # ----- margin ----------------------------------------------------------------------------

    @unified(sets=('call', 'marginAmount'))
    def add_margin(self, symbol, amount, params={}):
        """Moves ``amount`` of the settle coin into the isolated position on ``symbol`` (``callMarginAmount``, ``call=True``).

        The position is ``params['positionId']``, else the one the position list shows for ``symbol``.
        """
        return (yield from self._call_margin(symbol, amount, True, params))

    @unified(sets=('call', 'marginAmount'))
    def reduce_margin(self, symbol, amount, params={}):
        """Takes ``amount`` back out of the isolated position on ``symbol`` (``callMarginAmount``, ``call=False``)."""
        return (yield from self._call_margin(symbol, amount, False, params))

    def _call_margin(self, symbol, amount, add, params):
        margin_amount = arguments.positive_decimal(amount, 'amount')
        position_id = self.safe_value(params, 'positionId')
        if position_id is not None:
            position_id = arguments.positive_int(position_id, 'positionId', decimals.MAX_INT64)
        params = self.omit(params, 'positionId')
        yield from self._prepare_private()
        yield call('load_markets')
        market = self.market(symbol)
        if position_id is None:
            records = yield from self._position_records(market, self._page_size(None, {})[0])
            ids = [self.safe_integer(record, 'id') for record in records]
            ids = [found for found in ids if found is not None]
            if not ids:
                raise BadRequest(f'{self.id} there is no open position on {market["symbol"]} to move margin {"into" if add else "out of"}')
            position_id = ids[0]
        request = {'call': add, 'marginAmount': margin_amount, 'positionId': position_id}
        response = yield call('privatePostApiThirdOrderCallMarginAmount', self.extend(params, request))
        return {
            'info': response,
            'symbol': market['symbol'],
            'type': 'add' if add else 'reduce',
            'marginMode': 'isolated',   # Satori refuses margin calls on cross positions (2315)
            'amount': self.parse_number(margin_amount),
            'total': None,
            'code': market['settle'],
            'status': 'ok' if self.safe_bool(response, 'data') is True else 'failed',
            'timestamp': None,
            'datetime': None,
        }

    # ----- leverage and margin mode remembered for orders ------------------------------------

    @unified
    def set_leverage(self, leverage, symbol=None, params={}):
        """Remembers ``leverage`` for ``symbol`` (for every market when None); later orders there send it as ``lever``.

        Nothing is sent to Satori, which takes leverage with each order; the
        value is checked against the market's bounds from the pair list.
        """
        lever = arguments.positive_int(leverage, 'leverage')
        yield call('load_markets')
        if symbol is None:
            self.options['defaultLeverage'] = lever
        else:
            market = self.market(symbol)
            self._order_leverage(market, lever)
            # A new dict: the one in options may be shared with other instances (ccxt deep-copies only what it merges).
            self.options['leverages'] = self.extend(self.safe_dict(self.options, 'leverages', {}), {market['symbol']: lever})
            symbol = market['symbol']
        return {'info': {}, 'symbol': symbol, 'marginMode': None, 'longLeverage': lever, 'shortLeverage': lever}

    @unified
    def set_margin_mode(self, marginMode, symbol=None, params={}):
        """Remembers ``marginMode`` ('isolated' or 'cross') for ``symbol`` (for every market when None).

        Later orders there send it as ``positionType``; nothing is sent to Satori.
        """
        margin_mode = self._checked_margin_mode(marginMode)
        yield call('load_markets')
        if symbol is None:
            self.options['defaultMarginMode'] = margin_mode
        else:
            symbol = self.market(symbol)['symbol']
            self.options['marginModes'] = self.extend(self.safe_dict(self.options, 'marginModes', {}), {symbol: margin_mode})
        return {'info': {}, 'symbol': symbol, 'marginMode': margin_mode}

    @unified(sets=('contractPairId',))
    def fetch_leverage(self, symbol, params={}):
        """The leverage and margin mode of ``symbol``.

        From ``GET /api/third/v1/trade/getUserLever`` (``contractPairId``; seen on a
        later deployment only) where Satori serves it and knows one. Elsewhere
        (learned from the first 404, once per instance), or when it answers
        nothing: what this client's orders on ``symbol`` carry, i.e. what
        ``set_leverage``/``set_margin_mode`` remembered, else the defaults.
        """
        yield call('load_markets')
        market = self.market(symbol)
        data = None
        pair_id = market.get('numericId')
        if pair_id is not None:
            yield from self._prepare_private()
            answer = yield from self._served('privateGetApiThirdV1TradeGetUserLever', self.extend(params, {'contractPairId': pair_id}))
            data = self.safe_dict(answer, 'data')
        # {"contractPairId": "1", "positionType": "3", "lever": "10"} (captured on a later deployment)
        lever = self.safe_integer(data, 'lever')
        if lever is None or lever < 1:
            data = None
            lever = self._order_leverage(market)
        margin_mode = vocabulary.MARGIN_MODES.get(self.safe_string(data, 'positionType')) or self._order_margin_mode(market)
        return {'info': data or {}, 'symbol': market['symbol'], 'marginMode': margin_mode, 'longLeverage': lever, 'shortLeverage': lever}
