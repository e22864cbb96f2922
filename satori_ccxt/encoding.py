"""How a request's parameters are written: the query string and the JSON body Satori signs exactly as sent.

Satori signs the query string as it arrives, and nothing is percent-encoded,
so only characters that survive a URL unencoded may appear in a name or a
value; what cannot be sent that way is refused here (BadRequest) rather than
signed one way and sent another.
"""

import json
import math
import re
from decimal import Decimal

from ccxt.base.decimal_to_precision import number_to_string
from ccxt.base.errors import BadRequest

from .errors import shown

_SAFE_VALUE = re.compile(r'[A-Za-z0-9._~:@,-]*')
_SAFE_NAME = re.compile(r'[A-Za-z0-9._~:@,-]+')
_SAFE_QUERY = re.compile(r'[A-Za-z0-9._~:@,=&-]*')


def sendable(text) -> bool:
    """Whether ``text`` can be a parameter name or a pair name on the wire: non-empty text that needs no percent-encoding."""
    return isinstance(text, str) and _SAFE_NAME.fullmatch(text) is not None


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
