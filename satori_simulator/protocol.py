"""How the simulator reads a request: Satori's wire rules as pure functions (no I/O, no state).

Every rule answers with the code Satori would (docs/evidence.md: the envelope, signing);
where Satori's behaviour is not documented the choice is the strict one, so a
client that passes here is right on the wire.
"""

import json
import re
from decimal import Decimal
from urllib.parse import parse_qsl

from .codes import SatoriError, illegal, required
from .keys import SECP256K1_ORDER, personal_message_digest, recover_signer

MAX_ID = 2 ** 63 - 1  # ids are int64
# The deepest JSON a request may hold: a batchCreate body is 3 levels deep, an admin document 1.
# Checked before parsing, since json's C parser recurses once per level and, under the
# recursion limit eth-account sets (100000), runs off the thread's stack before refusing.
MAX_JSON_DEPTH = 32

_KEY = re.compile(r'[A-Za-z][A-Za-z0-9_]*')
# What a value may hold in a signed query: Satori signs the text as sent and nothing
# is percent-encoded, so a '%' (or a '+', which a form parser reads as a space)
# means the client signed one text and the server would read another.
_SIGNED_VALUE = re.compile(r'[A-Za-z0-9._~:@,-]*')
# At most 19 digits, as many as the largest int64 has: every integer Satori reads is one, and
# Python's int() refuses strings of more than 4300 digits with a ValueError.
_INTEGER = re.compile(r'0|[1-9][0-9]{0,18}')
# Bounded so that every amount derived from a value fits Decimal's 28 digits.
_DECIMAL = re.compile(r'(0|[1-9][0-9]{0,11})(\.[0-9]{1,12})?')
# The documented signature form (docs/evidence.md, signing): lowercase hex r, s and v, v 27 or 28, low s. That
# Satori's verifier refuses every other form is assumed: the strict reading, so a client that passes here is right.
_SIGNATURE = re.compile(r'0x([0-9a-f]{64})([0-9a-f]{64})(1[bc])')
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_A_BRACKET = re.compile(r'[^\[\]{}]+')
_EMPTY_PAIR = re.compile(r'\[\]|\{\}')   # one scan: a pass removes the pairs that were innermost before it


def parse_signed_query(raw: str) -> dict:
    """The parameters of a signed query string, which must be in Satori's canonical form.

    Keys must be sorted: every documented example is, and a server that
    rebuilds the sorted string to verify it would recover another address
    from an unsorted one, hence 4001 rather than 2001.
    """
    if raw == '':
        return {}
    pairs = []
    for part in raw.split('&'):
        key, separator, value = part.partition('=')
        if not separator or _KEY.fullmatch(key) is None:
            raise illegal(key or 'query')
        if _SIGNED_VALUE.fullmatch(value) is None:
            raise illegal(key)
        pairs.append((key, value))
    keys = [key for key, _ in pairs]
    _refuse_duplicates(keys)
    if keys != sorted(keys):
        raise SatoriError(4001)
    return dict(pairs)


def parse_public_query(raw: str) -> dict:
    """The parameters of an unsigned GET; ordinary URL decoding applies since nothing is signed."""
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True) if raw else []
    except ValueError:
        raise illegal('query') from None
    _refuse_duplicates([key for key, _ in pairs])
    return dict(pairs)


def parse_json_body(text: str):
    """The JSON body of ``batchCreate``: it must be the compact, key-sorted text the docs sign.

    The signature is verified over this raw text; requiring the canonical form
    as well means a client whose body only happens to verify (spaces, key
    order) is caught here rather than by a stricter gateway later.
    """
    try:
        document = load_json(text, object_pairs_hook=_object_without_duplicates)
    except ValueError:
        raise illegal('body') from None
    if json.dumps(document, separators=(',', ':'), sort_keys=True, ensure_ascii=False) != text:
        raise illegal('body')
    if not isinstance(document, dict):
        raise illegal('body')
    return document


def load_json(text, **options):
    """``json.loads`` that refuses, with a ValueError, brackets nested deeper than ``MAX_JSON_DEPTH`` (or unmatched)."""
    if brackets_nested_deeper_than(text, MAX_JSON_DEPTH):
        raise ValueError(f'JSON nested deeper than {MAX_JSON_DEPTH} levels, or with brackets that do not match')
    return json.loads(text, **options)


def brackets_nested_deeper_than(text: str, depth: int) -> bool:
    """Whether the brackets of a JSON text, outside its strings, nest deeper than ``depth`` or do not match.

    Without recursion and in a few passes of C-speed string operations, so a
    hostile megabyte costs milliseconds: strings are cut out (an unterminated
    one runs to the end, so the regex never fails and retries), then each pass
    removes the innermost pairs; ``depth`` passes clear well-nested brackets.
    """
    brackets = _NOT_A_BRACKET.sub('', _JSON_STRING.sub('', text))
    for _ in range(depth):
        if not brackets:
            return False
        inner_pairs_removed = _EMPTY_PAIR.sub('', brackets)
        if inner_pairs_removed == brackets:
            return True   # no pair left to remove: the brackets do not match
        brackets = inner_pairs_removed
    return bool(brackets)


def recovered_address(text: str, signature: str):
    """The address that signed ``text`` with EIP-191 ``personal_sign``, or None for a signature Satori would refuse.

    As strict as Satori's verifier: ``0x``, r, s and v in lowercase hex, v ``1b``
    or ``1c``, r and s within the curve's order and s in its lower half (the
    high-s twin of a valid signature recovers the same address, and is refused).
    """
    form = _SIGNATURE.fullmatch(signature)
    if form is None:
        return None
    r, s = int(form.group(1), 16), int(form.group(2), 16)
    if not (0 < r < SECP256K1_ORDER and 0 < s <= SECP256K1_ORDER // 2):
        return None
    return recover_signer(personal_message_digest(text), r, s, int(form.group(3), 16) - 27)


def check_timestamp(value, now_ms: int, window_ms: int) -> None:
    if value is None or value == '':
        raise required('timestamp')
    if not isinstance(value, str) or _INTEGER.fullmatch(value) is None or abs(int(value) - now_ms) > window_ms:
        raise illegal('timestamp')


class Params:
    """A request's named values, read through typed accessors that raise Satori's 2001/2002.

    Values are the strings of the query; ``from_json`` turns a JSON object into
    the same strings after checking the JSON types the docs' template shows.
    """

    def __init__(self, values: dict):
        self.values = values

    @classmethod
    def from_json(cls, document: dict, types: dict) -> 'Params':
        values = {}
        for key, value in document.items():
            expected = types.get(key)
            if expected is None:
                raise illegal(key)
            if expected is bool:
                if not isinstance(value, bool):
                    raise illegal(key)
                values[key] = 'True' if value else 'False'
            elif expected is int:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise illegal(key)
                values[key] = str(value)
            else:
                if not isinstance(value, str):
                    raise illegal(key)
                values[key] = value
        return cls(values)

    def refuse_unknown(self, allowed) -> None:
        for key in self.values:
            if key not in allowed:
                raise illegal(key)

    def text(self, name, need=True):
        value = self.values.get(name)
        if value is None or value == '':
            if need:
                raise required(name)
            return None
        return value

    def boolean(self, name, need=True):
        value = self.text(name, need)
        if value is None:
            return None
        # Python-style capitals, as in every signed example; a lowercase 'true' is a client bug.
        if value not in ('True', 'False'):
            raise illegal(name)
        return value == 'True'

    def integer(self, name, need=True, minimum=None, maximum=MAX_ID):
        value = self.text(name, need)
        if value is None:
            return None
        if _INTEGER.fullmatch(value) is None:
            raise illegal(name)
        number = int(value)
        if (minimum is not None and number < minimum) or number > maximum:
            raise illegal(name)
        return number

    def decimal(self, name, need=True):
        value = self.text(name, need)
        if value is None:
            return None
        if _DECIMAL.fullmatch(value) is None:
            raise illegal(name)
        return Decimal(value)

    def order_id(self, name):
        return self.integer(name, minimum=1)

    def id_list(self, name):
        """Comma-joined ids, no spaces, none empty (``entrustIds=1,2,3``)."""
        value = self.text(name)
        ids = []
        for item in value.split(','):
            if _INTEGER.fullmatch(item) is None or not 0 < int(item) <= MAX_ID:
                raise illegal(name)
            ids.append(int(item))
        return ids


def _refuse_duplicates(keys) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise illegal(key)
        seen.add(key)


def _object_without_duplicates(pairs):
    _refuse_duplicates([key for key, _ in pairs])
    return dict(pairs)
