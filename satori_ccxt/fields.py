"""How the unified methods read Satori's answers and page through its lists (a mixin of the three method mixins).

Values are read through ccxt's ``safe_*`` accessors and checked with
``decimals.decimal``, so junk reads as missing rather than crashing a parser.
Numbers and ids may come as JSON numbers or as strings (captured on Satori
and on a later deployment, docs/evidence.md); the accessors read both.
"""

import calendar
import re

from .arguments import positive_int
from .decimals import decimal
from .describe import MAX_PAGE_SIZE
from .errors import EndpointNotFound
from .flow import call
from .vocabulary import records

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


class VenueFields:
    """How the mixins read Satori's answers (through ccxt's ``safe_*`` accessors, junk reading as missing) and page through its lists."""

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

    def _created(self, item):
        """When an order, fill or position was created: ``createTimeStamp``, else ``createTime`` read as UTC.

        Captured on Satori: open orders and positions carry ``createTimeStamp: null``
        and the time only in ``createTime``; fills carry both.
        """
        return self._timestamp(item, 'createTimeStamp') or utc_ms(self.safe_string(item, 'createTime'))

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

    _unserved_endpoints = None  # endpoints this instance learned that the venue does not serve

    def _served(self, endpoint, request):
        """The answer of an endpoint seen only on a later deployment, or None where this venue does not serve it.

        The first 404 for ``endpoint`` is remembered for the life of the
        instance, so a fallback costs that one request once, not one per call.
        """
        if self._unserved_endpoints is not None and endpoint in self._unserved_endpoints:
            return None
        try:
            return (yield call(endpoint, request))
        except EndpointNotFound:
            if self._unserved_endpoints is None:
                self._unserved_endpoints = set()
            self._unserved_endpoints.add(endpoint)
            return None

    def _records(self, response) -> list:
        """The items of a list endpoint's answer (see ``records``), keeping only objects."""
        return [item for item in records(self.safe_value(response, 'data')) if isinstance(item, dict)]

    def _page_size(self, limit, params):
        """(records per request, ``params`` less ``pageSize``): ``params['pageSize']``, else ``options['pageSize']``; at most ``limit``."""
        size = positive_int(self.safe_value(params, 'pageSize', self.options.get('pageSize')), 'pageSize', MAX_PAGE_SIZE)
        if limit is not None:
            size = min(size, positive_int(limit, 'limit'))
        return size, self.omit(params, 'pageSize')

    def _pages(self, endpoint, request, page_size, enough=None, cursor=None):
        """Every record of a paged list endpoint, newest first as Satori lists them.

        Asks page after page (``pageNo`` 1, 2, ...) until a page comes back
        short, the reported ``total`` is reached, a page holds nothing new (a
        server that ignores ``pageNo`` cannot loop it forever), or
        ``enough(records)``. With ``cursor`` (``'matchId'``) each further
        request asks for page 1 of the records before the smallest id seen.
        """
        collected, seen = [], set()
        paging = {'pageNo': 1, 'pageSize': page_size}
        while True:
            response = yield call(endpoint, self.extend(request, paging))
            page = self._records(response)
            fresh = []
            for record in page:
                key = self.safe_string(record, 'id') or repr(sorted(record.items()))
                if key not in seen:
                    seen.add(key)
                    fresh.append(record)
            collected.extend(fresh)
            if len(page) < page_size or not fresh or (enough is not None and enough(collected)):
                return collected
            if cursor is None:
                total = self.safe_integer(self.safe_dict(response, 'data'), 'total')
                if total is not None and len(collected) >= total:
                    return collected
                paging = {'pageNo': paging['pageNo'] + 1, 'pageSize': page_size}
            else:
                ids = [self.safe_integer(record, 'id') for record in fresh]
                ids = [record_id for record_id in ids if record_id is not None and record_id > 0]
                if not ids:
                    return collected
                paging = {cursor: min(ids), 'pageNo': 1, 'pageSize': page_size}
