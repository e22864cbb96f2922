"""Satori's error codes and the ccxt exceptions they become.

The code table is data (``EXACT`` feeds ``describe()['exceptions']``); the
four order subclasses below exist because the difference between "already
cancelled", "filled", "expired" and "refused" decides what a bot does next
(a bot that mistakes a fill for a missing order re-places it).
"""

from ccxt.base.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    DDoSProtection,
    ExchangeError,
    InsufficientFunds,
    InvalidOrder,
    OnMaintenance,
    OrderNotFound,
    PermissionDenied,
    RateLimitExceeded,
    RequestTimeout,
)


def shown(value) -> str:
    """``value`` as an error message may quote it: its repr, cut to 40 characters, whatever it is.

    repr itself may fail (an int of more than 4300 digits, a hostile ``__repr__``);
    the message then names the type alone.
    """
    try:
        return f'{type(value).__name__} {repr(value)[:40]}'
    except Exception:
        return f'{type(value).__name__} (no repr)'


class OrderAlreadyCanceled(OrderNotFound):
    """2125: the order was already cancelled; there is nothing left to cancel."""


class OrderFilled(OrderNotFound):
    """2126: the order was completely filled before the cancel arrived."""


class OrderExpired(InvalidOrder):
    """2103: the order expired before the cancel arrived."""


class OrderCancelRefused(ExchangeError):
    """2319 (or a cancel answered ``data: false``): Satori refused to cancel; the order may still be open."""


class RateLimited(RateLimitExceeded, DDoSProtection):
    """HTTP 429. Also a DDoSProtection: tools that pause before retrying only on that class (freqtrade) should pause here too."""


class EndpointNotFound(BadRequest):
    """HTTP 404 (or body code 404): this Satori does not serve the path.

    Endpoints seen only on a later deployment of Satori's software are asked
    once; this answer makes the client remember to use its fallback instead.
    """


# Body ``code`` -> exception class. Codes are strings, as ccxt matches them.
# Grades (docs/evidence.md, error codes): documented, except 404 (the simulator's unknown path, assumed)
# and 2007, 2011, 2307, 2316, 3007, 4004, 4012, which only a later deployment's client names.
EXACT = {
    '400': ExchangeError,
    '404': EndpointNotFound,
    '1001': ExchangeError,
    '2001': BadRequest,
    '2002': BadRequest,
    '2007': DDoSProtection,
    '2008': DDoSProtection,
    '2011': RequestTimeout,
    '2102': InsufficientFunds,
    '2103': OrderExpired,
    '2104': BadRequest,
    '2105': InsufficientFunds,
    '2122': ExchangeError,
    '2123': InvalidOrder,
    '2124': ExchangeError,
    '2125': OrderAlreadyCanceled,
    '2126': OrderFilled,
    '2201': InsufficientFunds,
    '2301': InvalidOrder,
    '2302': InvalidOrder,
    '2303': InvalidOrder,
    '2304': InvalidOrder,
    '2305': InvalidOrder,
    '2307': ExchangeError,
    '2315': BadRequest,
    '2316': ExchangeError,
    '2319': OrderCancelRefused,
    '2329': OnMaintenance,
    '3007': AuthenticationError,
    '4001': AuthenticationError,
    '4004': AuthenticationError,
    '4012': AuthenticationError,
}

# Substrings of ``msg`` for codes the docs never listed.
BROAD = {
    'Insufficient balance': InsufficientFunds,
    'server is updating': OnMaintenance,
    'Frequent requests': DDoSProtection,
}

# What a bot should read into a code, appended to Satori's own terse text.
EXPLANATIONS = {
    '2011': 'Satori timed out processing the request; its outcome is unknown',
    '2103': 'the order had expired',
    '2125': 'the order was already cancelled',
    '2126': 'the order was already filled',
    '2319': 'Satori refused to cancel the order; it may still be open',
    '4001': 'the signature does not belong to the API wallet registered for this API key',
}

# HTTP status -> exception, for responses that carry no Satori envelope.
HTTP = {
    '400': BadRequest,
    '401': AuthenticationError,
    '403': PermissionDenied,
    '404': EndpointNotFound,
    '429': RateLimited,
}


class UnexpectedRedirect(BadResponse):
    """An HTTP 3xx answer that was not followed.

    A signed request never follows a redirect (it would carry the API key and
    a valid signature to wherever ``Location`` points; a redirect to another
    host is a security event). A public GET follows a few redirects to the
    same scheme, host and port; any other is this error.
    """


class SameOriginRedirect(UnexpectedRedirect):
    """A public GET redirected to the same scheme, host and port: ``fetch`` follows it, and the caller never sees this."""

    def __init__(self, message, location=None):
        super().__init__(message)
        self.location = location
