"""The simulator's HTTP side: routing, the request log, faults, authentication, and the admin routes.

Satori's routes verify what was sent byte for byte: the query string is
read from the raw request line (aiohttp's ``request.query`` is decoded),
the JSON body as the raw text.
"""

import asyncio
import ipaddress
import json
import logging
from dataclasses import asdict, dataclass

from aiohttp import web

from .codes import SatoriError, illegal, required
from .endpoints import Call
from .faults import DROP, RawReply
from .protocol import Params, check_timestamp, parse_json_body, parse_public_query, parse_signed_query, recovered_address
from .streams import PATH as STREAM_PATH

ADMIN_PREFIX = '/__sim/'
_log = logging.getLogger(__name__)
FIRST_SID = 1_809_000_000_000_000_000  # Satori's sids are 19-digit numeric strings


@dataclass
class RequestRecord:
    method: str
    path: str
    query: str        # the raw query string, exactly as on the request line
    headers: dict
    body: str
    status: int = None   # HTTP status answered; None when the connection was dropped
    code: int = None     # the envelope's code, when the answer was one


class SatoriApp:
    """The aiohttp application of one ``Simulator`` (``owner``), which holds the state it serves."""

    def __init__(self, owner):
        self.owner = owner
        self.app = web.Application(client_max_size=1 << 20)
        self.app.router.add_get(STREAM_PATH, owner.streams.handle)   # before the catch-all below
        self.app.router.add_route('*', '/{tail:.*}', self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path, _, query = request.raw_path.partition('?')
        body = await request.read()
        if path.startswith(ADMIN_PREFIX):
            return self.admin(request, path, body)
        record = RequestRecord(request.method, path, query, dict(request.headers), body.decode('utf-8', 'replace'))
        self.owner.log_request(record)
        latency, fault = self.owner.faults.take(path)
        if latency is not None:
            await asyncio.sleep(latency.options['seconds'])
        if fault is None or fault.processed:
            status, reply = self.answer(request.method, path, query, request.headers, body)
        if fault is not None:
            reply = fault.reply()
            if reply is DROP:
                request.transport.abort()
                raise asyncio.CancelledError  # aiohttp's way out of a handler whose client is gone
            status = reply.status
        record.status = status
        if isinstance(reply, RawReply):
            return web.Response(status=reply.status, text=reply.text, content_type=reply.content_type, headers=reply.headers)
        if isinstance(reply, SatoriError):
            reply = self.error_envelope(reply)
        record.code = reply['code']
        return web.Response(status=status, text=json.dumps(reply), content_type='application/json')

    def answer(self, method, path, query, headers, body: bytes) -> tuple:
        """(HTTP status, envelope) for a Satori request."""
        endpoint = self.owner.endpoints.get(path)
        try:
            if endpoint is None:
                raise SatoriError(404, status=404)
            if method != endpoint.method:
                raise SatoriError(405, status=405)
            call = Call(self.owner.engine, Params({}), batch_failure_signal=self.owner.batch_failure_signal)
            if endpoint.signed:
                self.authenticate(call, endpoint, query, headers, body)
            else:
                call.params = Params(parse_public_query(query))
                call.params.refuse_unknown(endpoint.params)
            with self.owner.engine.session(self.owner.now_ms()):
                data = endpoint.handler(call)
        except SatoriError as error:
            return error.status, self.error_envelope(error)
        except Exception as error:  # a simulator bug: answered as Satori's system error, and logged with its traceback
            _log.exception('simulator failed on %s %s?%s', method, path, query)
            return 200, self.error_envelope(SatoriError(1001, type(error).__name__))
        return 200, {'error': False, 'code': endpoint.code, 'msg': 'SUCCESS', 'data': data, 'sid': self.owner.next_sid()}

    def error_envelope(self, error: SatoriError) -> dict:
        return {'error': True, 'code': error.code, 'msg': error.msg, 'data': None, 'sid': self.owner.next_sid()}

    def authenticate(self, call: Call, endpoint, query: str, headers, body: bytes) -> None:
        """Checks a signed request in Satori's order and fills ``call`` with its account and parameters."""
        account = self.owner.engine.accounts.get(headers.get('APIKEY'))
        if account is None:
            raise SatoriError(401, status=401)
        if headers.get('X-SAPI-SIGN-TYPE') != '2':
            raise illegal('X-SAPI-SIGN-TYPE')
        signature = headers.get('signature')
        if not signature:
            raise required('signature')
        if endpoint.json_body:
            if query:
                raise illegal(query.partition('=')[0] or 'query')
            if headers.get('Content-Type', '').partition(';')[0].strip().lower() != 'application/json':
                raise illegal('Content-Type')
            try:
                signed = body.decode('utf-8')
            except UnicodeDecodeError:
                raise illegal('body') from None
            values = parse_json_body(signed)
        else:
            if body:
                raise illegal('body')
            signed = query
            values = parse_signed_query(query)
        address = recovered_address(signed, signature)
        if address is None or address.lower() != account.wallet_address.lower():
            raise SatoriError(4001)
        check_timestamp(values.pop('timestamp', None), self.owner.now_ms(), self.owner.timestamp_window_ms)
        call.account = account
        if endpoint.json_body:
            for key in values:
                if key not in endpoint.params:
                    raise illegal(key)
            call.document = values
        else:
            call.params = Params(values)
            call.params.refuse_unknown(endpoint.params)

    # ----- admin routes (unsigned, loopback only) -------------------------------------------

    def admin(self, request: web.Request, path: str, body: bytes) -> web.Response:
        if not ipaddress.ip_address(request.remote or '0.0.0.0').is_loopback:
            return web.json_response({'error': 'admin routes answer loopback clients only'}, status=403)
        route = (request.method, path[len(ADMIN_PREFIX):].rstrip('/'))
        try:
            document = json.loads(body) if body else {}
            if not isinstance(document, dict):
                raise ValueError('the body must be a JSON object')
            return web.json_response(self.admin_action(route, document))
        except (ValueError, TypeError, KeyError) as error:
            return web.json_response({'error': str(error)}, status=400)
        except LookupError as error:
            return web.json_response({'error': str(error)}, status=404)

    def admin_action(self, route: tuple, document: dict):
        owner = self.owner
        method, name = route
        if route == ('GET', 'state'):
            return owner.state()
        if route == ('POST', 'faults'):
            fault = owner.faults.add(**document)
            return {'fault': fault.describe()}
        if route == ('DELETE', 'faults'):
            owner.clear_faults()
            return {'faults': []}
        if route == ('POST', 'time'):
            if 'advanceMs' in document:
                return {'now': owner.advance_time(document['advanceMs'])}
            owner.set_time(document['ms'])
            return {'now': owner.now_ms(), 'frozen': document['ms'] is not None}
        if route == ('GET', 'requests'):
            return [asdict(record) for record in owner.requests]
        if route == ('DELETE', 'requests'):
            owner.clear_requests()
            return []
        if route == ('POST', 'accounts'):
            return owner.create_account(**document).as_dict()
        if route == ('POST', 'orders'):
            api_key = document.pop('apiKey', owner.api_key)
            return {'orderId': owner.place_order(api_key, **document)}
        parts = name.split('/')
        if method == 'POST' and len(parts) == 3 and parts[0] == 'orders' and parts[1].isdigit():
            order_id, action = int(parts[1]), parts[2]
            actions = {'fill': owner.fill, 'cancel': owner.cancel_behind_back, 'expire': owner.expire, 'refuse-cancel': owner.refuse_cancel}
            if action not in actions:
                raise LookupError(f'no order action {action!r}; one of {", ".join(actions)}')
            actions[action](order_id)
            return {'orderId': order_id, 'status': owner.order_status(order_id)}
        raise LookupError(f'no admin route {method} {ADMIN_PREFIX}{name}')
