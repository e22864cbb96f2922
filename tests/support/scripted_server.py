"""A loopback HTTP server that answers with scripted responses and records requests exactly as received.

For rules about single responses (error mapping, the bytes of a request)
where Satori's state does not matter; rules that need state run against
``satori_simulator``.
"""

import http.server
import json
import socket
import threading
from collections import deque
from typing import NamedTuple


class Recorded(NamedTuple):
    method: str
    target: str      # path and raw query string, as on the request line
    headers: dict
    body: bytes


class Reply(NamedTuple):
    status: int = 200
    body: str = ''
    content_type: str = 'application/json'
    # Answer only when the server closes: the client's timeout ends the wait, however slow the machine, with no
    # race between a delay and a timeout.
    hold: bool = False
    drop: bool = False   # close the connection without answering
    headers: tuple = ()  # more (name, value) response headers, e.g. (('Location', 'http://elsewhere/'),)


def envelope(data=True, code=200, msg='SUCCESS', error=None) -> Reply:
    body = {'error': code != 200 if error is None else error, 'code': code, 'msg': msg, 'data': data, 'sid': '1809700645462351873'}
    return Reply(body=json.dumps(body))


def business_error(code, msg='error', status=200) -> Reply:
    return envelope(data=None, code=code, msg=msg)._replace(status=status)


class ScriptedServer:
    def __init__(self):
        self.requests = []
        self._replies = deque()
        self._responder = None
        self._released = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _handle(self):
                length = int(self.headers.get('Content-Length') or 0)
                recorded = Recorded(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
                owner.requests.append(recorded)
                reply = owner._next_reply(recorded)
                if reply.hold:
                    owner._released.wait()
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                payload = reply.body.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header('Content-Type', reply.content_type)
                    self.send_header('Content-Length', str(len(payload)))
                    for name, value in reply.headers:
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (a held answer)

            do_GET = do_POST = _handle

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self._server.daemon_threads = True
        self.url = f'http://127.0.0.1:{self._server.server_port}'
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def reply(self, *replies: Reply):
        """Queue replies, answered in order to the next requests."""
        self._replies.extend(replies)

    def respond_with(self, responder):
        """Answer every request with ``responder(recorded) -> Reply`` once the queue is empty."""
        self._responder = responder

    def _next_reply(self, recorded) -> Reply:
        if self._replies:
            return self._replies.popleft()
        if self._responder is not None:
            return self._responder(recorded)
        return Reply(status=599, body='unscripted request', content_type='text/plain')

    def close(self):
        self._released.set()
        self._server.shutdown()
        self._server.server_close()


class HeldUntilTogether:
    """A responder that holds each request until ``parties`` of them are in, then answers them with ``respond``.

    A client that sends fewer at once is never answered (the barrier breaks after a minute and the request fails), and
    ``peak`` counts the requests in flight at once, so a client that sends more shows it.
    """

    def __init__(self, parties, respond):
        self.respond = respond
        self.peak = 0
        self._together = threading.Barrier(parties, timeout=60)
        self._lock = threading.Lock()
        self._in_flight = 0

    def __call__(self, recorded):
        with self._lock:
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
        self._together.wait()
        with self._lock:
            self._in_flight -= 1
        return self.respond(recorded)
