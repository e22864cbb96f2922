"""Cassettes of what a command asked and was answered (``satori-ccxt verify --record DIR``), ready to contribute.

vcrpy's YAML, one cassette per run, with each request's timestamped query kept
and its ``APIKEY`` and ``signature`` headers replaced by placeholders; every other
header is left out, and any secret that still shows anywhere (an answer echoing
the key, say) is replaced too. A cassette that would hold a secret all the same
is deleted rather than kept. vcrpy comes with the ``record`` extra.
"""

import contextlib
import importlib.util
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

# The request headers that make up Satori's wire format (tests/support/cassette_config.py matches replays on them).
WIRE_HEADERS = ('APIKEY', 'X-SAPI-SIGN-TYPE', 'signature', 'Content-Type')
PLACEHOLDERS = {'APIKEY': 'st_APIKEY_REMOVED', 'signature': '0xSIGNATURE_REMOVED'}
INSTALL = "pip install 'satori-ccxt[record]' (in a checkout: pip install -e '.[record]')"


class SecretInCassette(Exception):
    """A cassette would have held a secret; it was deleted."""


def available() -> bool:
    return importlib.util.find_spec('vcr') is not None


def cassette_path(directory: Path, url: str) -> Path:
    """A new file in ``directory`` named after the server and the time: ``verify-zk-test.satori.finance-20261201T101500Z.yaml``."""
    host = (urlsplit(url).netloc or 'satori').replace(':', '_')
    stem = f'verify-{host}-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}'
    path, number = directory / f'{stem}.yaml', 1
    while path.exists():
        number += 1
        path = directory / f'{stem}-{number}.yaml'
    return path


@contextlib.contextmanager
def recorded(path: Path, redact, holds_secret):
    """Records every HTTP request made inside the block to the cassette ``path``.

    ``redact(text)`` replaces the secrets known so far; ``holds_secret(text)``
    says whether a text still holds one (checked on the file once written).
    """
    import vcr

    def scrubbed_request(request):
        request.headers = {name: PLACEHOLDERS.get(name, redact(value)) for name, value in request.headers.items() if name in WIRE_HEADERS}
        request.uri = redact(request.uri)
        if request.body:
            request.body = redact(request.body.decode('utf-8', 'replace')).encode()
        return request

    def scrubbed_response(response):
        body = response['body'].get('string') or b''
        text = body.decode('utf-8', 'replace') if isinstance(body, bytes) else str(body)
        content_type = {name: value for name, value in response['headers'].items() if name.lower() == 'content-type'}
        return {**response, 'headers': content_type, 'body': {'string': redact(text).encode()}}

    recorder = vcr.VCR(record_mode='all', decode_compressed_response=True,
                       before_record_request=scrubbed_request, before_record_response=scrubbed_response)
    try:
        with recorder.use_cassette(str(path)):
            yield path
    finally:
        if path.exists() and holds_secret(path.read_text(encoding='utf-8', errors='replace')):
            path.unlink()
            raise SecretInCassette(f'{path} would have held a secret and was deleted')
