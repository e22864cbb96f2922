"""How the unified methods read Satori's answers and page through its lists (a mixin of the three method mixins).

Values are read through ccxt's ``safe_*`` accessors and checked with
``wire.decimal``, so junk reads as missing rather than crashing a parser.
"""

from .describe import MAX_PAGE_SIZE
from .flow import call
from .wire import decimal, positive_int, records


class VenueFields:
    """How the mixins read Satori's answers (through ccxt's ``safe_*`` accessors, junk reading as missing) and page through its lists."""

    def _decimal(self, item, key):
        """The field as a decimal string that ccxt may do arithmetic on, or None."""
        return decimal(self.safe_string(item, key))

    def _number(self, item, key):
        return self.parse_number(self._decimal(item, key))

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
