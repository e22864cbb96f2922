"""How cassettes are matched, recorded and replayed (shared by the tests and the recorder)."""

import vcr

from satori_ccxt.recording import WIRE_HEADERS  # the request headers that make up Satori's wire format

from .docs_vectors import DOCS_API_KEY
from .repository import ROOT

CASSETTES = ROOT / 'cassettes'


def same_satori_wire(recorded, replayed):
    """A byte of difference in any wire header, or in the body, fails the match."""
    for name in WIRE_HEADERS:
        assert recorded.headers.get(name) == replayed.headers.get(name), name
    assert (recorded.body or b'') == (replayed.body or b''), 'body'


def is_publishable_api_key(api_key) -> bool:
    """The docs' published key, or a key the simulator made up for the purpose."""
    return api_key is None or api_key == DOCS_API_KEY or api_key.startswith('st_sim')


def refuse_unpublishable_keys(request):
    """Stops a recording that would store a key other than the docs' or a simulator's, and keeps only the wire headers."""
    if not is_publishable_api_key(request.headers.get('APIKEY')):
        raise ValueError('refusing to record a request signed with an API key that is neither the docs key nor a simulator key')
    request.headers = {name: value for name, value in request.headers.items() if name in WIRE_HEADERS}
    return request


def satori_vcr(record_mode='none') -> vcr.VCR:
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        match_on=['method', 'uri', 'satori_wire'],
        before_record_request=refuse_unpublishable_keys,
        decode_compressed_response=True,
    )
    recorder.register_matcher('satori_wire', same_satori_wire)
    return recorder
