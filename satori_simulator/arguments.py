"""Checks of the test hooks' arguments, for Python callers and the admin routes alike.

A value of the wrong type, out of range or not finite is a ValueError that names
the argument (the admin routes answer it as a 400), never a TypeError,
OverflowError or decimal error from deeper down. JSON's booleans are Python
bools, which are ints too: they are refused wherever a number is expected.
"""

import math
from decimal import Decimal, InvalidOperation


def integer(name: str, value, minimum: int, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise ValueError(f'{name} must be an integer from {minimum} to {maximum}')
    return value


def number(name: str, value, minimum: float, maximum: float) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or not minimum <= value <= maximum:
        raise ValueError(f'{name} must be a number from {minimum} to {maximum}')
    return value


def text(name: str, value, max_length: int) -> str:
    if not isinstance(value, str) or len(value) > max_length:
        raise ValueError(f'{name} must be a string of at most {max_length} characters')
    return value


def flag(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f'{name} must be true or false')
    return value


def decimal(name: str, value, maximum: Decimal) -> Decimal:
    """A decimal written as a string, an int or a float (read as it prints), from 0 to ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or (isinstance(value, str) and len(value) > 40):
        raise ValueError(f'{name} must be a decimal string or a number')
    try:
        parsed = Decimal(value) if isinstance(value, int) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f'{name} must be a decimal string or a number, not {value!r}') from None
    if not parsed.is_finite() or not 0 <= parsed <= maximum:
        raise ValueError(f'{name} must be from 0 to {maximum}')
    return parsed
