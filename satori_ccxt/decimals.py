"""Numbers as decimal text: what reads as one, and the arithmetic the methods do on them.

Venue numbers stay decimal strings from Satori's answer to ccxt's structures,
so no float rounds a price or a quantity on the way.
"""

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ccxt.base.errors import BadRequest
from ccxt.base.precise import Precise

MAX_INT64 = 2 ** 63 - 1       # no whole number Satori takes or answers (an id, a time, a count) is larger
_DIGITS = re.compile(r'[0-9]+')
_MAX_INT64_DIGITS = len(str(MAX_INT64))
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


def is_digits(text) -> bool:
    """Whether ``text`` is a string of ASCII decimal digits."""
    return isinstance(text, str) and _DIGITS.fullmatch(text) is not None


def digits_value(text: str):
    """The int of a string of ASCII digits, or None when it has more digits than an int64 (int() refuses > 4300)."""
    digits = text.lstrip('0') or '0'
    return int(digits) if len(digits) <= _MAX_INT64_DIGITS else None


def whole_number(value):
    """A whole number in 1..2**63-1 in Satori's answer (an id, a time), an int or its digits, as canonical digits; else None."""
    if is_digits(value):
        number = digits_value(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        return None
    return str(number) if number is not None and 0 < number <= MAX_INT64 else None


def id_sort_key(text):
    """Sorts decimal ids by value without int() (which refuses more than 4300 digits); other ids first."""
    if is_digits(text):
        digits = text.lstrip('0')
        return len(digits), digits
    return 0, ''


def decimal_sum(values) -> str:
    total = '0'
    for value in values:
        total = Precise.string_add(total, value)
    return total


def ratio(numerator, denominator, scale='1'):
    """``numerator / denominator * scale`` as a decimal string, or None when a part is missing or the denominator is not positive."""
    if numerator is None or denominator is None or not Precise.string_gt(denominator, '0'):
        return None
    return Precise.string_mul(Precise.string_div(numerator, denominator), scale)


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
