"""Public market data: Satori's clock, markets, prices, books, candles, trades, funding rates and leverage tiers."""

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadResponse
from ccxt.base.types import (
    FundingRate,
    FundingRateHistory,
    FundingRates,
    Int,
    LeverageTiers,
    Market,
    OrderBook,
    Str,
    Strings,
    Ticker,
    Tickers,
    Trade,
)

from . import arguments
from .describe import BOOK_DEPTHS, MAX_FUNDING_HISTORY_LIMIT, MAX_OHLCV_LIMIT, MAX_TRADES_LIMIT
from .errors import shown
from .flow import Flow, call, unified
from .shapes import server_time
from .translate import FUNDING_HISTORY_FIELDS, HOUR_MS, KLINE_FIELDS, LIMITED_PAIR_FIELDS, PAIR_FIELDS, SatoriEdge

# Without ticker/24hr, a ticker's open, high, low and volumes come from the last 24 hourly candles.
TICKER_TIMEFRAME = '1h'
TICKER_CANDLES = 24
DAY_ENDPOINT = 'publicGetApiThirdInfoTicker24hr'
DAY_PARTS = ('ticker/24hr', 'depth')
FALLBACK_PARTS = ('trades', 'depth', 'kline', 'markPrice', 'indexPrice')
# The ticker's endpoints a venue may not serve (a 404 leaves that part None); every Satori serves trades.
SERVED_ONLY_SOMEWHERE = (DAY_ENDPOINT, 'publicGetApiThirdInfoDepth', 'publicGetApiThirdInfoKline', 'publicGetApiThirdInfoMarkPrice',
                         'publicGetApiThirdInfoIndexPrice')


class MarketDataMethods(SatoriEdge):
    @unified
    def fetch_time(self, params: dict = {}) -> Flow[int]:
        """Satori's clock in ms (``GET /api/third/info/time``; captured on Satori: ``data`` is the time in ms, an int or digits)."""
        response = yield call('publicGetApiThirdInfoTime', params)
        time_ms = server_time(self, response, 'data')
        if time_ms is None:
            raise BadResponse(f'{self.id} fetch_time() got no time in ms in {str(response)[:200]!r}')
        return time_ms

    # ----- markets -------------------------------------------------------------------------

    @unified
    def fetch_markets(self, params: dict = {}) -> Flow[list[Market]]:
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

    @unified
    def fetch_leverage_tiers(self, symbols: Strings = None, params: dict = {}) -> Flow[LeverageTiers]:
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
    def fetch_ticker(self, symbol: str, params: dict = {}) -> Flow[Ticker]:
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
        pair = self._pair_request(market)
        candles = self._candles_request(self.timeframes[TICKER_TIMEFRAME], TICKER_CANDLES)
        requests = {
            'ticker/24hr': (DAY_ENDPOINT, pair),
            'trades': ('publicGetApiThirdInfoTrades', self.extend(pair, {'limit': 1})),
            'depth': ('publicGetApiThirdInfoDepth', self._depth_request(market, BOOK_DEPTHS[0])),
            'kline': ('publicGetApiThirdInfoKline', self.extend(pair, candles)),
            'markPrice': ('publicGetApiThirdInfoMarkPrice', pair),
            'indexPrice': ('publicGetApiThirdInfoIndexPrice', pair),
        }
        return [(part, call(*requests[part])) for part in parts]

    @unified
    def fetch_tickers(self, symbols: Strings = None, params: dict = {}) -> Flow[Tickers]:
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

    @unified(sets=PAIR_FIELDS)
    def fetch_mark_price(self, symbol: str, params: dict = {}) -> Flow[Ticker]:
        """The mark price as a ticker with only ``markPrice`` set (``GET /api/third/info/markPrice``)."""
        yield call('load_markets')
        market = self.market(symbol)
        response = yield call('publicGetApiThirdInfoMarkPrice', self.extend(self._pair_request(market), params))
        timestamp = self.milliseconds()
        return self.safe_ticker({'symbol': market['symbol'], 'timestamp': timestamp, 'datetime': self.iso8601(timestamp),
                                 'markPrice': self._price_data(response), 'info': response}, market)

    @unified(sets=PAIR_FIELDS)
    def fetch_mark_prices(self, symbols: Strings = None, params: dict = {}) -> Flow[Tickers]:
        """``fetch_mark_price`` for each symbol, every active market by default."""
        return (yield from self._each_symbol('fetch_mark_price', symbols, params))

    # ----- books, trades, candles ----------------------------------------------------------

    @unified(sets=LIMITED_PAIR_FIELDS)
    def fetch_order_book(self, symbol: str, limit: Int = None, params: dict = {}) -> Flow[OrderBook]:
        """Bids and asks, best first (``GET /api/third/info/depth``, undocumented).

        Satori answers 20 or 100 levels a side (a later deployment accepts no
        other ``limit``): the smallest depth that covers ``limit`` is asked, 100
        for anything larger, and the answer is cut to ``limit``.
        ``timestamp`` is when the answer arrived: Satori's book carries no time.
        """
        limit = None if limit is None else arguments.positive_int(limit, 'limit')
        yield call('load_markets')
        market = self.market(symbol)
        request = self._depth_request(market, _book_depth(limit))
        response = yield call('publicGetApiThirdInfoDepth', self.extend(request, params))
        book = self.safe_dict(response, 'data', {})
        levels = {side: self._book_levels(book, side)[:limit] for side in ('bids', 'asks')}
        return self.parse_order_book(levels, market['symbol'], self.milliseconds())

    @unified(sets=LIMITED_PAIR_FIELDS)
    def fetch_trades(
            self, symbol: str, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Trade]]:
        """Recent public trades, oldest first (``GET /api/third/info/trades``).

        Satori answers the latest ``limit`` trades (50 by default) and takes no
        start time, so ``since`` only filters what came back. A ``limit`` above
        what one request may ask (1000, assumed) asks for that many.
        """
        asked = None if limit is None else min(arguments.positive_int(limit, 'limit'), MAX_TRADES_LIMIT)
        yield call('load_markets')
        market = self.market(symbol)
        request = self._trades_request(market, asked)
        response = yield call('publicGetApiThirdInfoTrades', self.extend(request, params))
        return self.parse_trades(self._records(response), market, since, limit)

    def parse_trades(self, trades, market=None, since=None, limit=None, params={}):
        """ccxt's ``parse_trades`` less the trades that carry no time, which it cannot sort (and a caller cannot place)."""
        parsed = [self.extend(self.parse_trade(trade, market), params) for trade in self.to_array(trades)]
        parsed = [trade for trade in parsed if trade['timestamp'] is not None]
        ordered = self.sort_by_2(parsed, 'timestamp', 'id')
        return self.filter_by_symbol_since_limit(ordered, self.safe_string(market, 'symbol'), since, limit)

    @unified(sets=KLINE_FIELDS)
    def fetch_ohlcv(
            self, symbol: str, timeframe: str = '1m', since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[list]]:
        """Candles ``[open ms, open, high, low, close, base volume]``, oldest first (``GET /api/third/info/kline``, undocumented).

        Satori answers the ``limit`` candles ending at ``end_time``; with ``since``
        the end is put ``limit`` candles after it, so the answer starts at ``since``.
        ``limit`` is at most 1000 per request (as a later deployment caps it); more is clamped.
        """
        period = self.timeframes.get(timeframe) if isinstance(timeframe, str) else None
        if period is None:
            raise BadRequest(f'{self.id} fetch_ohlcv() has no timeframe {shown(timeframe)}; one of {", ".join(self.timeframes)}')
        end = None
        if limit is not None:
            limit = min(arguments.positive_int(limit, 'limit'), MAX_OHLCV_LIMIT)
        if since is not None:
            duration = self.parse_timeframe(timeframe) * 1000
            limit = limit or MAX_OHLCV_LIMIT
            # The time the last candle holds (assumed to be inclusive).
            end = arguments.positive_int(since, 'since') + limit * duration - 1
        yield call('load_markets')
        market = self.market(symbol)
        request = self.extend(self._candles_request(period, limit, end), self._pair_request(market))
        response = yield call('publicGetApiThirdInfoKline', self.extend(request, params))
        candles = [self.parse_ohlcv(candle, market) for candle in self._records(response)]
        candles = [candle for candle in candles if candle[0] is not None]
        # The order of the list is not shown in any capture: sorted here.
        return self.filter_by_since_limit(self.sort_by(candles, 0), since, limit, 0)

    # ----- funding ---------------------------------------------------------------------------

    @unified(sets=PAIR_FIELDS)
    def fetch_funding_rate(self, symbol: str, params: dict = {}) -> Flow[FundingRate]:
        """The funding rate of ``symbol`` (``GET /api/third/v1/market/funding/current``, captured on Satori).

        A fraction of the position's value per hour, paid by longs when positive.
        Satori charges it at every full hour: ``fundingTimestamp`` is the next one
        (assumed: the current rate is the one the next charge applies).
        """
        yield call('load_markets')
        market = self.market(symbol)
        response = yield call('publicGetApiThirdV1MarketFundingCurrent', self.extend(self._pair_request(market), params))
        return self.parse_funding_rate(self.safe_dict(response, 'data', {}), market)

    @unified(sets=PAIR_FIELDS)
    def fetch_funding_rates(self, symbols: Strings = None, params: dict = {}) -> Flow[FundingRates]:
        """``fetch_funding_rate`` for each symbol, every active market by default (one request per market)."""
        return (yield from self._each_symbol('fetch_funding_rate', symbols, params))

    @unified(sets=FUNDING_HISTORY_FIELDS)
    def fetch_funding_rate_history(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[FundingRateHistory]]:
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
        begin = end = None
        if since is not None:
            begin = arguments.positive_int(since, 'since')
            end = begin + limit * HOUR_MS - 1
        if until is not None:
            end = min(until, until if end is None else end)
        yield call('load_markets')
        market = self.market(symbol)
        request = self._funding_history_request(market, limit, begin, end)
        response = yield call('publicGetApiThirdV1MarketFundingHistory', self.extend(self.omit(params, 'until'), request))
        rates = [self._funding_rate_entry(item, market) for item in self._records(response)]
        rates = [rate for rate in rates if rate['timestamp'] is not None]
        return self.filter_by_since_limit(self.sort_by(rates, 'timestamp'), since, limit)


def _book_depth(limit) -> int:
    """The smallest depth Satori answers that covers ``limit`` levels (the largest for more, the smallest when None)."""
    if limit is None:
        return BOOK_DEPTHS[0]
    return next((depth for depth in BOOK_DEPTHS if depth >= limit), BOOK_DEPTHS[-1])
