"""Satori's wire vocabulary: how values are written, read and checked at the edge.

Everything that knows Satori's spelling of a request or a response lives
here or in ``describe.py``; the exchange classes speak ccxt.
"""

import json
import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from numbers import Integral

from ccxt.base.decimal_to_precision import number_to_string
from ccxt.base.errors import ArgumentsRequired, BadRequest, BadSymbol, NotSupported

# ----- Satori's enumerations (docs/evidence.md, enumerations) and their ccxt names ---------------

MATCH_TYPES = {'GTC': 1, 'IOC': 2, 'FOK': 3, 'PO': 4}        # ccxt timeInForce -> matchType
TIME_IN_FORCE = {str(code): name for name, code in MATCH_TYPES.items()}
POSITION_TYPES = {'isolated': 3, 'cross': 4}                  # ccxt marginMode -> positionType (one-way only)
MARGIN_MODES = {str(code): name for name, code in POSITION_TYPES.items()}
# queryOrder and orders/histories ``status`` -> ccxt status (captured on a later deployment, docs/evidence.md).
ORDER_STATUSES = {'1': 'open', '2': 'closed', '3': 'canceled', '4': 'expired'}
PAIR_TRADING = '1'  # pair list ``status`` of a market open for trading, where it names no ``tradable`` (assumed)

# Endpoints whose parameters travel as a compact JSON body (signed as that text);
# every other signed endpoint takes them in the query string of an empty POST.
JSON_BODY_PATHS = frozenset({'api/third/hot/order/batchCreate'})

# Satori signs the query string exactly as sent, and nothing is percent-encoded,
# so only characters that survive a URL unencoded may appear in a value.
_SAFE_VALUE = re.compile(r'[A-Za-z0-9._~:@,-]*')
_SAFE_NAME = re.compile(r'[A-Za-z0-9._~:@,-]+')
_SAFE_QUERY = re.compile(r'[A-Za-z0-9._~:@,=&-]*')
_DECIMAL_ID = re.compile(r'[0-9]+')
MAX_ORDER_ID = 2 ** 63 - 1  # entrustId is an int64
MAX_INT64 = 2 ** 63 - 1      # no whole-number argument Satori takes is larger
_MAX_INT64_DIGITS = len(str(MAX_INT64))


def shown(value) -> str:
    """``value`` as an error message may quote it: its repr, cut to 40 characters, whatever it is.

    repr itself may fail (an int of more than 4300 digits, a hostile ``__repr__``);
    the message then names the type alone.
    """
    try:
        return f'{type(value).__name__} {repr(value)[:40]}'
    except Exception:
        return f'{type(value).__name__} (no repr)'


def sendable(text) -> bool:
    """Whether ``text`` can be a parameter name or a pair name on the wire: non-empty text that needs no percent-encoding."""
    return isinstance(text, str) and _SAFE_NAME.fullmatch(text) is not None


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


def _int_of_digits(text: str):
    """The int of a string of ASCII digits, or None when it has more digits than an int64 (int() refuses > 4300)."""
    digits = text.lstrip('0') or '0'
    return int(digits) if len(digits) <= _MAX_INT64_DIGITS else None


def format_value(value) -> str:
    """One parameter value as Satori writes it: ``True``/``False``, lists comma-joined.

    A value with no finite decimal spelling (NaN, infinity, an int too long to print) is BadRequest.
    """
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return 'True' if value else 'False'
    if kind is list or kind is tuple:
        return ','.join([format_value(item) for item in value])
    if kind is float or kind is Decimal:
        finite = value.is_finite() if kind is Decimal else math.isfinite(value)
        if not finite:
            raise BadRequest(f'satori parameter value {shown(value)} is not a finite number')
        return number_to_string(value)
    try:
        return str(value)
    except (TypeError, ValueError):  # an int of more than 4300 digits, a __str__ that fails
        raise BadRequest(f'satori parameter value {shown(value)} cannot be written out') from None


def canonical_query(params: dict) -> str:
    """``k=v`` pairs sorted by key and joined with ``&``; ``None`` values are left out.

    This one string is both sent after ``?`` and signed, so a value that would
    need percent-encoding is refused here rather than signed one way and sent another.
    """
    if not all(isinstance(key, str) and key for key in params):  # '' would go out as ``?=value``
        raise BadRequest(f'satori parameter names must be non-empty text, got {shown(list(params))}')
    pairs = [key + '=' + format_value(params[key]) for key in sorted(params) if params[key] is not None]
    query = '&'.join(pairs)
    # One scan of the whole string; a value holding '=' or '&' shows up in the counts.
    if _SAFE_QUERY.fullmatch(query) is None or query.count('=') != len(pairs) or query.count('&') != max(len(pairs) - 1, 0):
        for pair in pairs:
            key, text = pair.split('=', 1)
            if _SAFE_VALUE.fullmatch(key) is None or _SAFE_VALUE.fullmatch(text) is None:
                raise BadRequest(f'satori parameter {key[:40]!r} = {text[:40]!r} has characters that cannot be sent unencoded')
    return query


def json_body(params: dict) -> str:
    """The compact JSON text Satori signs for JSON-body endpoints (keys sorted at every level).

    What JSON cannot carry exactly (NaN, a set, mixed key types, text that is
    not valid UTF-8, nesting deeper than the interpreter allows) is BadRequest.
    """
    try:
        text = json.dumps(params, separators=(',', ':'), sort_keys=True, ensure_ascii=False, allow_nan=False)
        text.encode()
    except (TypeError, ValueError, RecursionError) as error:
        raise BadRequest(f'satori parameters cannot be sent as JSON: {type(error).__name__} {str(error)[:100]}') from None
    return text


def order_id(value) -> str:
    """An order id (``entrustId``) as its canonical decimal string.

    Accepts an int or a string of ASCII digits, positive and below 2**63;
    anything else is a BadRequest (ArgumentsRequired for None), raised before
    any request is made.
    """
    if value is None:
        raise ArgumentsRequired('satori order id is required')
    if isinstance(value, Integral) and not isinstance(value, bool):
        number = int(value)
    elif isinstance(value, str) and _DECIMAL_ID.fullmatch(value):
        number = _int_of_digits(value)
    else:
        raise BadRequest(f'satori order id must be an int or a string of decimal digits, got {shown(value)}')
    if number is None or not 0 < number <= MAX_ORDER_ID:
        raise BadRequest(f'satori order id must be positive and below 2**63, got {shown(value)}')
    return str(number)


def answered_whole_number(value):
    """A whole number in 1..2**63-1 in Satori's answer (an id, a time), an int or its digits, as canonical digits; else None."""
    if isinstance(value, str) and _DECIMAL_ID.fullmatch(value):
        number = _int_of_digits(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        return None
    return str(number) if number is not None and 0 < number <= MAX_ORDER_ID else None


def id_sort_key(text):
    """Sorts decimal ids by value without int() (which refuses more than 4300 digits); other ids first."""
    if isinstance(text, str) and _DECIMAL_ID.fullmatch(text):
        digits = text.lstrip('0')
        return len(digits), digits
    return 0, ''


def order_ids(values) -> list:
    """Distinct canonical order ids in first-seen order; the whole list is checked before anything is sent."""
    if values is None:
        raise ArgumentsRequired('satori cancel_orders() requires a list of order ids')
    if not isinstance(values, list):
        raise BadRequest(f'satori cancel_orders() expects a list of order ids, got {shown(values)}')
    if not values:
        raise ArgumentsRequired('satori cancel_orders() requires at least one order id')
    return list(dict.fromkeys(order_id(value) for value in values))


def envelope_code(response):
    """The body ``code`` of a Satori envelope as a string, or None when ``response`` is not one."""
    if isinstance(response, dict) and 'code' in response:
        code = response['code']
        if isinstance(code, (int, str)) and not isinstance(code, bool):
            return str(code)
    return None


def is_success(response) -> bool:
    """Whether ``response`` is a Satori success: ``code`` 200 (or "200") and ``error`` exactly false or absent.

    Documented: every answer has ``error: false`` on success, and ``code`` may be
    the string "200" (captured on a later deployment). Assumed (docs/evidence.md):
    a ``code`` 200 with any other ``error`` (true, null, "false", 0) contradicts
    itself and is no success; ``error`` absent is read as false.
    """
    return envelope_code(response) == '200' and response.get('error', False) is False


# ----- reading venue values ----------------------------------------------------------------

# A plain finite decimal, as ``safe_string`` renders a JSON number or a decimal string.
# The exponent is bounded: Precise expands it into an integer of that many digits.
_DECIMAL = re.compile(r'-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,2})?')


def decimal(text):
    """``text`` if it is a finite decimal number, else None.

    Every venue number goes through here before ccxt does arithmetic on it:
    ``Precise`` raises on ``'abc'``, ``'NaN'`` or ``'Infinity'``, which must
    read as a missing field, not crash a parser.
    """
    if isinstance(text, str) and len(text) <= 64 and _DECIMAL.fullmatch(text):
        return text
    return None


def records(data) -> list:
    """The items of a list endpoint's ``data``: a bare list, or the ``records`` of a page.

    Captured on Satori (docs/evidence.md): a bare list. The page ``{records,
    total, pageNo, pageSize}`` was assumed before any capture and is still read.
    """
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get('records'), list):
        return data.get('records')
    return []


# ----- writing request values --------------------------------------------------------------

def positive_int(value, name: str, maximum=MAX_INT64) -> int:
    """An int argument (``limit``, ``pageSize``, ``leverage``): a whole number in 1..``maximum``, else BadRequest before sending."""
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
    elif isinstance(value, str) and _DECIMAL_ID.fullmatch(value):
        number = _int_of_digits(value)
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


def protective_price(reference: str, slippage: str, tick, is_buy: bool) -> str:
    """``reference`` moved ``slippage`` against the order and rounded outwards to ``tick``, as a plain decimal.

    A buy may pay up to ``reference * (1 + slippage)``, a sell accepts down to
    ``reference * (1 - slippage)``; rounding away from the reference keeps the
    bound at least that wide. Without a tick (a pair that names no decimals) nothing is rounded.
    """
    factor = 1 + Decimal(slippage) if is_buy else 1 - Decimal(slippage)
    price = Decimal(reference) * factor
    if tick is not None:
        step = Decimal(tick)
        price = (price / step).to_integral_value(rounding=ROUND_CEILING if is_buy else ROUND_FLOOR) * step
    if price <= 0:
        raise BadRequest(f'satori cannot derive a positive sell price from {reference} with slippage {slippage}')
    return format(price.normalize(), 'f')
