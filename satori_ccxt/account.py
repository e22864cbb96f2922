"""The account: balance, positions, margin, and the leverage and margin mode every order carries.

Satori has no endpoint to set leverage or margin mode: both travel with each
order (``lever``, ``positionType``). ``set_leverage`` and ``set_margin_mode``
therefore only remember a per-symbol default, and ``create_order`` sends it.
"""

import asyncio

from ccxt.base.errors import BadRequest, BaseError, InvalidOrder
from ccxt.base.precise import Precise
from ccxt.base.types import Balances, FundingHistory, Int, Leverage, MarginModification, Order, Position, Str, Strings

from . import arguments, decimals
from .errors import shown
from .flow import Flow, call, unexpected, unified
from .translate import BALANCE_FIELDS, CLOSE_FIELDS, LEVER_FIELDS, MARGIN_FIELDS, PAGED_LIST_FIELDS, SatoriEdge

POSITION_SIDES = ('long', 'short')


class AccountMethods(SatoriEdge):
    # ----- balance ---------------------------------------------------------------------------

    @unified(sets=BALANCE_FIELDS)
    def fetch_balance(self, params: dict = {}) -> Flow[Balances]:
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
        responses = yield from self._gathered([call('privatePostApiThirdHotOrderBalance', self.extend(params, self._balance_request(coin)))
                                               for coin in coins])
        balance = {'info': {}}
        for coin, response in zip(coins, responses, strict=True):
            balance['info'][coin] = response
            balance[self.safe_currency_code(coin)] = self._balance_account(response)
        return self.safe_balance(balance)

    # ----- positions -------------------------------------------------------------------------

    @unified(sets=PAGED_LIST_FIELDS)
    def fetch_positions(self, symbols: Strings = None, params: dict = {}) -> Flow[list[Position]]:
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
        mark = yield call('publicGetApiThirdInfoMarkPrice', self._pair_request(market))
        return [self._position(record, market, self._price_data(mark)) for record in records]

    @unified(sets=PAGED_LIST_FIELDS)
    def fetch_funding_history(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[FundingHistory]]:
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
            entry = self._position_funding(record, market, timestamp)
            if entry is not None:
                entries.append(entry)
        return self.filter_by_since_limit(entries, since, limit)

    # ----- closing -----------------------------------------------------------------------------

    @unified(sets=CLOSE_FIELDS)
    def close_position(self, symbol: str, side: Str = None, params: dict = {}) -> Flow[Order]:
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
        open_records = [record for record in records if Precise.string_gt(self._position_quantity(record) or '0', '0')]
        if side is not None:
            open_records = [record for record in open_records if self._position_is_long(record) == (side == 'long')]
        if not open_records:
            raise InvalidOrder(f'{self.id} close_position(): there is no open {side or ""} position on {market["symbol"]} to close')
        return (yield from self._close(market, open_records[0], price, amount, client_order_id, params))

    @unified(sets=CLOSE_FIELDS + ('price', 'amount', 'clientOrderId'))
    def close_all_positions(
            self, params: dict = {},
    ) -> Flow[list[Position]]:
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
        position_id, request = self._close_request(market, record, price, amount, client_order_id)
        response = yield call('privatePostApiThirdHotOrderCloseOrder', self.extend(params, request))
        return self._closing_order(response, position_id, record, request, market, client_order_id)

    # ----- margin ----------------------------------------------------------------------------

    @unified(sets=MARGIN_FIELDS)
    def add_margin(self, symbol: str, amount: float, params: dict = {}) -> Flow[MarginModification]:
        """Moves ``amount`` of the settle coin into the isolated position on ``symbol`` (``callMarginAmount``, ``call=True``).

        The position is ``params['positionId']``, else the one the position list shows for ``symbol``.
        """
        return (yield from self._call_margin(symbol, amount, True, params))

    @unified(sets=MARGIN_FIELDS)
    def reduce_margin(
            self, symbol: str, amount: float, params: dict = {},
    ) -> Flow[MarginModification]:
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
            ids = [self._position_id(record) for record in records]
            ids = [found for found in ids if found is not None]
            if not ids:
                raise BadRequest(f'{self.id} there is no open position on {market["symbol"]} to move margin {"into" if add else "out of"}')
            position_id = ids[0]
        request = self._margin_request(add, margin_amount, position_id)
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
    def set_leverage(self, leverage: int, symbol: Str = None, params: dict = {}) -> Flow[dict]:
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
    def set_margin_mode(self, marginMode: str, symbol: Str = None, params: dict = {}) -> Flow[dict]:
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

    @unified(sets=LEVER_FIELDS)
    def fetch_leverage(self, symbol: str, params: dict = {}) -> Flow[Leverage]:
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
            request = self._user_lever_request(pair_id)
            answer = yield from self._served('privateGetApiThirdV1TradeGetUserLever', self.extend(params, request))
            data = self.safe_dict(answer, 'data')
        lever, margin_mode = self._user_lever(data)
        if lever is None or lever < 1:
            data = margin_mode = None
            lever = self._order_leverage(market)
        margin_mode = margin_mode or self._order_margin_mode(market)
        return {'info': data or {}, 'symbol': market['symbol'], 'marginMode': margin_mode, 'longLeverage': lever, 'shortLeverage': lever}
