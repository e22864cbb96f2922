"""Satori's error codes and the ccxt exceptions they become.

The code table is data, one row per code (``CODES``: its exception, feeding
``describe()['exceptions']``, its cancel outcome and its explanation); the
four order subclasses below exist because the difference between "already
cancelled", "filled", "expired" and "refused" decides what a bot does next
(a bot that mistakes a fill for a missing order re-places it).
"""

from typing import NamedTuple

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


REFUSED = 'refused'  # a cancel outcome: Satori did not cancel, and its answer does not say why; the order's state is to be learned


class Code(NamedTuple):
    """What one body ``code`` means: the exception it raises, what it says of an order a single cancel named, and what to tell the bot.

    ``outcome`` is a ccxt order status (or ``REFUSED``) when the code, answering
    a single cancel, settles that order's fate (batch_cancel.py reads it);
    ``explanation`` is appended to Satori's own terse text (core.handle_errors).
    """

    exception: type
    outcome: str | None = None
    explanation: str | None = None


# Body ``code`` -> its row. Codes are strings, as ccxt matches them.
# Grades (docs/evidence.md, error codes): documented, except 404 (the simulator's unknown path, assumed)
# and 2007, 2011, 2307, 2316, 3007, 4004, 4012, which only a later deployment's client names.
CODES = {
    '400': Code(ExchangeError),
    '404': Code(EndpointNotFound),
    '1001': Code(ExchangeError),
    '2001': Code(BadRequest),
    '2002': Code(BadRequest),
    '2007': Code(DDoSProtection),
    '2008': Code(DDoSProtection),
    '2011': Code(RequestTimeout, explanation='Satori timed out processing the request; its outcome is unknown'),
    '2102': Code(InsufficientFunds),
    '2103': Code(OrderExpired, outcome='expired', explanation='the order had expired'),
    '2104': Code(BadRequest),
    '2105': Code(InsufficientFunds),
    '2122': Code(ExchangeError),
    '2123': Code(InvalidOrder),
    '2124': Code(ExchangeError),
    # Already cancelled (by us, by the batch, or behind our back).
    '2125': Code(OrderAlreadyCanceled, outcome='canceled', explanation='the order was already cancelled'),
    '2126': Code(OrderFilled, outcome='closed', explanation='the order was already filled'),
    '2201': Code(InsufficientFunds),
    '2301': Code(InvalidOrder),
    '2302': Code(InvalidOrder),
    '2303': Code(InvalidOrder),
    '2304': Code(InvalidOrder),
    '2305': Code(InvalidOrder),
    '2307': Code(ExchangeError),
    '2315': Code(BadRequest),
    '2316': Code(ExchangeError),
    # "Failed to cancel order": still open, or (assumed) an id Satori does not know.
    '2319': Code(OrderCancelRefused, outcome=REFUSED, explanation='Satori refused to cancel the order; it may still be open'),
    '2329': Code(OnMaintenance),
    '3007': Code(AuthenticationError),
    '4001': Code(AuthenticationError, explanation='the signature does not belong to the API wallet registered for this API key'),
    '4004': Code(AuthenticationError),
    '4012': Code(AuthenticationError),
}

# Body ``code`` -> exception class, as ccxt's ``describe()['exceptions']['exact']`` holds it.
EXACT = {code: row.exception for code, row in CODES.items()}

# Substrings of ``msg`` for codes the docs never listed.
BROAD = {
    'Insufficient balance': InsufficientFunds,
    'server is updating': OnMaintenance,
    'Frequent requests': DDoSProtection,
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
