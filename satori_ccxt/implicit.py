"""Implicit API methods (``privatePostApiThirdOrderBatchCancelEntrust`` ...) built from ``describe.API``.

ccxt generates these as files for the exchanges in its tree and does not
create them at runtime; an exchange outside the tree builds its own. The
names follow ccxt's rule: section + HTTP method + path split on
non-alphanumerics, camelCase and snake_case.
"""

import re
from typing import TYPE_CHECKING, Any

from ccxt.base.types import Entry

from .describe import API


def implicit_method_names(section: str, method: str, path: str):
    parts = [section, method.lower()] + [part for part in re.split(r'[^a-zA-Z0-9]', path) if part]
    camel = parts[0] + ''.join(part[0].upper() + part[1:] for part in parts[1:])
    snake = '_'.join(part.lower() for part in parts)
    return camel, snake


def _build(api: dict) -> type:
    attributes = {}
    for section, by_method in api.items():
        for method, paths in by_method.items():
            for path, cost in paths.items():
                entry = Entry(path, [section], method.upper(), {'cost': cost})
                for name in implicit_method_names(section, method, path):
                    attributes[name] = entry
    return type('ImplicitAPI', (), attributes)


if TYPE_CHECKING:
    class ImplicitAPI:
        """To a type checker: a class it can see through (a class built at runtime would make the exchange classes'
        ancestry unknown, and pyright could no longer tell the async class from the sync one), whose implicit methods,
        built at runtime, are attributes of unknown type."""

        def __getattr__(self, name: str) -> Any: ...
else:
    ImplicitAPI = _build(API)
