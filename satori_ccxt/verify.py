"""``satori-ccxt verify``: ask a Satori every read endpoint the package uses and check each answer against ``shapes.py``.

The probe sends what the package sends (the same implicit endpoints, the same
parameters, signed by the same ``sign()``), one request per endpoint, and reads
each answer with ``shapes.check``: which fields held, which differed and how,
and what the package does about each difference. An endpoint that answers 404
is "not served": where the package has a fallback that is no difference.

With ``trade``, and on the testnet or a local simulator only (the command line
checks), it then places one post-only limit buy of the pair's minimum amount at
half the best bid, sees it in the open orders and in queryOrder, cancels it with
cancelEntrust and sees it gone; whatever fails on the way, it still cancels the
order it placed.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

import ccxt
from ccxt.base.errors import BadResponse

from . import shapes, vocabulary
from .console import explain
from .describe import BOOK_DEPTHS, MAX_PAGE_SIZE
from .errors import EndpointNotFound
from .translate import FILL_ORDER_ID

HELD, DIFFERED, NOT_SERVED, FAILED, SKIPPED = 'held', 'differed', 'not served', 'failed', 'skipped'

# What the probe asks for: few enough items to read quickly, enough to see every field.
TRADES_LIMIT = 20
CANDLES_PERIOD, CANDLES_LIMIT = '1h', 24   # what fetch_ticker asks where Satori serves no ticker/24hr
FUNDING_HISTORY_LIMIT = 24


@dataclass
class Outcome:
    """What one request's answer showed."""
    shape: shapes.Shape
    result: str                      # HELD, DIFFERED, NOT_SERVED, FAILED or SKIPPED
    check: shapes.Check = None       # the fields that held, were absent or differed (HELD and DIFFERED)
    note: str = ''                   # why it was skipped, how it failed, or how a special answer reads
    step: str = ''                   # with --trade: what this request was for
    error: Exception = field(default=None, repr=False)   # what the request raised, if it did

    @property
    def difference(self) -> bool:
        """Whether the package meets something it does not expect: a difference, or a 404 where it has no fallback."""
        return self.result == DIFFERED or (self.result == NOT_SERVED and self.shape.unserved is None)

    @property
    def package_does(self) -> str:
        if self.result == NOT_SERVED:
            used_by = self.shape.used_by
            return self.shape.unserved or f'nothing: {", ".join(used_by)} raise{"s" if len(used_by) == 1 else ""} EndpointNotFound'
        return self.note

    def as_json(self) -> dict:
        check = self.check or shapes.Check((), (), (), None)
        return {'endpoint': f'{self.shape.method} /{self.shape.path}', 'name': self.shape.name, 'grade': self.shape.grade,
                'step': self.step or None, 'result': self.result, 'items': check.items, 'held': list(check.held),
                'absent': list(check.absent), 'differed': [finding._asdict() for finding in check.findings],
                'package_does': self.package_does or None, 'note': self.note or None}


@dataclass
class Trade:
    """What happened to the one order ``--trade`` placed."""
    symbol: str
    amount: str = None
    price: str = None
    order_id: str = None
    placed: bool = False
    seen_open: bool = None           # in the open orders after placing
    query_status: str = None         # queryOrder's status, as ccxt names it
    cancelled: bool = False
    gone: bool = None                # absent from the open orders after cancelling
    problems: list = field(default_factory=list)   # why the trade stopped, or what was not as expected

    @property
    def left_open(self) -> bool:
        """Whether the order placed may still be open: not seen gone, nor (where the list could not be read) confirmed cancelled."""
        return self.placed and not (self.gone is True or (self.cancelled and self.gone is None))

    @property
    def as_expected(self) -> bool:
        return self.placed and self.seen_open is True and self.query_status == 'open' and self.cancelled and self.gone is True

    def as_json(self) -> dict:
        return {'symbol': self.symbol, 'amount': self.amount, 'price': self.price, 'order_id': self.order_id, 'placed': self.placed,
                'seen_in_open_orders': self.seen_open, 'query_status': self.query_status, 'cancelled': self.cancelled,
                'gone_from_open_orders': self.gone, 'as_expected': self.as_expected, 'left_open': self.left_open,
                'problems': self.problems}


@dataclass
class Report:
    url: str
    credentials: bool
    symbol: str = None
    clock_offset_ms: int = None
    outcomes: list = field(default_factory=list)
    trade: Trade = None

    def counts(self) -> dict:
        results = [outcome.result for outcome in self.outcomes]
        return {result: results.count(result) for result in (HELD, DIFFERED, NOT_SERVED, FAILED, SKIPPED)}

    @property
    def failed(self) -> bool:
        return any(outcome.result == FAILED for outcome in self.outcomes) or (self.trade is not None and self.trade.left_open)

    @property
    def differed(self) -> bool:
        return any(outcome.difference for outcome in self.outcomes) or (self.trade is not None and not self.trade.as_expected)

    # ----- how the command line shows it ------------------------------------------------------

    COLUMNS = ('endpoint', 'result', 'held', 'differed', 'what the package does')

    def rows(self) -> list:
        """One row per endpoint asked, and one more per further difference in its answer."""
        rows = []
        for outcome in self.outcomes:
            check = outcome.check
            endpoint = f'{outcome.shape.method} {outcome.shape.path.removeprefix("api/third/")}'
            row = {'endpoint': endpoint + (f' ({outcome.step})' if outcome.step else ''), 'result': outcome.result,
                   'held': _held(outcome), 'differed': '', 'what the package does': outcome.package_does}
            if outcome.result == FAILED:
                row.update({'differed': f'the request failed: {outcome.note}', 'what the package does': ''})
            elif outcome.result == SKIPPED:
                row.update({'differed': f'not asked: {outcome.note}', 'what the package does': ''})
            elif outcome.result == NOT_SERVED:
                row['differed'] = 'HTTP 404: not served here'
            findings = check.findings if check is not None else ()
            for index, finding in enumerate(findings):
                if index:
                    row = dict.fromkeys(self.COLUMNS, '')
                row.update({'differed': f'{finding.field}: {finding.found}', 'what the package does': finding.package})
                rows.append(row)
            if not findings:
                rows.append(row)
        return rows

    def summary(self) -> list:
        """The lines under the table: the counts, the trade, and the verdict."""
        counts = self.counts()
        fallbacks = sum(outcome.result == NOT_SERVED and not outcome.difference for outcome in self.outcomes)
        lines = [f'{len(self.outcomes) - counts[SKIPPED]} requests checked: {counts[HELD]} held, {counts[DIFFERED]} differed, '
                 f'{counts[NOT_SERVED]} not served ({fallbacks} with a fallback the package uses), {counts[FAILED]} failed; '
                 f'{counts[SKIPPED]} endpoints not asked']
        if self.trade is not None:
            trade = self.trade
            what = f'a post-only buy of {trade.amount} {trade.symbol} at {trade.price}'
            if not trade.placed:
                lines.append('--trade: no order placed: ' + '; '.join(trade.problems))
            elif trade.as_expected:
                lines.append(f'--trade: order {trade.order_id}, {what}, was placed, seen open, queried (open), cancelled and seen gone')
            else:
                lines.append(f'--trade: order {trade.order_id}, {what}: ' + '; '.join(trade.problems))
        if self.failed:
            lines.append('not every request got an answer to check: see "failed" above')
        elif self.differed:
            lines.append('the package would meet what it does not expect: see "differed" above (docs/evidence.md says what it relies on)')
        else:
            lines.append('every answer held the shape the package relies on' +
                         ('' if self.credentials else ' (the public ones only: the private endpoints need credentials)'))
        return lines

    def as_json(self) -> dict:
        return {'url': self.url, 'credentials': self.credentials, 'symbol': self.symbol, 'clock_offset_ms': self.clock_offset_ms,
                'endpoints': [outcome.as_json() for outcome in self.outcomes], 'summary': self.counts(),
                'trade': None if self.trade is None else self.trade.as_json()}


class Secrets:
    """What no output and no cassette may hold: the API key, the private key, and every signature this run makes."""

    REMOVED = '<removed>'
    # Any run of this many characters of a secret counts as the secret: output cut to length (an answer's value quoted up
    # to 40 characters, a server's message up to 200) may hold only part of one. Shorter texts are no secret.
    SHORTEST = 12

    def __init__(self, exchange):
        secret = exchange.secret or exchange.privateKey or ''
        self.texts = {text for text in (exchange.apiKey, secret) if isinstance(text, str)}
        sign = exchange.sign

        def signing(*args, **kwargs):
            request = sign(*args, **kwargs)
            signature = (request.get('headers') or {}).get('signature')
            if isinstance(signature, str):
                self.texts.add(signature)
            return request
        exchange.sign = signing

    def _pieces(self) -> set:
        """Every run of SHORTEST characters of every secret."""
        return {text[start:start + self.SHORTEST] for text in self.texts for start in range(len(text) - self.SHORTEST + 1)}

    def _spans(self, text: str) -> list:
        """(start, end) of each run of ``text`` made of pieces of secrets, in order."""
        pieces, spans = self._pieces(), []
        for start in range(len(text) - self.SHORTEST + 1):
            if text[start:start + self.SHORTEST] in pieces:
                end = start + self.SHORTEST
                if spans and start <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        return spans

    def redact(self, value):
        """``value`` (text, or a JSON document) with every run of a secret in it replaced."""
        if isinstance(value, str):
            for start, end in reversed(self._spans(value)):
                value = value[:start] + self.REMOVED + value[end:]
            return value
        if isinstance(value, dict):
            return {self.redact(key): self.redact(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.redact(item) for item in value]
        return value

    def held_in(self, text: str) -> bool:
        return bool(self._spans(text))


def _held(outcome) -> str:
    check = outcome.check
    if check is None:
        return ''
    if outcome.shape.answer.data == shapes.SCALAR or check.note:
        return 'the value' if check.held else ''
    if check.items == 0 and not check.findings:
        return 'an empty list: nothing to check'
    if not check.held:
        return ''
    text = f'{len(check.held)} of {len(outcome.shape.answer.fields)} fields'
    if check.absent:
        text += f' (+{len(check.absent)} absent or null, as allowed)'
    return text + ('' if not check.items else ' in 1 item' if check.items == 1 else f' in {check.items} items')


class Unreachable(Exception):
    """The first request found no Satori to talk to (nothing else would either): its outcome's sentence, and its error."""

    def __init__(self, outcome):
        super().__init__(outcome.note)
        self.error = outcome.error


class Answers:
    """The decoded answer of each request an exchange makes, by path: the answer as it came, before any reader saw it."""

    def __init__(self, exchange):
        self.by_path = {}
        request = exchange.request

        def answering(path, *args, **kwargs):
            answer = request(path, *args, **kwargs)
            self.by_path[path] = answer
            return answer
        exchange.request = answering


class Probe:
    def __init__(self, exchange, url, credentials: bool, symbol=None):
        self.exchange, self.url, self.credentials, self.symbol = exchange, url, credentials, symbol
        self.answers = Answers(exchange)
        self.data = {}        # shape name -> the ``data`` of its last answer
        self.report = None

    # ----- one request ---------------------------------------------------------------------

    def ask(self, name, params=None, call=None, step='') -> Outcome:
        """Asks ``name``'s endpoint (with ``params``, or by ``call``: a package method that asks it) and checks its answer."""
        shape = shapes.BY_NAME[name]
        self.answers.by_path.pop(shape.path, None)
        self.data.pop(name, None)
        error = None
        try:
            (call or (lambda: getattr(self.exchange, shape.implicit)(params)))()
        except EndpointNotFound:
            return Outcome(shape, NOT_SERVED, note='HTTP 404', step=step)
        except ccxt.BaseError as raised:
            error = raised
        answer = self.answers.by_path.get(shape.path)
        if answer is None:
            if isinstance(error, BadResponse):
                finding = shapes.Finding('envelope', f'not a Satori envelope ({str(error)[:200]})',
                                         f'{", ".join(shape.used_by)} raise BadResponse')
                return Outcome(shape, DIFFERED, shapes.Check((), (), (finding,), None), step=step)
            return Outcome(shape, FAILED, note=explain(error, self.url), step=step, error=error)
        self.data[name] = answer.get('data')
        check = shapes.check(shape, self.data[name], self.exchange)
        note = check.note + (f'{"; " if check.note else ""}the package raised {type(error).__name__}' if error is not None else '')
        return Outcome(shape, DIFFERED if check.findings else HELD, check, note, step, error)

    def skip(self, name, why) -> Outcome:
        return Outcome(shapes.BY_NAME[name], SKIPPED, note=why)

    # ----- the run -------------------------------------------------------------------------

    def run(self, trade=False) -> Report:
        """Asks every endpoint in turn; ``self.report`` holds what is known so far (for a Ctrl-C in the middle)."""
        report = self.report = Report(self.url, self.credentials)
        time = self.ask('time', call=self.exchange.load_time_difference)
        if time.result == FAILED and isinstance(time.error, ccxt.NetworkError):
            raise Unreachable(time)
        report.outcomes.append(time)
        if time.result == HELD:
            report.clock_offset_ms = int(self.exchange.options['timeDifference'])
        report.outcomes.append(self.ask('pairs', call=self.exchange.load_markets))
        market = self.market()
        report.symbol = None if market is None else market['symbol']
        report.outcomes.extend(self.public(market))
        report.outcomes.extend(self.private(market))
        if trade and market is not None:
            report.trade = Trade(market['symbol'])
            report.outcomes.extend(self.place_and_cancel(market, report.trade))
        return report

    def market(self):
        """The market the pair endpoints are asked about: ``symbol`` (a ccxt symbol or a pair name), else the first active one."""
        markets = self.exchange.markets or {}
        if self.symbol is not None:
            return markets.get(self.symbol) or (self.exchange.markets_by_id or {}).get(self.symbol, [None])[0]
        return next((market for market in markets.values() if market['active'] is not False), None)

    def public(self, market) -> list:
        names = ('trades', 'depth', 'kline', 'markPrice', 'indexPrice', 'ticker/24hr', 'funding/current', 'funding/history')
        if market is None:
            return [self.skip(name, self._no_market()) for name in names]
        edge = self.exchange
        pair = edge._pair_request(market)
        return [
            self.ask('trades', edge._trades_request(market, TRADES_LIMIT)),
            self.ask('depth', edge._depth_request(market, BOOK_DEPTHS[0])),
            self.ask('kline', {**pair, **edge._candles_request(edge.timeframes[CANDLES_PERIOD], CANDLES_LIMIT)}),
            self.ask('markPrice', pair),
            self.ask('indexPrice', pair),
            self.ask('ticker/24hr', pair),
            self.ask('funding/current', pair),
            self.ask('funding/history', edge._funding_history_request(market, FUNDING_HISTORY_LIMIT, None, None)),
        ]

    def private(self, market) -> list:
        names = ('balance', 'openOrders', 'fills', 'positions', 'queryOrder', 'orders/histories', 'getUserLever')
        if not self.credentials:
            return [self.skip(name, 'no credentials: set SATORI_API_KEY and SATORI_SECRET to check it') for name in names]
        if market is None:
            return [self.skip(name, self._no_market()) for name in names]
        page = self._page(market)
        edge = self.exchange
        outcomes = [self.ask('balance', edge._balance_request(market['settleId']))]
        if isinstance(outcomes[0].error, ccxt.AuthenticationError):
            return outcomes + [self.skip(name, 'Satori refused the credentials (see balance)') for name in names[1:]]
        outcomes += [self.ask('openOrders', page), self.ask('fills', page), self.ask('positions', page)]
        order_id = self._an_order_id()
        outcomes.append(self.ask('queryOrder', edge._order_id_request(order_id)) if order_id is not None
                        else self.skip('queryOrder', 'no open order and no fill to ask about'))
        outcomes.append(self.ask('orders/histories', edge._history_request(market, None, None, ascending=False)))
        pair_id = market.get('numericId')
        outcomes.append(self.ask('getUserLever', edge._user_lever_request(pair_id)) if pair_id is not None
                        else self.skip('getUserLever', "the pair list gives the pair no numeric id to ask it with"))
        return outcomes

    def _no_market(self) -> str:
        if self.symbol is not None:
            return f'the pair list names no {self.symbol}'
        return 'the pair list gave no pair the package can read'

    def _an_order_id(self):
        """An id queryOrder can be asked about: an open order's, else the order behind a fill."""
        for name, key in (('openOrders', 'id'), ('fills', FILL_ORDER_ID)):
            for record in vocabulary.records(self.data.get(name)):
                if isinstance(record, dict) and shapes.ID.read(self.exchange, record, key) is not None:
                    return self.exchange.safe_string(record, key)
        return None

    def _page(self, market) -> dict:
        return {**self.exchange._pair_request(market), **self.exchange._page_request(1, MAX_PAGE_SIZE)}

    # ----- --trade -------------------------------------------------------------------------

    def place_and_cancel(self, market, trade: Trade) -> list:
        """One post-only buy far below the market: placed, seen open, queried, cancelled, seen gone; cancelled whatever happens."""
        symbol = market['symbol']
        trade.price, trade.amount = self._far_buy(market, trade)
        if trade.price is None:
            return []
        client_order_id = str(self.exchange.milliseconds())
        order = {'postOnly': True, 'clientOrderId': client_order_id}
        outcomes = []
        try:
            def placing():
                return self.exchange.create_order(symbol, 'limit', 'buy', trade.amount, trade.price, order)
            outcomes.append(self.ask('create', call=placing, step='place the order'))
            trade.order_id = self.exchange._placed_order_id(self.data.get('create'))
            if trade.order_id is None:   # refused, or its answer lost: if it exists, it is in the open orders under its client id
                outcomes.append(self.ask('openOrders', self._page(market), step='look for the order'))
                trade.order_id = self._listed(client_order_id, 'clientOrderId')
            trade.placed = trade.order_id is not None
            if not trade.placed:
                trade.problems.append(f'the order was not placed: {outcomes[0].note or "create named no order"}')
                return outcomes
            outcomes.append(self.ask('openOrders', self._page(market), step='see the order open'))
            trade.seen_open = self._listed(trade.order_id, 'id') is not None if outcomes[-1].check is not None else None
            outcomes.append(self.ask('queryOrder', self.exchange._order_id_request(trade.order_id), step='query the order'))
            trade.query_status = vocabulary.ORDER_STATUSES.get(self.exchange.safe_string(self.data.get('queryOrder'), 'status'))
        finally:
            if trade.order_id is not None:
                outcomes.extend(self._cancel(market, trade))
        status = trade.query_status or 'in no way the package reads'
        for wrong, problem in ((trade.seen_open is not True, 'the order was not seen in the open orders'),
                               (trade.query_status != 'open', f'queryOrder gave its status as {status}'),
                               (not trade.cancelled, 'the cancel was not confirmed'),
                               (trade.gone is not True, 'the order was not seen gone from the open orders')):
            if wrong:
                trade.problems.append(problem)
        return outcomes

    def _cancel(self, market, trade: Trade) -> list:
        cancelling = self.ask('cancelEntrust', step='cancel the order',
                              call=lambda: self.exchange.cancel_order(trade.order_id, market['symbol']))
        trade.cancelled = cancelling.result == HELD and cancelling.error is None
        listing = self.ask('openOrders', self._page(market), step='see the order gone')
        trade.gone = self._listed(trade.order_id, 'id') is None if listing.check is not None else None
        return [cancelling, listing]

    def _listed(self, value, key):
        """The id of the order in the last open-order answer whose ``key`` is ``value``, or None."""
        for record in vocabulary.records(self.data.get('openOrders')):
            if isinstance(record, dict) and self.exchange.safe_string(record, key) == value:
                return self.exchange.safe_string(record, 'id')
        return None

    def _far_buy(self, market, trade: Trade):
        """(price, amount) of a buy that cannot fill: half the best bid (else the mark, else the last trade) rounded down to the
        tick, of the pair's minimum amount; (None, None) with the reason in ``trade.problems`` where there is none."""
        tick, step = market['precision']['price'], market['precision']['amount']
        if tick is None or step is None:
            trade.problems.append("the pair list gives the pair no decimals: create_order would refuse the order, so none was placed")
            return None, None
        book = self.data.get('depth')
        bids = self.exchange._book_levels(book if isinstance(book, dict) else {}, 'bids')
        trades = [self.exchange._decimal(item, 'price') for item in vocabulary.records(self.data.get('trades')) if isinstance(item, dict)]
        references = (bids[0][0] if bids else None, self.exchange._decimal(self.data, 'markPrice'), *trades)
        reference = next((price for price in references if price is not None), None)
        if reference is None:
            trade.problems.append('neither the book, the mark price nor the trades give a price to stay far from: no order was placed')
            return None, None
        tick = Decimal(self.exchange.number_to_string(tick))
        price = (Decimal(reference) / 2 / tick).to_integral_value(rounding=ROUND_FLOOR) * tick
        if price <= 0:
            trade.problems.append(f'half of {reference} rounds to 0 at a tick of {tick}: no order was placed')
            return None, None
        minimum = market['limits']['amount']['min'] or step
        amount = max(Decimal(self.exchange.number_to_string(minimum)), Decimal(self.exchange.number_to_string(step)))
        return format(price.normalize(), 'f'), self.exchange.amount_to_precision(market['symbol'], format(amount.normalize(), 'f'))
