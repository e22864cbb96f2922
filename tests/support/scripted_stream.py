"""A loopback Satori stream endpoint that sends scripted messages, for rules about exact pushes and acks.

It serves the pair list (so that ``load_markets`` works) and the stream path (``paths.STREAM``). Every message the
client sends is recorded; ``on_message(message) -> [messages]`` decides the answers (by default a
success ack, as Satori's docs show it); ``push(message)`` sends to every connection at once.
Rules that need Satori's state run against ``satori_simulator`` instead.
"""

import asyncio
import json
import threading

from aiohttp import WSMsgType, web

from . import paths
from .clients import PAIRS


def success_ack(message: dict) -> dict:
    """Satori's ack of a (un)subscription, with the docs' keys (sorted, as every documented message is)."""
    ack = {'event': f'{message.get("event")}_res', 'method': message.get('method'), 'msg': f'subscribe success: {message.get("event")}',
           'success': True}
    for name in ('pair', 'symbol'):
        if name in message:
            ack[name] = message[name]
    return ack


class ScriptedStream:
    def __init__(self, on_message=None):
        self.received = []
        self.on_message = on_message or (lambda message: [success_ack(message)])
        self._sockets = set()
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        app = web.Application()
        app.router.add_get(paths.PAIRS, self._pairs)
        app.router.add_get(paths.STREAM, self._stream)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)

        def serve():
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, '127.0.0.1', 0)
            self._loop.run_until_complete(site.start())
            self.port = self._runner.addresses[0][1]
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        ready.wait(10)
        self.url = f'http://127.0.0.1:{self.port}'

    async def _pairs(self, request):
        return web.json_response({'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': PAIRS, 'sid': '1809700645462351873'})

    async def _stream(self, request):
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.add(socket)
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    continue
                self.received.append(frame.data)
                if frame.data == 'ping':
                    await socket.send_str('pong')
                    continue
                for answer in self.on_message(json.loads(frame.data)):
                    await socket.send_str(answer if isinstance(answer, str) else json.dumps(answer, sort_keys=True))
        finally:
            self._sockets.discard(socket)
        return socket

    def push(self, *messages):
        """Sends each message (a dict, or a text as it is) to every open connection, in order."""
        async def send():
            for socket in list(self._sockets):
                for message in messages:
                    await socket.send_str(message if isinstance(message, str) else json.dumps(message, sort_keys=True))
        asyncio.run_coroutine_threadsafe(send(), self._loop).result(10)

    def close(self):
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
