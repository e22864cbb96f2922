"""Public market data: Satori's clock, markets, prices, books, candles, trades, funding rates and leverage tiers."""

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadResponse
from ccxt.base.precise import Precise

from . import arguments, decimals, encoding, vocabulary
from .base import COMPACT_DATE_TIME, SatoriBase, utc_ms
from .describe import BOOK_DEPTHS, FUNDING_INTERVAL, MAX_FUNDING_HISTORY_LIMIT, MAX_OHLCV_LIMIT, MAX_TRADES_LIMIT
from .errors import shown
from .flow import call, unified
from .shapes import decimals_of, server_time

# Without ticker/24hr, a ticker's open, high, low and volumes come from the last 24 hourly candles.
TICKER_TIMEFRAME = '1h'
TICKER_CANDLES = 24
HOUR_MS = 3_600_000
DAY_ENDPOINT = 'publicGetApiThirdInfoTicker24hr'
DAY_PARTS = ('ticker/24hr', 'depth')
FALLBACK_PARTS = ('trades', 'depth', 'kline', 'markPrice', 'indexPrice')
# The ticker's endpoints a venue may not serve (a 404 leaves that part None); every Satori serves trades.
SERVED_ONLY_SOMEWHERE = (DAY_ENDPOINT, 'publicGetApiThirdInfoDepth', 'publicGetApiThirdInfoKline', 'publicGetApiThirdInfoMarkPrice',
                         'publicGetApiThirdInfoIndexPrice')


class MarketDataMethods(SatoriBase):
    @unified
    def fetch_time(self, params={}):
        """Satori's clock in ms (``GET /api/third/info/time``; captured on Satori: ``data`` is the time in ms, an int or digits)."""
        response = yield call('publicGetApiThirdInfoTime', params)
        time_ms = server_time(self, response, 'data')
        if time_ms is None:
            raise BadResponse(f'{self.id} fetch_time() got no time in ms in {str(response)[:200]!r}')
        return time_ms

    # ----- markets -------------------------------------------------------------------------

    @unified
    def fetch_markets(self, params={}):
        """Satori's pairs as linear perpetual swaps ``BASE/QUOTE:SETTLE`` (``GET /api/third/info/pairs``).

        A pair whose ``symbol`` is not ``BASE-QUOTE``, or holds characters a
        request could not carry unencoded, is left out: it could never be
        traded or listed, and it must not stop requests about the others.
        """
        response = yield call('publicGetApiThirdInfoPairs', params)
        pairs = self.safe_value(response, 'data')
        if not isinstance(pairs, list):
            raise BadResponse(f'{self.id} fetch_markets() expected a list of pairs, got {str(pairs)[:200]!r}')
        markets = [self.parse_market(pair) for pair in pairs if isinstance(pair, dict)]
        return [market for market in markets if market is not None]

    def parse_market(self, pair):
        # docs/evidence.md, pairs. Documented: id, makerTradeFeeRate, settleCoinId. Captured on a later deployment:
        # symbol (and pair) "ETH-USD", tradeDecimal, priceDecimal, tradable, settleCoinName, minCount, maxCount, fee
        # rates in percent, and no minLever/maxLever. Assumed (the older reading, still accepted): quantityDecimal,
        # status 1 = trading, settleCoinSymbol, minLever, maxLever.
        market_id = self.safe_string_2(pair, 'symbol', 'pair')
        parts = market_id.split('-') if encoding.sendable(market_id) else []
        if len(parts) != 2 or not all(parts):
            return None
        base_id, quote_id = parts
        settle_id = self.safe_string_n(pair, ['settleCoinName', 'settleCoinSymbol'], quote_id)
        base, quote, settle = (self.safe_currency_code(code) for code in (base_id, quote_id, settle_id))
        return self.safe_market_structure({
            'id': market_id,
            'numericId': self.safe_integer(pair, 'id'),
            'symbol': f'{base}/{quote}:{settle}',
            'base': base, 'quote': quote, 'settle': settle,
            'baseId': base_id, 'quoteId': quote_id, 'settleId': settle_id,
            'type': 'swap', 'spot': False, 'margin': False, 'swap': True, 'future': False, 'option': False,
            'active': self._pair_active(pair),
            'contract': True, 'linear': True, 'inverse': False,
            'contractSize': self.parse_number('1'),
            'taker': self._fee_rate(pair, 'takerTradeFeeRate'),
            'maker': self._fee_rate(pair, 'makerTradeFeeRate'),
            # A precision left None here makes create_order refuse the market, naming the missing field.
            'precision': {'price': self._tick(pair, ['priceDecimal']), 'amount': self._tick(pair, ['tradeDecimal', 'quantityDecimal'])},
            'limits': {
                'leverage': {
                    'min': self._number(pair, 'minLever') or self.parse_number('1'),
                    'max': self._number(pair, 'maxLever') or self.parse_number(self.number_to_string(self.options['maxLeverage'])),
                },
                'amount': {'min': self._number(pair, 'minCount'), 'max': self._number(pair, 'maxCount')},
                'price': {'min': None, 'max': None},
                'cost': {'min': None, 'max': None},
            },
            'marginModes': {'isolated': True, 'cross': True},
            'created': None,
            'info': pair,
        })

    def _fee_rate(self, pair, key):
        percent = self._decimal(pair, key)
        return None if percent is None else self.parse_number(Precise.string_div(percent, '100'))

    def _tick(self, pair, keys):
        """The tick of the first of ``keys`` that holds a number of decimals (0 to 18), or None."""
        for key in keys:
            decimals = decimals_of(self, pair, key)
            if decimals is not None:
                return self.parse_number(self.parse_precision(str(decimals)))
        return None

    def _pair_active(self, pair):
        tradable = self.safe_value(pair, 'tradable')
        if isinstance(tradable, bool):
            return tradable
        status = self.safe_string(pair, 'status')
        return None if status is None else status == vocabulary.PAIR_TRADING

    @unified
    def fetch_leverage_tiers(self, symbols=None, params={}):
        """One tier per market, up to the pair list's ``maxLever``, else ``options['maxLeverage']`` (Satori publishes no tiers).

        Its ``maxNotional`` is ``options['leverageTierMaxNotional']``: Satori
        publishes no cap, and tools that size positions from tiers need a number.
        """
        yield call('load_markets')
        return {symbol: [self._leverage_tier(self.market(symbol))] for symbol in self._symbols_or_all(symbols)}

    def _leverage_tier(self, market):
        return {
            'tier': self.parse_number('1'),
            'symbol': market['symbol'],
            'currency': market['settle'],
            'minNotional': self.parse_number('0'),
            'maxNotional': self.parse_number(self.number_to_string(self.options['leverageTierMaxNotional'])),
            'maintenanceMarginRate': None,
            'maxLeverage': self.safe_number(market['limits']['leverage'], 'max'),
            'info': market['info'],
        }

    def _symbols_or_all(self, symbols) -> list:
        """``symbols`` checked against the markets (BadSymbol), or every active market's symbol when none is given."""
        return self.market_symbols(symbols) or [symbol for symbol in self.symbols if self.markets[symbol]['active'] is not False]

    # ----- prices --------------------------------------------------------------------------

    @unified
    def fetch_ticker(self, symbol, params={}):
        """A ticker from Satori's public answers.

        Where Satori serves ``GET /api/third/info/ticker/24hr`` (seen on a later
        deployment only): its ``open``, ``close`` (= ``last``) and ``amount`` (=
        ``quoteVolume``), plus the top of the book (``/api/third/info/depth``),
        two requests. Elsewhere (learned from the first 404, once per instance),
        five requests:

        - ``last``/``close``: the last trade (``GET /api/third/info/trades``, limit 1);
        - ``bid``/``ask`` and their volumes: the top of the book (``/api/third/info/depth``);
        - ``open``, ``high``, ``low``, ``baseVolume``, ``quoteVolume``: the last 24 hourly candles
          (``/api/third/info/kline``); ``change`` and ``percentage`` follow from them;
        - ``markPrice`` and ``indexPrice``: ``/api/third/info/markPrice`` and ``/indexPrice``.

        The async class sends a ticker's requests together (see ``_tickers``). An undocumented part
        that this Satori does not serve is left None. ``timestamp`` is when the answers arrived:
        none of them carries a time.
        """
        yield call('load_markets')
        market = self.market(symbol)
        return (yield from self._tickers([market]))[market['symbol']]

    def _tickers(self, markets) -> dict:
        """``fetch_ticker`` of each of ``markets``, by symbol, every market's requests gathered together.

        Where ticker/24hr is served, or not yet known not to be: ticker/24hr and
        the book of every market at once, then the rest of the five requests at
        once for the markets ticker/24hr gave no answer for. Once it is known
        not to be served, all five requests of every market at once.
        """
        day_served = self._is_served(DAY_ENDPOINT)
        answers = yield from self._ticker_answers({market['symbol']: (market, DAY_PARTS if day_served else FALLBACK_PARTS)
                                                   for market in markets})
        if day_served:
            without_day = {market['symbol']: (market, [part for part in FALLBACK_PARTS if part not in DAY_PARTS]) for market in markets
                           if not isinstance(self.safe_value(answers[market['symbol']]['ticker/24hr'], 'data'), dict)}
            later = (yield from self._ticker_answers(without_day)) if without_day else {}
            for symbol, parts in later.items():
                del answers[symbol]['ticker/24hr']   # as where it is not served: the five requests' answers only
                answers[symbol].update(parts)
        return {market['symbol']: self.parse_ticker(answers[market['symbol']], market) for market in markets}

    def _ticker_answers(self, wanted) -> dict:
        """``{symbol: {part: answer}}`` for ``{symbol: (market, parts)}``: None for a part this venue is known not to serve."""
        planned = [(symbol, part, request) for symbol, (market, parts) in wanted.items()
                   for part, request in self._ticker_requests(market, parts) if self._is_served(request.method)]
        results = yield from self._gathered([request for _, _, request in planned], SERVED_ONLY_SOMEWHERE)
        answers = {symbol: dict.fromkeys(parts) for symbol, (_, parts) in wanted.items()}
        for (symbol, part, _), result in zip(planned, results, strict=True):
            answers[symbol][part] = result
        return answers

    def _ticker_requests(self, market, parts) -> list:
        pair = {'pairName': market['id']}
        candles = {'period': self.timeframes[TICKER_TIMEFRAME], 'limit': TICKER_CANDLES}
        requests = {
            'ticker/24hr': (DAY_ENDPOINT, pair),
            'trades': ('publicGetApiThirdInfoTrades', self.extend(pair, {'limit': 1})),
            'depth': ('publicGetApiThirdInfoDepth', self.extend(pair, {'limit': BOOK_DEPTHS[0]})),
            'kline': ('publicGetApiThirdInfoKline', self.extend(pair, candles)),
            'markPrice': ('publicGetApiThirdInfoMarkPrice', pair),
            'indexPrice': ('publicGetApiThirdInfoIndexPrice', pair),
        }
        return [(part, call(*requests[part])) for part in parts]

    def parse_ticker(self, answers, market=None):
        """``answers``: the raw envelopes ``fetch_ticker`` gathered, by endpoint."""
        last_trade = self.safe_dict(self.safe_list(answers.get('trades'), 'data', []), 0)
        book = self.safe_dict(answers.get('depth'), 'data', {})
        bid = self._book_levels(book, 'bids')[:1] or [[None, None]]
        ask = self._book_levels(book, 'asks')[:1] or [[None, None]]
        day = self.safe_dict(answers.get('ticker/24hr'), 'data')
        window = self._day_answer(day) if day is not None else self._day_window(self._records(answers.get('kline')))
        timestamp = self.milliseconds()
        return self.safe_ticker(self.extend({
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'last': self._decimal(last_trade, 'price'),
            'bid': bid[0][0], 'bidVolume': bid[0][1],
            'ask': ask[0][0], 'askVolume': ask[0][1],
            'markPrice': self._price_data(answers.get('markPrice')),
            'indexPrice': self._price_data(answers.get('indexPrice')),
            'info': answers,
        }, window), market)

    def _day_answer(self, day) -> dict:
        """ticker/24hr's fields (seen on a later deployment: ``open``, ``close``, ``amount`` = the quote volume);
        ``high``/``hight``, ``low`` and ``quantity`` are read where present (assumed names, as in the candles)."""
        window = {
            'open': self._decimal(day, 'open'),
            'high': self._decimal(day, 'hight') or self._decimal(day, 'high'),
            'low': self._decimal(day, 'low'),
            'baseVolume': self._decimal(day, 'quantity'),
            'quoteVolume': self._decimal(day, 'amount'),
        }
        close = self._decimal(day, 'close')
        if close is not None:
            window['last'] = close
        return window

    def _day_window(self, candles) -> dict:
        """Open, high, low and volumes over the candles, taken oldest first; a candle missing a field is left out."""
        keys = ('open', 'high', 'low', 'quantity', 'amount')
        rows = [[self._timestamp(candle, 'time')] + [self._candle_value(candle, key) for key in keys] for candle in candles]
        rows = sorted((row for row in rows if None not in row), key=lambda row: row[0])
        if not rows:
            return {}
        return {
            'open': rows[0][1],
            'high': max((row[2] for row in rows), key=float),
            'low': min((row[3] for row in rows), key=float),
            'baseVolume': decimals.decimal_sum(row[4] for row in rows),
            'quoteVolume': decimals.decimal_sum(row[5] for row in rows),
        }

    def _price_data(self, response):
        # markPrice answers a decimal string (captured on a later deployment); indexPrice is assumed to answer the same.
        return self._decimal(response, 'data')

    @unified
    def fetch_tickers(self, symbols=None, params={}):
        """``fetch_ticker`` for each symbol, every active market by default (two or five requests per market, gathered)."""
        yield call('load_markets')
        return (yield from self._tickers([self.market(symbol) for symbol in self._symbols_or_all(symbols)]))

    def _each_symbol(self, method, symbols, params):
        """``method(symbol, params)`` for each symbol, every active market by default, by symbol.

        Satori answers one pair at a time, so the async class asks for several at once.
        """
        yield call('load_markets')
        symbols = self._symbols_or_all(symbols)
        return dict(zip(symbols, (yield from self._gathered([call(method, symbol, params) for symbol in symbols])), strict=True))

    @unified(sets=('pairName',))
    def fetch_mark_price(self, symbol, params={}):
        """The mark price as a ticker with only ``markPrice`` set (``GET /api/third/info/markPrice``)."""
        yield call('load_markets')
        market = self.market(symbol)
        response = yield call('publicGetApiThirdInfoMarkPrice', self.extend({'pairName': market['id']}, params))
        timestamp = self.milliseconds()
        return self.safe_ticker({'symbol': market['symbol'], 'timestamp': timestamp, 'datetime': self.iso8601(timestamp),
                                 'markPrice': self._price_data(response), 'info': response}, market)

    @unified(sets=('pairName',))
    def fetch_mark_prices(self, symbols=None, params={}):
        """``fetch_mark_price`` for each symbol, every active market by default."""
        return (yield from self._each_symbol('fetch_mark_price', symbols, params))

    # ----- books, trades, candles ----------------------------------------------------------

    @unified(sets=('pairName', 'limit'))
    def fetch_order_book(self, symbol, limit=None, params={}):
        """Bids and asks, best first (``GET /api/third/info/depth``, undocumented).

        Satori answers 20 or 100 levels a side (a later deployment accepts no
        other ``limit``): the smallest depth that covers ``limit`` is asked, 100
        for anything larger, and the answer is cut to ``limit``.
        ``timestamp`` is when the answer arrived: Satori's book carries no time.
        """
        limit = None if limit is None else arguments.positive_int(limit, 'limit')
        yield call('load_markets')
        market = self.market(symbol)
        request = {'pairName': market['id'], 'limit': _book_depth(limit)}
        response = yield call('publicGetApiThirdInfoDepth', self.extend(request, params))
        book = self.safe_dict(response, 'data', {})
        levels = {side: self._book_levels(book, side)[:limit] for side in ('bids', 'asks')}
        return self.parse_order_book(levels, market['symbol'], self.milliseconds())

    def _book_levels(self, book, side) -> list:
        # {"bids": [{"price", "quantity"}, ...], "asks": [...]}, best first (captured on a later deployment, docs/evidence.md).
        levels = [[self._decimal(level, 'price'), self._decimal(level, 'quantity')] for level in self.safe_list(book, side, [])]
        return [level for level in levels if None not in level]

    @unified(sets=('pairName', 'limit'))
    def fetch_trades(self, symbol, since=None, limit=None, params={}):
        """Recent public trades, oldest first (``GET /api/third/info/trades``).

        Satori answers the latest ``limit`` trades (50 by default) and takes no
        start time, so ``since`` only filters what came back. A ``limit`` above
        what one request may ask (1000, assumed) asks for that many.
        """
        request = {} if limit is None else {'limit': min(arguments.positive_int(limit, 'limit'), MAX_TRADES_LIMIT)}
        yield call('load_markets')
        market = self.market(symbol)
        request['pairName'] = market['id']
        response = yield call('publicGetApiThirdInfoTrades', self.extend(request, params))
        return self.parse_trades(self._records(response), market, since, limit)

    def parse_trades(self, trades, market=None, since=None, limit=None, params={}):
        """ccxt's ``parse_trades`` less the trades that carry no time, which it cannot sort (and a caller cannot place)."""
        parsed = [self.extend(self.parse_trade(trade, market), params) for trade in self.to_array(trades)]
        parsed = [trade for trade in parsed if trade['timestamp'] is not None]
        ordered = self.sort_by_2(parsed, 'timestamp', 'id')
        return self.filter_by_symbol_since_limit(ordered, self.safe_string(market, 'symbol'), since, limit)

    def parse_trade(self, trade, market=None):
        """A public trade (``info/trades``) or one of the caller's fills (``selectContractMatchPairList``)."""
        # A fill names its match ``id`` and its ``averagePrice``; a public trade ``contractMatchPairId`` and ``price``.
        market = self._pair_market(self.safe_string(trade, 'symbol'), market)
        is_long = self.safe_bool(trade, 'isLong')
        is_taker = self.safe_bool(trade, 'isTaker')
        fee_cost = self._decimal(trade, 'tradeFee')
        # Public trades carry ``timestamp``; fills ``createTimeStamp`` and ``createTime`` (both captured on Satori).
        timestamp = self._timestamp(trade, 'timestamp') or self._created(trade)
        return self.safe_trade({
            'id': self.safe_string_2(trade, 'contractMatchPairId', 'id'),
            'order': self.safe_string(trade, 'entrustId'),
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'symbol': market['symbol'],
            'type': None,
            'side': None if is_long is None else ('buy' if is_long else 'sell'),
            'takerOrMaker': None if is_taker is None else ('taker' if is_taker else 'maker'),
            'price': self._decimal(trade, 'price') or self._decimal(trade, 'averagePrice'),
            'amount': self._decimal(trade, 'quantity'),
            'cost': self._decimal(trade, 'amount'),
            'fee': None if fee_cost is None else {
                'cost': fee_cost,
                'currency': self.safe_currency_code(self.safe_string(trade, 'accountCoinSymbol', market['settleId'])),
            },
            'info': trade,
        }, market)

    @unified(sets=('pairName', 'period', 'limit', 'endTime'))
    def fetch_ohlcv(self, symbol, timeframe='1m', since=None, limit=None, params={}):
        """Candles ``[open ms, open, high, low, close, base volume]``, oldest first (``GET /api/third/info/kline``, undocumented).

        Satori answers the ``limit`` candles ending at ``end_time``; with ``since``
        the end is put ``limit`` candles after it, so the answer starts at ``since``.
        ``limit`` is at most 1000 per request (as a later deployment caps it); more is clamped.
        """
        period = self.timeframes.get(timeframe) if isinstance(timeframe, str) else None
        if period is None:
            raise BadRequest(f'{self.id} fetch_ohlcv() has no timeframe {shown(timeframe)}; one of {", ".join(self.timeframes)}')
        request = {'period': period}
        if limit is not None:
            limit = min(arguments.positive_int(limit, 'limit'), MAX_OHLCV_LIMIT)
            request['limit'] = limit
        if since is not None:
            duration = self.parse_timeframe(timeframe) * 1000
            request['limit'] = limit = limit or MAX_OHLCV_LIMIT
            # The SDK names the end time ``end_time`` (ms, the time the last candle holds; assumed to be inclusive).
            request['end_time'] = arguments.positive_int(since, 'since') + limit * duration - 1
        yield call('load_markets')
        market = self.market(symbol)
        request['pairName'] = market['id']
        response = yield call('publicGetApiThirdInfoKline', self.extend(request, params))
        candles = [self.parse_ohlcv(candle, market) for candle in self._records(response)]
        candles = [candle for candle in candles if candle[0] is not None]
        # The order of the list is not shown in any capture: sorted here.
        return self.filter_by_since_limit(self.sort_by(candles, 0), since, limit, 0)

    def parse_ohlcv(self, candle, market=None):
        # {"time": open ms, "open", "hight", "low", "close", "quantity", "amount", ...}: the high is spelled ``hight``
        # (captured on a later deployment, and in Satori's WebSocket candles); ``high`` is read where ``hight`` is missing.
        return [self._timestamp(candle, 'time')] + [self.parse_number(self._candle_value(candle, key))
                                                    for key in ('open', 'high', 'low', 'close', 'quantity')]

    def _candle_value(self, candle, key):
        return (self._decimal(candle, 'hight') or self._decimal(candle, 'high')) if key == 'high' else self._decimal(candle, key)

    # ----- funding ---------------------------------------------------------------------------

    @unified(sets=('pairName',))
    def fetch_funding_rate(self, symbol, params={}):
        """The funding rate of ``symbol`` (``GET /api/third/v1/market/funding/current``, captured on Satori).

        A fraction of the position's value per hour, paid by longs when positive.
        Satori charges it at every full hour: ``fundingTimestamp`` is the next one
        (assumed: the current rate is the one the next charge applies).
        """
        yield call('load_markets')
        market = self.market(symbol)
        response = yield call('publicGetApiThirdV1MarketFundingCurrent', self.extend({'pairName': market['id']}, params))
        return self.parse_funding_rate(self.safe_dict(response, 'data', {}), market)

    def parse_funding_rate(self, contract, market=None):
        # {"symbol": "ETH-USD", "fundingRate": "-0.0000625"} (captured on Satori)
        market = self._pair_market(self.safe_string(contract, 'symbol'), market)
        timestamp = self.milliseconds()
        next_charge = (timestamp // HOUR_MS + 1) * HOUR_MS
        return {
            'info': contract,
            'symbol': market['symbol'],
            'markPrice': None,
            'indexPrice': None,
            'interestRate': None,
            'estimatedSettlePrice': None,
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'fundingRate': self._number(contract, 'fundingRate'),
            'fundingTimestamp': next_charge,
            'fundingDatetime': self.iso8601(next_charge),
            'nextFundingRate': None,
            'nextFundingTimestamp': None,
            'nextFundingDatetime': None,
            'previousFundingRate': None,
            'previousFundingTimestamp': None,
            'previousFundingDatetime': None,
            'interval': FUNDING_INTERVAL,
        }

    @unified(sets=('pairName',))
    def fetch_funding_rates(self, symbols=None, params={}):
        """``fetch_funding_rate`` for each symbol, every active market by default (one request per market)."""
        return (yield from self._each_symbol('fetch_funding_rate', symbols, params))

    @unified(sets=('pairName', 'limit', 'beginTime', 'endTime'))
    def fetch_funding_rate_history(self, symbol=None, since=None, limit=None, params={}):
        """Hourly funding rates, oldest first (``GET /api/third/v1/market/funding/history``, captured on Satori).

        At most 100 rates a request (assumed; a larger ``limit`` is clamped). With
        ``since``, the request's window (``beginTime``..``endTime``) holds exactly
        ``limit`` hours from it, so the answer starts at ``since`` in whatever order
        Satori lists it; ``params['until']`` (ms) ends the window earlier.
        """
        if symbol is None:
            raise ArgumentsRequired(f'{self.id} fetch_funding_rate_history() requires a symbol: Satori lists one pair at a time')
        limit = MAX_FUNDING_HISTORY_LIMIT if limit is None else min(arguments.positive_int(limit, 'limit'), MAX_FUNDING_HISTORY_LIMIT)
        until = self.safe_value(params, 'until')
        until = None if until is None else arguments.positive_int(until, 'until')
        request = {'limit': limit}
        if since is not None:
            request['beginTime'] = arguments.positive_int(since, 'since')
            request['endTime'] = request['beginTime'] + limit * HOUR_MS - 1
        if until is not None:
            request['endTime'] = min(until, request.get('endTime', until))
        yield call('load_markets')
        market = self.market(symbol)
        request['pairName'] = market['id']
        response = yield call('publicGetApiThirdV1MarketFundingHistory', self.extend(self.omit(params, 'until'), request))
        rates = [self._funding_rate_entry(item, market) for item in self._records(response)]
        rates = [rate for rate in rates if rate['timestamp'] is not None]
        return self.filter_by_since_limit(self.sort_by(rates, 'timestamp'), since, limit)

    def _funding_rate_entry(self, item, market):
        # {"id": 41954, "symbol": "ETH-USD", "fundingRate": "-0.0000625", "fundingRateTime": "20240924070000"}
        # (captured on Satori): the hour the rate was charged, yyyyMMddHHmmss in UTC.
        timestamp = utc_ms(self.safe_string(item, 'fundingRateTime'), COMPACT_DATE_TIME)
        return {
            'info': item,
            'symbol': market['symbol'],
            'fundingRate': self._number(item, 'fundingRate'),
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
        }


def _book_depth(limit) -> int:
    """The smallest depth Satori answers that covers ``limit`` levels (the largest for more, the smallest when None)."""
    if limit is None:
        return BOOK_DEPTHS[0]
    return next((depth for depth in BOOK_DEPTHS if depth >= limit), BOOK_DEPTHS[-1])
