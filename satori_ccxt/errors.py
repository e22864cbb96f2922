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
)


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


# Body ``code`` -> exception class. Codes are strings, as ccxt matches them.
EXACT = {
    '400': ExchangeError,
    '1001': ExchangeError,
    '2001': BadRequest,
    '2002': BadRequest,
    '2008': DDoSProtection,
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
    '2315': BadRequest,
    '2319': OrderCancelRefused,
    '2329': OnMaintenance,
    '4001': AuthenticationError,
}

# Substrings of ``msg`` for codes the docs never listed.
BROAD = {
    'Insufficient balance': InsufficientFunds,
    'server is updating': OnMaintenance,
    'Frequent requests': DDoSProtection,
}

# What a bot should read into a code, appended to Satori's own terse text.
EXPLANATIONS = {
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
    '404': BadRequest,
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
