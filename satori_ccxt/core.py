"""ccxt's hooks for Satori, shared by the sync and async classes: ``describe()``, ``sign()``, ``fetch()`` (redirects), ``handle_errors()``.

The unified methods live in the mixins (``market_data.py``, ``orders.py``,
``account.py``, on the translation edge they share, ``translate.py``, and its
base, ``base.py``) as ``@unified`` flows (see ``flow.py``) that yield the I/O
they need, so each is written once and the two front-ends only move requests
and responses.
"""

from typing import Any

from ccxt.base.errors import AuthenticationError, BadResponse, ExchangeError, ExchangeNotAvailable

from . import encoding, redirects, vocabulary
from .account import AccountMethods
from .describe import DESCRIPTION, JSON_BODY_PATHS
from .errors import CODES, SameOriginRedirect, UnexpectedRedirect, shown
from .flow import Flow, call, unified
from .market_data import MarketDataMethods
from .orders import OrderMethods
from .signing import warm_up


class SatoriCore(MarketDataMethods, OrderMethods, AccountMethods):
    def describe(self):
        return self.deep_extend(super().describe(), DESCRIPTION)

    def after_construct(self, userConfig={}):
        super().after_construct(userConfig)
        # The first keccak loads eth-hash's backend (about 25 ms): paid while constructing, not inside a signed request.
        warm_up()

    def __getstate__(self):
        """A pickle of the exchange leaves out the cached signer; ccxt's pickle still holds ``secret`` (see the README)."""
        state = dict(self.__dict__)
        state.pop('_secret_signer_cache', None)
        return state

    # ----- HTTP: no session follows a redirect (redirects.py) -------------------------

    @property
    def session(self):
        return self.__dict__.get('_session_without_redirects')

    @session.setter
    def session(self, value):
        # ccxt's own session and one the caller passes alike: both classes assign ``session``, which wraps it.
        self.__dict__['_session_without_redirects'] = redirects.NoRedirects.around(value)

    @unified
    def fetch(self, url: str, method: str = 'GET', headers: dict | None = None, body: str | bytes | None = None) -> Flow[Any]:
        """ccxt's ``fetch`` (``_fetch_without_following``), following a public GET's redirects to the same origin, at most a few."""
        for _ in range(redirects.MAX_HOPS + 1):
            try:
                return (yield call('_fetch_without_following', url, method, headers, body))
            except SameOriginRedirect as redirect:
                url = redirect.location
        raise UnexpectedRedirect(f'{self.id} {method} {url.partition("?")[0]}: more than {redirects.MAX_HOPS} redirects, '
                                 'not followed further')

    def parse_json(self, http_response):
        try:
            return super().parse_json(http_response)
        except RecursionError:  # nested deeper than the interpreter allows: not a Satori envelope either
            return None

    # ----- credentials and signing -------------------------------------------------

    def check_required_credentials(self, error=True):
        try:
            self.signer()
        except AuthenticationError:
            if error:
                raise
            return False
        return True

    def sign(self, path, api='public', method='GET', params={}, headers=None, body=None):
        section = api[0] if isinstance(api, list) else api
        url = self.urls['api'][section].rstrip('/') + '/' + path
        if section == 'public':
            query = encoding.canonical_query(params)
            return {'url': url + '?' + query if query else url, 'method': method, 'body': None, 'headers': None}
        signer = self.signer()
        signed = dict(params)
        signed['timestamp'] = str(int(self.milliseconds() - self._clock_offset()))
        if path in JSON_BODY_PATHS:
            body = payload = encoding.json_body(signed)
            content_type = 'application/json'
        else:
            payload = encoding.canonical_query(signed)
            url += '?' + payload
            body = None
            content_type = 'text/plain'
        headers = {
            'APIKEY': self.apiKey,
            'X-SAPI-SIGN-TYPE': '2',
            'signature': signer.sign(payload),
            'Content-Type': content_type,
        }
        return {'url': url, 'method': method, 'body': body, 'headers': headers}

    # ----- errors --------------------------------------------------------------------

    def handle_errors(self, code, reason, url, method, headers, body, response, request_headers, request_body):
        """Lets through only a well-formed success envelope on HTTP 2xx; everything else raises a ccxt exception.

        The body code decides whatever the HTTP status; an answer that is no
        envelope is classed by its status; a 3xx is never followed here (see ``_redirect``).
        """
        signed = 'signature' in (request_headers or {})
        # A signed request's query holds its signature: messages name the path alone.
        where = f'{self.id} {method} {url.partition("?")[0] if signed else url} HTTP {code} {reason}'
        if isinstance(code, int) and 300 <= code < 400:
            raise self._redirect(code, url, method, headers, signed, where)
        body_code = vocabulary.envelope_code(response)
        if body_code is None:
            raise self._http_error_class(code)(f'{where}: the body is not a Satori envelope: {str(body)[:200]!r}')
        if body_code == '200':
            if not vocabulary.is_success(response):
                raise BadResponse(f'{where}: a contradictory envelope, code 200 with error {shown(response.get("error"))}')
            if isinstance(code, int) and 200 <= code < 300:
                return None
            raise self._http_error_class(code)(f'{where} with a success envelope: whether it was done is unknown')
        msg = self.safe_string(response, 'msg', '')[:500]
        message = f'{self.id} {body_code[:20]} {msg}'
        explanation = CODES[body_code].explanation if body_code in CODES else None
        if explanation is not None:
            message += f' ({explanation})'
        error_class = self.exceptions['exact'].get(body_code)
        if error_class is None:
            broad_key = self.find_broadly_matched_key(self.exceptions['broad'], msg)
            error_class = self.exceptions['broad'][broad_key] if broad_key is not None else None
        if error_class is None:
            # An unknown body code: on an HTTP error the status says more.
            error_class = self.httpExceptions.get(str(code), ExchangeError)
        error = error_class(message)
        error.response = response  # the decoded envelope, for callers that need the code
        raise error

    def _http_error_class(self, code):
        """The exception for an HTTP status whose body says nothing usable."""
        if not isinstance(code, int):
            return BadResponse
        if 500 <= code < 600:
            return ExchangeNotAvailable
        if 400 <= code < 500:
            return self.httpExceptions.get(str(code), ExchangeError)
        return BadResponse  # 2xx without an envelope, or a status HTTP does not define

    def _redirect(self, code, url, method, headers, signed, where):
        """The error for a 3xx answer, or SameOriginRedirect for a public GET that ``fetch`` may follow."""
        destination = redirects.target(url, headers)
        if destination is None:
            return UnexpectedRedirect(f'{where}: a redirect without a usable Location, not followed')
        here, there = redirects.origin(url), redirects.origin(destination)
        if there != here:
            scheme, host, port = there
            sent = 'the signed request was not sent there' if signed else 'not followed'
            return UnexpectedRedirect(f'{where}: security event: a redirect to another host, {scheme}://{host[:100]}:{port} ({sent})')
        if signed or method != 'GET':
            return UnexpectedRedirect(f'{where}: a signed request never follows a redirect')
        return SameOriginRedirect(f'{where}: a redirect within {here[1]}', destination)
