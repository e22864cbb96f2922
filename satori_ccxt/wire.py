"""Satori's wire vocabulary: how values are written, read and checked at the edge.

Everything that knows Satori's spelling of a request or a response lives
here or in ``describe.py``; the exchange classes speak ccxt.
"""

import json
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from numbers import Integral

from ccxt.base.decimal_to_precision import number_to_string
from ccxt.base.errors import ArgumentsRequired, BadRequest

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
_SAFE_QUERY = re.compile(r'[A-Za-z0-9._~:@,=&-]*')
_DECIMAL_ID = re.compile(r'[0-9]+')
MAX_ORDER_ID = 2 ** 63 - 1  # entrustId is an int64


def format_value(value) -> str:
    """One parameter value as Satori writes it: ``True``/``False``, lists comma-joined."""
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return 'True' if value else 'False'
    if kind is list or kind is tuple:
        return ','.join([format_value(item) for item in value])
    if kind is float or kind is Decimal:
        return number_to_string(value)
    return str(value)


def canonical_query(params: dict) -> str:
    """``k=v`` pairs sorted by key and joined with ``&``; ``None`` values are left out.

    This one string is both sent after ``?`` and signed, so a value that would
    need percent-encoding is refused here rather than signed one way and sent another.
    """
    pairs = [key + '=' + format_value(params[key]) for key in sorted(params) if params[key] is not None]
    query = '&'.join(pairs)
    # One scan of the whole string; a value holding '=' or '&' shows up in the counts.
    if _SAFE_QUERY.fullmatch(query) is None or query.count('=') != len(pairs) or query.count('&') != max(len(pairs) - 1, 0):
        for pair in pairs:
            key, text = pair.split('=', 1)
            if _SAFE_VALUE.fullmatch(key) is None or _SAFE_VALUE.fullmatch(text) is None:
                raise BadRequest(f'satori parameter {key!r} = {text!r} has characters that cannot be sent unencoded')
    return query


def json_body(params: dict) -> str:
    """The compact JSON text Satori signs for JSON-body endpoints (keys sorted at every level)."""
    return json.dumps(params, separators=(',', ':'), sort_keys=True, ensure_ascii=False)


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
        number = int(value)
    else:
        raise BadRequest(f'satori order id must be an int or a string of decimal digits, got {type(value).__name__} {value!r:.40}')
    if not 0 < number <= MAX_ORDER_ID:
        raise BadRequest(f'satori order id must be positive and below 2**63, got {value!r:.40}')
    return str(number)


def order_ids(values) -> list:
    """Distinct canonical order ids in first-seen order; the whole list is checked before anything is sent."""
    if values is None:
        raise ArgumentsRequired('satori cancel_orders() requires a list of order ids')
    if not isinstance(values, list):
        raise BadRequest(f'satori cancel_orders() expects a list of order ids, got {type(values).__name__}')
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
    return envelope_code(response) == '200' and response.get('error') is not True


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

def positive_int(value, name: str, maximum=None) -> int:
    """An int argument (``limit``, ``pageSize``, ``leverage``): a positive whole number, else BadRequest before sending."""
    number = None
    if isinstance(value, Integral) and not isinstance(value, bool):
        number = int(value)
    elif isinstance(value, (float, Decimal)):
        try:
            number = int(value) if value == int(value) else None
        except (ArithmeticError, ValueError):  # nan, infinity
            number = None
    elif isinstance(value, str) and _DECIMAL_ID.fullmatch(value):
        number = int(value)
    if number is None or number < 1 or (maximum is not None and number > maximum):
        bound = f' and at most {maximum}' if maximum is not None else ''
        raise BadRequest(f'satori {name} must be a positive whole number{bound}, got {value!r:.40}')
    return number


def _argument_decimal(value):
    if isinstance(value, str):
        return decimal(value)
    if isinstance(value, (Integral, float, Decimal)) and not isinstance(value, bool):
        try:
            return decimal(number_to_string(value))
        except ArithmeticError:  # nan, infinity
            return None
    return None


def positive_decimal(value, name: str) -> str:
    """An amount or price argument as a plain decimal string, else BadRequest before sending."""
    text = _argument_decimal(value)
    if text is None or Decimal(text) <= 0:
        raise BadRequest(f'satori {name} must be a positive number, got {value!r:.40}')
    return text


def fraction(value, name: str) -> str:
    """A fraction in [0, 1) (a slippage) as a decimal string, else BadRequest."""
    text = _argument_decimal(value)
    if text is None or not 0 <= Decimal(text) < 1:
        raise BadRequest(f'satori {name} must be a fraction in [0, 1), got {value!r:.40}')
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
