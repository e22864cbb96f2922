"""Public market data: Satori's clock, markets, prices, books, candles, trades and leverage tiers."""

from ccxt.base.errors import BadRequest, BadResponse, NotSupported
from ccxt.base.precise import Precise

from . import wire
from .describe import MAX_OHLCV_LIMIT
from .fields import VenueFields
from .flow import call, unified

# A ticker's open, high, low and volumes come from the last 24 hourly candles.
TICKER_TIMEFRAME = '1h'
TICKER_CANDLES = 24


class MarketDataMethods(VenueFields):
    @unified
    def fetch_time(self, params={}):
        """Satori's clock in ms (``GET /api/third/info/time``; assumed shape: ``data`` is an int, or its digits)."""
        response = yield call('publicGetApiThirdInfoTime', params)
        server_time = wire.answered_whole_number(self.safe_value(response, 'data'))
        if server_time is None or len(server_time) > 13:
            raise BadResponse(f'{self.id} fetch_time() got no time in ms in {str(response)[:200]!r}')
        return int(server_time)

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
        # Assumed shape (docs/evidence.md): the docs captured only id, makerTradeFeeRate
        # and settleCoinId; symbol, fee rates in percent, lever and count bounds and decimals are assumed.
        market_id = self.safe_string(pair, 'symbol')
        parts = market_id.split('-') if wire.sendable(market_id) else []
        if len(parts) != 2 or not all(parts):
            return None
        base_id, quote_id = parts
        settle_id = self.safe_string(pair, 'settleCoinSymbol', quote_id)
        base, quote, settle = (self.safe_currency_code(code) for code in (base_id, quote_id, settle_id))
        status = self.safe_string(pair, 'status')
        return self.safe_market_structure({
            'id': market_id,
            'numericId': self.safe_integer(pair, 'id'),
            'symbol': f'{base}/{quote}:{settle}',
            'base': base, 'quote': quote, 'settle': settle,
            'baseId': base_id, 'quoteId': quote_id, 'settleId': settle_id,
            'type': 'swap', 'spot': False, 'margin': False, 'swap': True, 'future': False, 'option': False,
            'active': None if status is None else status == wire.PAIR_TRADING,
            'contract': True, 'linear': True, 'inverse': False,
            'contractSize': self.parse_number('1'),
            'taker': self._fee_rate(pair, 'takerTradeFeeRate'),
            'maker': self._fee_rate(pair, 'makerTradeFeeRate'),
            'precision': {'price': self._tick(pair, 'priceDecimal'), 'amount': self._tick(pair, 'quantityDecimal')},
            'limits': {
                'leverage': {'min': self._number(pair, 'minLever'), 'max': self._number(pair, 'maxLever')},
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

    def _tick(self, pair, key):
        decimals = self.safe_integer(pair, key)
        return None if decimals is None or not 0 <= decimals <= 18 else self.parse_number(self.parse_precision(str(decimals)))

    @unified
    def fetch_leverage_tiers(self, symbols=None, params={}):
        """One tier per market, up to the pair list's ``maxLever`` (Satori publishes no tiers).

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
        """A ticker assembled from Satori's public answers (it has no ticker endpoint).

        - ``last``/``close``: the last trade (``GET /api/third/info/trades``, limit 1);
        - ``bid``/``ask`` and their volumes: the top of the book (``/api/third/info/depth``), where Satori serves it;
        - ``open``, ``high``, ``low``, ``baseVolume``, ``quoteVolume``: the last 24 hourly candles
          (``/api/third/info/kline``), where served; ``change`` and ``percentage`` follow from them;
        - ``markPrice`` and ``indexPrice``: ``/api/third/info/markPrice`` and ``/indexPrice``.

        ``timestamp`` is when the answers arrived: none of them carries a time.
        """
        yield call('load_markets')
        market = self.market(symbol)
        pair = {'pairName': market['id']}
        day = {'period': self.timeframes[TICKER_TIMEFRAME], 'limit': TICKER_CANDLES}
        answers = {
            'trades': (yield call('publicGetApiThirdInfoTrades', self.extend(pair, {'limit': 1}))),
            'depth': (yield from self._where_served('publicGetApiThirdInfoDepth', self.extend(pair, {'limit': 1}))),
            'kline': (yield from self._where_served('publicGetApiThirdInfoKline', self.extend(pair, day))),
            'markPrice': (yield call('publicGetApiThirdInfoMarkPrice', pair)),
            'indexPrice': (yield call('publicGetApiThirdInfoIndexPrice', pair)),
        }
        return self.parse_ticker(answers, market)

    def _where_served(self, endpoint, request):
        """The answer of an undocumented endpoint, or None where Satori refuses it (a 404 reads as BadRequest)."""
        try:
            return (yield call(endpoint, request))
        except (BadRequest, NotSupported):
            return None

    def parse_ticker(self, answers, market=None):
        """``answers``: the raw envelopes ``fetch_ticker`` gathered, by endpoint."""
        last_trade = self.safe_dict(self.safe_list(answers.get('trades'), 'data', []), 0)
        book = self.safe_dict(answers.get('depth'), 'data', {})
        bid = self._book_levels(book, 'bids')[:1] or [[None, None]]
        ask = self._book_levels(book, 'asks')[:1] or [[None, None]]
        window = self._day_window(self.safe_list(answers.get('kline'), 'data', []))
        timestamp = self.milliseconds()
        return self.safe_ticker(self.extend(window, {
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'last': self._decimal(last_trade, 'price'),
            'bid': bid[0][0], 'bidVolume': bid[0][1],
            'ask': ask[0][0], 'askVolume': ask[0][1],
            'markPrice': self._price_data(answers.get('markPrice')),
            'indexPrice': self._price_data(answers.get('indexPrice')),
            'info': answers,
        }), market)

    def _day_window(self, candles) -> dict:
        """Open, high, low and volumes over the candles (oldest first, as assumed in section 15); one missing a field is left out."""
        keys = ('open', 'high', 'low', 'quantity', 'amount')
        rows = [[self._decimal(candle, key) for key in keys] for candle in candles]
        rows = [row for row in rows if None not in row]
        if not rows:
            return {}
        return {
            'open': rows[0][0],
            'high': max((row[1] for row in rows), key=float),
            'low': min((row[2] for row in rows), key=float),
            'baseVolume': _decimal_sum(row[3] for row in rows),
            'quoteVolume': _decimal_sum(row[4] for row in rows),
        }

    def _price_data(self, response):
        # Assumed shape (docs/evidence.md): markPrice and indexPrice answer a decimal string.
        return self._decimal(response, 'data')

    @unified
    def fetch_tickers(self, symbols=None, params={}):
        """``fetch_ticker`` for each symbol, every active market by default (five requests per market)."""
        yield call('load_markets')
        tickers = {}
        for symbol in self._symbols_or_all(symbols):
            tickers[symbol] = yield call('fetch_ticker', symbol)
        return tickers

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
        yield call('load_markets')
        prices = {}
        for symbol in self._symbols_or_all(symbols):
            prices[symbol] = yield call('fetch_mark_price', symbol, params)
        return prices

    # ----- books, trades, candles ----------------------------------------------------------

    @unified(sets=('pairName', 'limit'))
    def fetch_order_book(self, symbol, limit=None, params={}):
        """Bids and asks, best first (``GET /api/third/info/depth``, undocumented).

        ``timestamp`` is when the answer arrived: Satori's book carries no time.
        """
        request = {} if limit is None else {'limit': wire.positive_int(limit, 'limit')}
        yield call('load_markets')
        market = self.market(symbol)
        request['pairName'] = market['id']
        response = yield call('publicGetApiThirdInfoDepth', self.extend(request, params))
        book = self.safe_dict(response, 'data', {})
        levels = {'bids': self._book_levels(book, 'bids'), 'asks': self._book_levels(book, 'asks')}
        return self.parse_order_book(levels, market['symbol'], self.milliseconds())

    def _book_levels(self, book, side) -> list:
        # Assumed shape (docs/evidence.md): {"asks": [{"price", "quantity"}, ...], "bids": [...]}, best first.
        levels = [[self._decimal(level, 'price'), self._decimal(level, 'quantity')] for level in self.safe_list(book, side, [])]
        return [level for level in levels if None not in level]

    @unified(sets=('pairName', 'limit'))
    def fetch_trades(self, symbol, since=None, limit=None, params={}):
        """Recent public trades, oldest first (``GET /api/third/info/trades``).

        Satori answers the latest ``limit`` trades (50 by default) and takes no
        start time, so ``since`` only filters what came back.
        """
        request = {} if limit is None else {'limit': wire.positive_int(limit, 'limit')}
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
        market = self.safe_market(self.safe_string(trade, 'symbol'), market)
        is_long = self.safe_bool(trade, 'isLong')
        is_taker = self.safe_bool(trade, 'isTaker')
        fee_cost = self._decimal(trade, 'tradeFee')
        timestamp = self.safe_integer_2(trade, 'timestamp', 'createTimeStamp')
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

        Satori answers the ``limit`` candles ending at ``endTime``; with ``since``
        the end is put ``limit`` candles after it, so the answer starts at ``since``.
        ``limit`` is at most 500 per request (Satori's bound is unknown).
        """
        period = self.timeframes.get(timeframe) if isinstance(timeframe, str) else None
        if period is None:
            raise BadRequest(f'{self.id} fetch_ohlcv() has no timeframe {wire.shown(timeframe)}; one of {", ".join(self.timeframes)}')
        request = {'period': period}
        if limit is not None:
            limit = min(wire.positive_int(limit, 'limit'), MAX_OHLCV_LIMIT)
            request['limit'] = limit
        if since is not None:
            duration = self.parse_timeframe(timeframe) * 1000
            request['limit'] = limit = limit or MAX_OHLCV_LIMIT
            # Assumed (docs/evidence.md): ``endTime`` in ms is the time the last candle holds.
            request['endTime'] = wire.positive_int(since, 'since') + limit * duration - 1
        yield call('load_markets')
        market = self.market(symbol)
        request['pairName'] = market['id']
        response = yield call('publicGetApiThirdInfoKline', self.extend(request, params))
        candles = [self.parse_ohlcv(candle, market) for candle in self._records(response)]
        candles = [candle for candle in candles if candle[0] is not None]
        return self.filter_by_since_limit(self.sort_by(candles, 0), since, limit, 0)

    def parse_ohlcv(self, candle, market=None):
        # Assumed shape (docs/evidence.md): {"time": open ms, "open", "high", "low", "close", "quantity", "amount"}.
        return [self.safe_integer(candle, 'time')] + [self._number(candle, key) for key in ('open', 'high', 'low', 'close', 'quantity')]


def _decimal_sum(values) -> str:
    total = '0'
    for value in values:
        total = Precise.string_add(total, value)
    return total
