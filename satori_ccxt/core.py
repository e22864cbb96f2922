"""Everything about the Satori exchange that does no I/O, shared by the sync and async classes.

This file holds ccxt's hooks: credentials, ``sign()`` and ``handle_errors()``.
The unified methods live in the mixins (``market_data.py``, ``orders.py``, ``account.py``)
as ``@unified`` flows (see ``flow.py``) that yield the I/O they need, so each
is written once and the two front-ends only move requests and responses.
"""

import re

from ccxt.base.errors import AuthenticationError, BadResponse, ExchangeError, ExchangeNotAvailable

from . import wire
from .account import AccountMethods
from .describe import DESCRIPTION
from .errors import EXPLANATIONS
from .flow import call
from .market_data import MarketDataMethods
from .orders import OrderMethods
from .signing import EIP191Signer

_API_KEY = re.compile(r'[\x21-\x7e]+')  # printable ASCII, nothing a header could not carry


class SatoriCore(MarketDataMethods, OrderMethods, AccountMethods):
    _signer_cache = None            # (secret, walletAddress, EIP191Signer)
    _time_difference_loaded = False

    def describe(self):
        return self.deep_extend(super().describe(), DESCRIPTION)

    # ----- credentials and signing -------------------------------------------------

    def signer(self) -> EIP191Signer:
        """The signer for the configured key; AuthenticationError (never quoting the key) if it is unusable."""
        if not isinstance(self.apiKey, str) or _API_KEY.fullmatch(self.apiKey) is None:
            raise AuthenticationError(f'{self.id} requires the "apiKey" credential (the st_... API key)')
        secret = self.secret or self.privateKey
        if not secret:
            raise AuthenticationError(f'{self.id} requires the "secret" credential (the API wallet private key)')
        cached = self._signer_cache
        if cached is not None and cached[0] == secret and cached[1] == self.walletAddress:
            return cached[2]
        signer = EIP191Signer(secret)
        wallet = self.walletAddress
        if wallet and (not isinstance(wallet, str) or wallet.lower() != signer.address.lower()):
            raise AuthenticationError(f'{self.id} walletAddress does not match the address of the configured secret ({signer.address})')
        self._signer_cache = (secret, wallet, signer)
        return signer

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
            query = wire.canonical_query(params)
            return {'url': url + '?' + query if query else url, 'method': method, 'body': None, 'headers': None}
        signer = self.signer()
        signed = dict(params)
        signed['timestamp'] = str(int(self.milliseconds() - self.options['timeDifference']))
        if path in wire.JSON_BODY_PATHS:
            body = payload = wire.json_body(signed)
            content_type = 'application/json'
        else:
            payload = wire.canonical_query(signed)
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
        body_code = wire.envelope_code(response)
        if body_code is None:
            if code is not None and code >= 500:
                raise ExchangeNotAvailable(f'{self.id} {method} {url} HTTP {code} {reason}')
            if code is not None and 200 <= code < 300:
                raise BadResponse(f'{self.id} {method} {url} HTTP {code}: the body is not a Satori envelope: {str(body)[:200]!r}')
            return None  # other HTTP errors: httpExceptions decides
        if wire.is_success(response):
            return None
        msg = self.safe_string(response, 'msg', '')
        message = f'{self.id} {body_code} {msg}'
        if body_code in EXPLANATIONS:
            message += f' ({EXPLANATIONS[body_code]})'
        error_class = self.exceptions['exact'].get(body_code)
        if error_class is None:
            broad_key = self.find_broadly_matched_key(self.exceptions['broad'], msg)
            error_class = self.exceptions['broad'][broad_key] if broad_key is not None else None
        if error_class is None:
            if code is not None and str(code) in self.httpExceptions:
                return None  # an unknown body code on an HTTP error: the HTTP status says more
            error_class = ExchangeError
        error = error_class(message)
        error.response = response  # the decoded envelope, for callers that need the code
        raise error

    # ----- shared steps of the flows ---------------------------------------------------

    def _prepare_private(self):
        """Checks credentials before anything is sent, and fetches the clock offset once if asked to."""
        self.signer()
        if self.options.get('adjustForTimeDifference') and not self._time_difference_loaded:
            yield call('load_time_difference')
            self._time_difference_loaded = True
