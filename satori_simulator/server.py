"""The simulator's HTTP side: routing, the request log, faults, authentication, and the admin routes.

Satori's routes verify what was sent byte for byte: the query string is
read from the raw request line (aiohttp's ``request.query`` is decoded),
the JSON body as the raw text.

Whatever arrives, the answer is a Satori envelope (admin routes: a JSON
object, with a 4xx status for bad input), never aiohttp's plain text and
never a crash. Bounds, checked before anything is parsed (the simulator's choice, after common gateway
defaults; what Satori's servers answer past them is not documented, grade: assumed):

- a request target (path and query) over ``MAX_TARGET_BYTES`` (8 KiB): 414, 2001 ``query``;
- a header line over ``MAX_HEADER_BYTES`` (8 KiB): 431, 2001 and the header's name;
- a body over ``MAX_BODY_BYTES`` (1 MiB): 413, 2001 ``body`` (the rest is not read);
- JSON nested deeper than ``protocol.MAX_JSON_DEPTH`` (32): 2001 ``body``;
- integers of more than 19 digits (beyond int64): 2001 and the parameter's name.

Beyond ``HARD_LIMITS`` (a request line or a header line over 64 KiB, more than
128 headers) and for bytes that are not HTTP at all, aiohttp's parser refuses
the request with its own 400 and closes the connection, before any of this
code runs; the simulator goes on serving.
"""

import asyncio
import ipaddress
import json
import logging
import re
from dataclasses import asdict, dataclass

from aiohttp import web

from .codes import SatoriError, illegal, required
from .endpoints import Call
from .faults import DROP, RawReply
from .protocol import Params, check_timestamp, load_json, parse_json_body, parse_public_query, parse_signed_query, recovered_address
from .streams import PATH as STREAM_PATH

ADMIN_PREFIX = '/__sim/'
_log = logging.getLogger(__name__)
FIRST_SID = 1_809_000_000_000_000_000  # Satori's sids are 19-digit numeric strings

MAX_TARGET_BYTES = 8 << 10
MAX_HEADER_BYTES = 8 << 10
MAX_BODY_BYTES = 1 << 20
# aiohttp's parser limits (RequestHandler arguments), far enough above ours that our checks answer first.
HARD_LIMITS = {'max_line_size': 64 << 10, 'max_field_size': 64 << 10}

_FAULT_FIELDS = frozenset({'kind', 'path', 'count', 'duration', 'skip', 'seconds', 'status', 'retry_after', 'detail', 'processed', 'body'})
_ORDER_FIELDS = frozenset({'apiKey', 'pair', 'side', 'price', 'quantity', 'lever', 'client_order_id'})
_ORDER_ACTION = re.compile(r'orders/([0-9]{1,19})/([a-z-]+)')


class UnknownAdminRoute(Exception):
    """An admin path or order action the simulator does not have: a JSON 404."""


@dataclass
class RequestRecord:
    method: str
    path: str
    query: str        # the raw query string, exactly as on the request line
    headers: dict
    body: str
    status: int = None   # HTTP status answered; None when the connection was dropped
    code: int = None     # the envelope's code, when the answer was one
    # When it arrived and when its answer (or the dropped connection) went back, as places in one sequence of the
    # simulator's events: which requests overlapped, told without any clock (see ``timeline.py``).
    received: int = None
    answered: int = None

    @property
    def size(self) -> int:
        """Characters of text the record holds, for the request log's bound."""
        return len(self.path) + len(self.query) + len(self.body) + sum(len(name) + len(value) for name, value in self.headers.items())


async def read_body(request: web.Request):
    """The body, or None when it is longer than ``MAX_BODY_BYTES`` (what is left is not read: aiohttp discards it)."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return None
    chunks, size = [], 0
    async for chunk in request.content.iter_any():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b''.join(chunks)


def oversized(request: web.Request, body) -> tuple:
    """(HTTP status, the part named in the answer) for a request beyond the simulator's bounds, else None."""
    if len(request.raw_path) > MAX_TARGET_BYTES:
        return 414, 'query' if '?' in request.raw_path else 'path'
    for name, value in request.raw_headers:
        if len(name) + len(value) > MAX_HEADER_BYTES:
            return 431, name.decode('latin-1')
    if body is None:
        return 413, 'body'
    return None


class SatoriApp:
    """The aiohttp application of one ``Simulator`` (``owner``), which holds the state it serves."""

    def __init__(self, owner):
        self.owner = owner
        self.app = web.Application(middlewares=[self.route_the_unroutable])
        self.app.router.add_get(STREAM_PATH, owner.streams.handle)   # before the catch-all below
        self.app.router.add_route('*', '/{tail:.*}', self.handle)
        self.admin_routes = {
            ('GET', 'state'): (frozenset(), lambda document: owner.state()),
            ('POST', 'faults'): (_FAULT_FIELDS, self.add_fault),
            ('DELETE', 'faults'): (frozenset(), self.clear_faults),
            ('POST', 'time'): (frozenset({'ms', 'advanceMs'}), self.set_time),
            ('GET', 'requests'): (frozenset(), lambda document: [asdict(record) for record in owner.requests]),
            ('DELETE', 'requests'): (frozenset(), self.clear_requests),
            ('POST', 'accounts'): (frozenset({'balance'}), lambda document: owner.create_account(**document).as_dict()),
            ('POST', 'orders'): (_ORDER_FIELDS, self.place_order),
        }

    @web.middleware
    async def route_the_unroutable(self, request: web.Request, handler) -> web.StreamResponse:
        """Targets no route can match (``OPTIONS *``) come to ``handle`` too, rather than aiohttp's plain-text 404."""
        if request.match_info.http_exception is not None:
            return await self.handle(request)
        return await handler(request)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path, _, query = request.raw_path.partition('?')
        try:
            body = await read_body(request)
        except ConnectionError:  # the client left in the middle of its body: nobody is there to answer, as with a drop
            raise asyncio.CancelledError from None
        if path.startswith(ADMIN_PREFIX):
            return self.admin(request, path, body)
        record = RequestRecord(request.method, path, query, dict(request.headers), '' if body is None else body.decode('utf-8', 'replace'),
                               received=self.owner.next_event())
        self.owner.log_request(record)
        try:
            return await self.serve(request, record, body)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a simulator bug: answered as Satori's system error, and logged with its traceback
            _log.exception('simulator failed on %s %s?%s', request.method, path, query[:200])
            return self.respond(record, 200, SatoriError(1001, type(error).__name__))

    async def serve(self, request: web.Request, record: RequestRecord, body) -> web.Response:
        exceeded = oversized(request, body)
        if exceeded is not None:
            status, part = exceeded
            return self.respond(record, status, SatoriError(2001, part, status=status))
        latency, fault = self.owner.faults.take(record.path)
        if latency is not None:
            await asyncio.sleep(latency.options['seconds'])
        if fault is None or fault.processed:
            status, reply = self.answer(request.method, record.path, record.query, request.headers, body)
        if fault is not None:
            reply = fault.reply()
            if reply is DROP:
                record.answered = self.owner.next_event()
                request.transport.abort()
                raise asyncio.CancelledError  # aiohttp's way out of a handler whose client is gone
            status = reply.status
        return self.respond(record, status, reply)

    def respond(self, record: RequestRecord, status: int, reply) -> web.Response:
        """The HTTP answer for ``reply`` (an envelope, a ``SatoriError`` or a ``RawReply``), noted in ``record``."""
        record.status = status
        record.answered = self.owner.next_event()   # before the answer goes out: whatever the client sends next comes after it
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

    def admin(self, request: web.Request, path: str, body) -> web.Response:
        if not ipaddress.ip_address(request.remote or '0.0.0.0').is_loopback:
            return web.json_response({'error': 'admin routes answer loopback clients only'}, status=403)
        exceeded = oversized(request, body)
        if exceeded is not None:
            status, part = exceeded
            return web.json_response({'error': f'{part} is over the simulator\'s bound'}, status=status)
        try:
            fields, action = self.admin_route(request.method, path[len(ADMIN_PREFIX):].rstrip('/'))
            return web.json_response(action(admin_document(body, fields)))
        except UnknownAdminRoute as error:
            return web.json_response({'error': str(error)}, status=404)
        except ValueError as error:
            return web.json_response({'error': str(error)}, status=400)
        except Exception as error:  # a simulator bug: a JSON answer all the same, and the traceback in the log
            _log.exception('simulator failed on %s %s', request.method, path)
            return web.json_response({'error': f'simulator failed: {type(error).__name__}'}, status=500)

    def admin_route(self, method: str, name: str) -> tuple:
        """(the fields its JSON document may hold, what it does with the document)."""
        if (method, name) in self.admin_routes:
            return self.admin_routes[(method, name)]
        order_action = _ORDER_ACTION.fullmatch(name)
        if method == 'POST' and order_action is not None:
            return frozenset(), lambda document: self.act_on_order(int(order_action.group(1)), order_action.group(2))
        raise UnknownAdminRoute(f'no admin route {method} {ADMIN_PREFIX}{name}')

    def add_fault(self, document: dict) -> dict:
        faults = self.owner.faults
        return {'fault': faults.add(document.pop('kind', None), **document).describe(faults.monotonic())}

    def clear_faults(self, document: dict) -> dict:
        self.owner.clear_faults()
        return {'faults': []}

    def set_time(self, document: dict) -> dict:
        if ('ms' in document) == ('advanceMs' in document):
            raise ValueError('give either ms (an int; null for real time) or advanceMs (an int)')
        if 'advanceMs' in document:
            return {'now': self.owner.advance_time(document['advanceMs'])}
        self.owner.set_time(document['ms'])
        return {'now': self.owner.now_ms(), 'frozen': document['ms'] is not None}

    def clear_requests(self, document: dict) -> list:
        self.owner.clear_requests()
        return []

    def place_order(self, document: dict) -> dict:
        api_key = document.pop('apiKey', self.owner.api_key)
        if not isinstance(api_key, str):
            raise ValueError('apiKey must be a string')
        return {'orderId': self.owner.place_order(api_key, **document)}

    def act_on_order(self, order_id: int, action: str) -> dict:
        owner = self.owner
        actions = {'fill': owner.fill, 'cancel': owner.cancel_behind_back, 'expire': owner.expire, 'refuse-cancel': owner.refuse_cancel}
        if action not in actions:
            raise UnknownAdminRoute(f'no order action {action!r}; one of {", ".join(actions)}')
        actions[action](order_id)
        return {'orderId': order_id, 'status': owner.order_status(order_id)}


def admin_document(body: bytes, fields: frozenset) -> dict:
    """The JSON object of an admin request (empty when there is no body), holding none but ``fields``; ValueError otherwise."""
    if not body:
        return {}
    try:
        document = load_json(body.decode('utf-8'))
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ValueError(f'the body must be a JSON object: {error}') from None
    if not isinstance(document, dict):
        raise ValueError('the body must be a JSON object')
    unknown = sorted(set(document) - fields)
    if unknown:
        raise ValueError(f'unknown field {", ".join(map(repr, unknown))}; this route takes {", ".join(sorted(fields)) or "none"}')
    return document
