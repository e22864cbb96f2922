"""The caller's arguments, checked before anything is sent.

Each check answers the value as it will be used, or raises a ccxt exception
(BadRequest, BadSymbol, ArgumentsRequired, NotSupported) naming what was
wrong: never a KeyError, TypeError, ValueError or OverflowError, and never a
request that is half sent.
"""

import math
from decimal import Decimal
from numbers import Integral

from ccxt.base.decimal_to_precision import number_to_string
from ccxt.base.errors import ArgumentsRequired, BadRequest, BadSymbol, NotSupported

from .decimals import MAX_INT64, decimal, digits_value, is_digits
from .encoding import format_value, sendable
from .errors import shown


def checked_params(params, reserved=()) -> dict:
    """A unified method's ``params``, checked before anything is sent: None reads as ``{}``.

    Anything but a dict, a name that is not non-empty text the query can carry
    (``{'': 'x'}`` would go out as ``?=x``), or a name in ``reserved`` (a field
    the method sets itself, which the caller's value would silently replace or
    be replaced by) is BadRequest.
    """
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise BadRequest(f'satori params must be a dict, got {shown(params)}')
    for name in params:
        if not sendable(name):
            raise BadRequest(f'satori params names must be non-empty text of letters, digits and ._~:@,-, got {shown(name)}')
        if name in reserved:
            raise BadRequest(f'satori params["{name}"] is set by the method itself from its arguments; pass it as an argument')
    return params


def checked_symbol(symbol):
    """A ``symbol`` argument: None or text (whether it names a market is ``market()``'s to say), else BadSymbol."""
    if symbol is not None and not isinstance(symbol, str):
        raise BadSymbol(f'satori symbol must be text such as "ETH/USD:USD", got {shown(symbol)}')
    return symbol


def checked_symbols(symbols):
    """A ``symbols`` argument: None or a list of text, else BadSymbol."""
    if symbols is not None and not (isinstance(symbols, list) and all(isinstance(symbol, str) for symbol in symbols)):
        raise BadSymbol(f'satori symbols must be a list of text such as ["ETH/USD:USD"], got {shown(symbols)}')
    return symbols


def checked_since(since):
    """A ``since`` argument: None or a whole number of ms, at least 0 (an int, not a bool), else BadRequest."""
    if since is not None and not (isinstance(since, Integral) and not isinstance(since, bool) and 0 <= since <= MAX_INT64):
        raise BadRequest(f'satori since must be a time in ms (an int), got {shown(since)}')
    return since


def client_order_id(value):
    """A ``clientOrderId`` param: None, an int (written as its digits), or non-empty text a query carries unencoded; else BadRequest."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = format_value(value)  # the clock-based ids of Satori's docs are numbers
    if value is not None and not sendable(value):
        raise BadRequest(f'satori clientOrderId must be an int or non-empty text of letters, digits and ._~:@,-, got {shown(value)}')
    return value


def flag(value, name: str) -> bool:
    """A boolean parameter or option read exactly as the caller meant it: True or False (numpy's bool too).

    Anything else (1, 0, 1.0, 'true', None where a value is required) is
    BadRequest rather than a guess: a reduce-only flag read as False opens a
    position, a post-only flag read as False takes liquidity.
    """
    if value is True or value is False:
        return value
    kind = type(value)
    if kind.__module__ == 'numpy' and kind.__name__ in ('bool', 'bool_'):  # numpy is not imported for this
        return bool(value)
    raise BadRequest(f'satori {name} must be True or False, got {shown(value)}')


def optional_flag(params: dict, name: str, default=False) -> bool:
    """``params[name]`` read with ``flag``; absent or None is ``default``."""
    value = params.get(name)
    return default if value is None else flag(value, name)


def refuse_unsupported(params: dict, names, what: str):
    """NotSupported for the first of ``names`` that ``params`` sets (None counts as not set), before anything is sent.

    Satori may ignore a parameter it does not know, so a stop-loss or a
    trigger passed to it would silently vanish; it is refused instead.
    """
    for name in names:
        if params.get(name) is not None:
            raise NotSupported(f'satori {name} is not supported: {what}')


def clock_offset(value, name: str):
    """A clock offset in ms (``options['timeDifference']``): a finite int or float within 10**13 ms, else BadRequest."""
    if isinstance(value, (Integral, float)) and not isinstance(value, bool) and math.isfinite(value) and abs(value) < 10 ** 13:
        return value
    raise BadRequest(f'satori {name} must be a finite number of milliseconds, got {shown(value)}')


def order_id(value) -> str:
    """An order id as its canonical decimal string.

    Accepts an int or a string of ASCII digits, positive and below 2**63 (Satori's
    ids are int64); anything else is a BadRequest (ArgumentsRequired for None),
    raised before any request is made.
    """
    if value is None:
        raise ArgumentsRequired('satori order id is required')
    if isinstance(value, Integral) and not isinstance(value, bool):
        number = int(value)
    elif is_digits(value):
        number = digits_value(value)
    else:
        raise BadRequest(f'satori order id must be an int or a string of decimal digits, got {shown(value)}')
    if number is None or not 0 < number <= MAX_INT64:
        raise BadRequest(f'satori order id must be positive and below 2**63, got {shown(value)}')
    return str(number)


def order_ids(values) -> list:
    """Distinct canonical order ids in first-seen order; the whole list is checked before anything is sent."""
    if values is None:
        raise ArgumentsRequired('satori cancel_orders() requires a list of order ids')
    if not isinstance(values, list):
        raise BadRequest(f'satori cancel_orders() expects a list of order ids, got {shown(values)}')
    if not values:
        raise ArgumentsRequired('satori cancel_orders() requires at least one order id')
    return list(dict.fromkeys(order_id(value) for value in values))


def positive_int(value, name: str, maximum=MAX_INT64) -> int:
    """An int argument (``limit``, a page size, ``leverage``): a whole number in 1..``maximum``, else BadRequest before sending."""
    number = None
    if isinstance(value, Integral) and not isinstance(value, bool):
        number = int(value)
    elif isinstance(value, (float, Decimal)):
        # Bounded before int(): Decimal('1e999999999') would become an int of a billion digits.
        if isinstance(value, Decimal):
            bounded = value.is_finite() and value.adjusted() < 19
        else:
            bounded = math.isfinite(value) and abs(value) < 2 ** 64
        if bounded and value == int(value):
            number = int(value)
    elif is_digits(value):
        number = digits_value(value)
    if number is None or number < 1 or number > maximum:
        raise BadRequest(f'satori {name} must be a positive whole number and at most {maximum}, got {shown(value)}')
    return number


def _argument_decimal(value):
    """A number argument as a plain decimal string of at most 64 characters, or None (NaN, infinity, absurd sizes, bools, other types)."""
    if isinstance(value, str):
        return decimal(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, Integral):
        number = int(value)
        return decimal(str(number)) if number.bit_length() <= 200 else None
    if isinstance(value, float):
        return decimal(number_to_string(value)) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        # Bounded before it is written out: Decimal('1e999999999') in full is a billion digits.
        return decimal(number_to_string(value)) if value.is_finite() and -70 < value.adjusted() < 70 else None
    return None


def positive_decimal(value, name: str) -> str:
    """An amount or price argument as a plain decimal string, else BadRequest before sending."""
    text = _argument_decimal(value)
    if text is None or Decimal(text) <= 0:
        raise BadRequest(f'satori {name} must be a positive number, got {shown(value)}')
    return text


def fraction(value, name: str) -> str:
    """A fraction in [0, 1) (a slippage) as a decimal string, else BadRequest."""
    text = _argument_decimal(value)
    if text is None or not 0 <= Decimal(text) < 1:
        raise BadRequest(f'satori {name} must be a fraction in [0, 1), got {shown(value)}')
    return text
