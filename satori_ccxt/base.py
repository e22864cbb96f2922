"""What the method mixins share: credentials and the clock, Satori's answers and lists, the leverage and margin mode of orders.

``market_data.py``, ``orders.py`` and ``account.py`` each depend on this base
(through ``translate.SatoriEdge``, which adds Satori's field names) and on ccxt
only, never on one another's helpers; ``core.py`` joins them and holds ccxt's
hooks (``describe``, ``sign``, ``handle_errors``). The helpers that yield
(``_prepare_private``, ``_served``, ``_gathered`` here, ``_pages`` and
``_position_records`` in the edge) are flow steps: a flow calls them with ``yield from``.
"""

import calendar
import re

from ccxt.base.errors import AuthenticationError, BadRequest

from . import arguments
from .decimals import decimal
from .describe import MAX_PAGE_SIZE
from .errors import EndpointNotFound, shown
from .flow import call, gather
from .signing import EIP191Signer, Secret
from .vocabulary import POSITION_TYPES, records

_API_KEY = re.compile(r'[\x21-\x7e]+')  # printable ASCII, nothing a header could not carry

# Satori's two ways of writing a UTC time as text (docs/evidence.md, times):
# ``createTime`` "2024-09-09 07:41:34" (captured on Satori) and ``fundingRateTime`` "20240924070000" (captured on Satori).
DATE_TIME = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})')
COMPACT_DATE_TIME = re.compile(r'([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})')


def utc_ms(text, layout=DATE_TIME):
    """The ms timestamp of ``text`` written in ``layout`` as a UTC time, or None if it is not one."""
    match = layout.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    if not (1970 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
            and hour < 24 and minute < 60 and second < 60):
        return None
    return calendar.timegm((year, month, day, hour, minute, second)) * 1000


class SatoriBase:
    """The base of the method mixins (see the module's docstring); ccxt's ``Exchange`` comes in with the two classes."""

    # (sha256 of the secret, walletAddress, EIP191Signer): the key itself is kept only in ccxt's ``secret`` attribute.
    _secret_signer_cache = None
    _time_difference_loaded = False
    _unserved_endpoints = None  # endpoints this instance learned that the venue does not serve

    # ----- credentials and the clock ---------------------------------------------------------

    def signer(self) -> EIP191Signer:
        """The signer for the configured key; AuthenticationError (never quoting the key) if it is unusable."""
        if not isinstance(self.apiKey, str) or _API_KEY.fullmatch(self.apiKey) is None:
            raise AuthenticationError(f'{self.id} requires the "apiKey" credential (the st_... API key)')
        # No local variable of this frame holds the key itself: a traceback printed with its locals shows Secret(***).
        secret = Secret(self.secret or self.privateKey)
        if not secret.reveal():
            raise AuthenticationError(f'{self.id} requires the "secret" credential (the API wallet private key)')
        fingerprint = secret.fingerprint()
        cached = self._secret_signer_cache
        if cached is not None and fingerprint is not None and cached[0] == fingerprint and cached[1] == self.walletAddress:
            return cached[2]
        signer = EIP191Signer(secret)
        wallet = self.walletAddress
        if wallet and (not isinstance(wallet, str) or wallet.lower() != signer.address.lower()):
            raise AuthenticationError(f'{self.id} walletAddress does not match the address of the configured secret ({signer.address})')
        self._secret_signer_cache = (fingerprint, wallet, signer)
        return signer

    def _clock_offset(self):
        return arguments.clock_offset(self.options.get('timeDifference'), 'options["timeDifference"]')

    def _prepare_private(self):
        """Checks credentials and the clock options before anything is sent, and fetches the clock offset once if asked to."""
        self.signer()
        self._clock_offset()
        adjust = arguments.flag(self.options.get('adjustForTimeDifference', False), 'options["adjustForTimeDifference"]')
        if adjust and not self._time_difference_loaded:
            yield call('load_time_difference')
            self._time_difference_loaded = True

    def _positive_option(self, name) -> int:
        value = self.options.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise BadRequest(f'{self.id} options["{name}"] must be a positive int, got {shown(value)}')
        return value

    # ----- reading Satori's answers (through ccxt's ``safe_*`` accessors: junk reads as missing) -----

    def _decimal(self, item, key):
        """The field as a decimal string that ccxt may do arithmetic on, or None."""
        return decimal(self.safe_string(item, key))

    def _number(self, item, key):
        return self.parse_number(self._decimal(item, key))

    def _timestamp(self, item, key):
        """A ms timestamp field, as a JSON number or a string of digits; None if it is neither or implausible."""
        if isinstance(self.safe_value(item, key), bool):
            return None
        value = self.safe_integer(item, key)
        return value if value is not None and 0 < value < 10 ** 14 else None

    def _pair_market(self, pair_name, market=None):
        """The market an answer names by its pair (``ETH-USD``).

        A loaded market; else ``market`` when the answer names no pair; else,
        for a pair the pair list does not show (a delisted one, say), a linear
        swap made from the name and settled in its quote, so that its orders
        and positions still read as ``BASE/QUOTE:QUOTE``.
        """
        parts = pair_name.split('-') if isinstance(pair_name, str) else []
        if (self.markets_by_id is not None and pair_name in self.markets_by_id) or len(parts) != 2 or not all(parts):
            return self.safe_market(pair_name, market)
        base, quote = (self.safe_currency_code(part) for part in parts)
        return self.safe_market_structure({
            'id': pair_name, 'symbol': f'{base}/{quote}:{quote}', 'base': base, 'quote': quote, 'settle': quote,
            'baseId': parts[0], 'quoteId': parts[1], 'settleId': parts[1], 'type': 'swap', 'swap': True, 'contract': True,
            'linear': True, 'inverse': False, 'spot': False, 'margin': False, 'future': False, 'option': False,
        })

    def _records(self, response) -> list:
        """The items of a list endpoint's answer (see ``records``), keeping only objects."""
        return [item for item in records(self.safe_value(response, 'data')) if isinstance(item, dict)]

    # ----- endpoints served only by some deployments, and paged lists ------------------------

    def _served(self, endpoint, request):
        """The answer of an endpoint seen only on a later deployment, or None where this venue does not serve it.

        The first 404 for ``endpoint`` is remembered for the life of the
        instance, so a fallback costs that one request once, not one per call.
        """
        if not self._is_served(endpoint):
            return None
        try:
            return (yield call(endpoint, request))
        except EndpointNotFound:
            self._unserved(endpoint)
            return None

    def _gathered(self, calls, served=()):
        """The results of reads that do not depend on one another, in order, made at most ``options['fetchConcurrency']`` at once.

        The first failure in the order of ``calls`` is raised, as if they had
        been made one after another (the later ones were read for nothing). A
        404 from an endpoint in ``served`` reads as None and is remembered as
        ``_served`` does: several markets may learn it at once, which is the same lesson.
        """
        outcomes = yield gather(calls, self._positive_option('fetchConcurrency'))
        results = []
        for gathered, outcome in zip(calls, outcomes, strict=True):
            if isinstance(outcome, EndpointNotFound) and gathered.method in served:
                self._unserved(gathered.method)
                outcome = None
            elif isinstance(outcome, BaseException):
                raise outcome
            results.append(outcome)
        return results

    def _is_served(self, endpoint) -> bool:
        """False once this instance has learned that the venue does not serve ``endpoint``."""
        return self._unserved_endpoints is None or endpoint not in self._unserved_endpoints

    def _unserved(self, endpoint):
        if self._unserved_endpoints is None:
            self._unserved_endpoints = set()
        self._unserved_endpoints.add(endpoint)

    def _page_size(self, limit, params):
        """(records per request, ``params`` less ``pageSize``): ``params['pageSize']``, else ``options['pageSize']``; at most ``limit``."""
        size = arguments.positive_int(self.safe_value(params, 'pageSize', self.options.get('pageSize')), 'pageSize', MAX_PAGE_SIZE)
        if limit is not None:
            size = min(size, arguments.positive_int(limit, 'limit'))
        return size, self.omit(params, 'pageSize')

    # ----- what every order carries ----------------------------------------------------------

    def _order_leverage(self, market, leverage=None) -> int:
        """The ``lever`` of an order on ``market``: ``leverage``, else the remembered one, else the default; within the market's bounds."""
        if leverage is None:
            remembered = self.safe_dict(self.options, 'leverages', {})
            leverage = self.safe_value(remembered, market['symbol'], self.options.get('defaultLeverage'))
        lever = arguments.positive_int(leverage, 'leverage')
        bounds = market['limits']['leverage']
        low, high = self.safe_integer(bounds, 'min'), self.safe_integer(bounds, 'max')
        if (low is not None and lever < low) or (high is not None and lever > high):
            raise BadRequest(f'{self.id} leverage {lever} is outside {low}..{high} on {market["symbol"]}')
        return lever

    def _order_margin_mode(self, market, margin_mode=None) -> str:
        """The margin mode of an order on ``market``: ``margin_mode``, else the remembered one, else the default."""
        if margin_mode is None:
            remembered = self.safe_dict(self.options, 'marginModes', {})
            margin_mode = self.safe_value(remembered, market['symbol'], self.options.get('defaultMarginMode'))
        return self._checked_margin_mode(margin_mode)

    def _checked_margin_mode(self, margin_mode) -> str:
        if not isinstance(margin_mode, str) or margin_mode not in POSITION_TYPES:
            raise BadRequest(f'{self.id} marginMode must be one of {", ".join(POSITION_TYPES)}, got {shown(margin_mode)}')
        return margin_mode
