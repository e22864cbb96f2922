"""Helpers for the simulator's own tests (no tests here).

They talk to the simulator over real HTTP the way Satori's docs say a client
must, signing with eth-account directly and never through ``satori_ccxt``,
so the simulator's verifier is checked independently of the client's signer.
"""

import json

import requests
from eth_account import Account
from eth_account.messages import encode_defunct

from . import paths
from .docs_vectors import DOCS_API_KEY, DOCS_SECRET


def personal_sign(secret: str, text: str) -> str:
    signed = Account.sign_message(encode_defunct(text=text), private_key=secret)
    return '0x' + bytes(signed.signature).hex()


def canonical_query(params: dict) -> str:
    """Sorted ``k=v`` joined with ``&``, booleans ``True``/``False``, nothing encoded: what Satori signs."""
    def text(value):
        if isinstance(value, bool):
            return 'True' if value else 'False'
        return str(value)
    return '&'.join(f'{key}={text(params[key])}' for key in sorted(params))


class SatoriWire:
    """A minimal Satori client for one account of a running simulator."""

    def __init__(self, sim, api_key, secret):
        self.sim = sim
        self.api_key = api_key
        self.secret = secret
        self.session = requests.Session()

    @classmethod
    def docs(cls, sim) -> 'SatoriWire':
        return cls(sim, DOCS_API_KEY, DOCS_SECRET)

    def headers(self, signature, content_type='text/plain') -> dict:
        return {'APIKEY': self.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': signature, 'Content-Type': content_type}

    def post_raw(self, path, query='', signature=None, headers=None, body='') -> requests.Response:
        """POSTs ``query`` exactly as given (requests leaves a pre-built query string alone), signed over it unless told otherwise."""
        sent = self.headers(personal_sign(self.secret, query) if signature is None else signature)
        sent.update(headers or {})
        sent = {key: value for key, value in sent.items() if value is not None}
        return self.session.post(self.sim.url + path + ('?' + query if query else ''), headers=sent, data=body, timeout=10)

    def post(self, path, timestamp=None, **params) -> dict:
        """Signs and sends ``params`` the documented way; returns the decoded envelope."""
        params['timestamp'] = self.sim.now_ms() if timestamp is None else timestamp
        return self.post_raw(path, canonical_query(params)).json()

    def post_json(self, path, document: dict, timestamp=None) -> dict:
        document = dict(document, timestamp=str(self.sim.now_ms() if timestamp is None else timestamp))
        body = json.dumps(document, separators=(',', ':'), sort_keys=True)
        return self.session.post(self.sim.url + path, data=body.encode(), timeout=10,
                                 headers=self.headers(personal_sign(self.secret, body), 'application/json')).json()

    def get(self, path, **params) -> dict:
        query = canonical_query(params)
        return self.session.get(self.sim.url + path + ('?' + query if query else ''), timeout=10).json()

    # ----- the endpoints the tests use most ---------------------------------------------

    def create(self, pair='ETH-USD', is_long=True, price='3000', quantity='0.1', lever=10, is_market=False, match_type=1,
               position_type=3, client_order_id='c1') -> dict:
        return self.post(paths.CREATE, clientOrderId=client_order_id, isLong=is_long, isMarket=is_market,
                         lever=lever, matchType=match_type, pairName=pair, positionType=position_type, price=price, quantity=quantity)

    def cancel(self, order_id) -> dict:
        return self.post(paths.CANCEL, entrustId=order_id)

    def batch_cancel(self, order_ids) -> dict:
        return self.post(paths.BATCH_CANCEL, entrustIds=','.join(str(i) for i in order_ids))

    def balance(self) -> dict:
        return self.post(paths.BALANCE, symbol='USD')['data']

    def positions(self, pair='ETH-USD') -> list:
        return self.post(paths.POSITIONS, pairName=pair)['data']

    def query_order(self, order_id) -> dict:
        return self.post(paths.QUERY_ORDER, entrustId=order_id)


def ok(envelope):
    """The ``data`` of a successful envelope (with the envelope in the assertion message otherwise).

    ``code`` is 200, or the string "200" where Satori was captured sending it so (queryOrder).
    """
    assert envelope['error'] is False and envelope['code'] in (200, '200') and envelope['msg'] == 'SUCCESS', envelope
    assert isinstance(envelope['sid'], str) and envelope['sid'].isdigit(), envelope
    return envelope['data']


def error(envelope, code, msg=None):
    assert envelope['error'] is True and envelope['code'] == code and envelope['data'] is None, envelope
    if msg is not None:
        assert envelope['msg'] == msg, envelope
    return envelope
