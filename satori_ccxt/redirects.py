"""Nothing follows a redirect by itself.

requests and aiohttp both follow a 3xx answer by default, sending the request
again to wherever ``Location`` points; for a signed request that is the API
key, a valid signature and its timestamped query, handed to another host. So
every session the exchange uses (its own, or one the caller gave it) is
wrapped in ``NoRedirects``, which makes each request with
``allow_redirects=False``: a 3xx reaches ``handle_errors`` (core.py), which
refuses it, or lets ``fetch`` follow a public GET to the same origin.
"""

from urllib.parse import urljoin, urlsplit

import requests

MAX_HOPS = 3  # same-origin redirects a public GET follows before it gives up
_REQUEST_METHODS = ('request', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options')
# Where a requests response keeps a 3xx's Location (see _set_location_aside).
LOCATION_ASIDE = 'Location-Not-Followed'


def _set_location_aside(response, **kwargs):
    """A requests response hook: a 3xx's Location moves to ``LOCATION_ASIDE``.

    Even told not to follow, requests parses the Location of a 3xx (to offer
    ``Response.next``), and a broken one (``http://[::1``) raises ValueError
    out of the request; ``target`` reads it from here instead.
    """
    location = response.headers.pop('Location', None)
    if location is not None:
        response.headers[LOCATION_ASIDE] = location


class NoRedirects:
    """A requests or aiohttp session, unchanged except that no request it makes follows a redirect.

    Everything else (headers, cookies, mounts, ``close``) reaches the wrapped session.
    """

    __slots__ = ('wrapped',)

    def __init__(self, session):
        object.__setattr__(self, 'wrapped', session)

    def _not_following(self, kwargs) -> dict:
        """``kwargs`` for the wrapped session's request method, with redirects off.

        requests lets a request's own response hooks replace the session's, so the
        session's (the command line's progress bars count requests with one) go along.
        """
        if isinstance(self.wrapped, requests.Session):
            hooks = [_set_location_aside, *self.wrapped.hooks.get('response', [])]
            return {**kwargs, 'allow_redirects': False, 'hooks': {'response': hooks}}
        return {**kwargs, 'allow_redirects': False}

    @classmethod
    def around(cls, session):
        """``session`` wrapped once; None stays None."""
        return session if session is None or isinstance(session, cls) else cls(session)

    def __getattr__(self, name):
        if name in NoRedirects.__slots__:  # not set yet (an object being unpickled): no recursion through the lookup below
            raise AttributeError(name)
        return getattr(self.wrapped, name)

    def __setattr__(self, name, value):
        if name in NoRedirects.__slots__:  # unpickling restores the slot through here
            object.__setattr__(self, name, value)
        else:
            setattr(self.wrapped, name, value)

    def __repr__(self):
        return f'NoRedirects({self.wrapped!r})'


def _never_following(name):
    def request(self, *args, **kwargs):
        return getattr(self.wrapped, name)(*args, **self._not_following(kwargs))
    request.__name__ = name
    return request


for _name in _REQUEST_METHODS:
    setattr(NoRedirects, _name, _never_following(_name))


def origin(url):
    """(scheme, host, port) of ``url``, the default port filled in; None when it is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port or {'http': 80, 'https': 443}.get(parts.scheme)
    except ValueError:  # a port out of range, a broken IPv6 literal
        return None
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port


def target(url, response_headers):
    """Where a 3xx answer to ``url`` points, as an absolute URL, or None when it names no usable place."""
    names = ('location', LOCATION_ASIDE.lower())
    location = next((value for name, value in (response_headers or {}).items() if name.lower() in names), None)
    if not isinstance(location, str) or not location:
        return None
    try:
        absolute = urljoin(url, location.strip())
    except ValueError:
        return None
    return absolute if origin(absolute) is not None else None
