"""A faithful local Satori Finance, so the client and its tests run offline: ``from satori_simulator import Simulator``.

A package of its own beside ``satori_ccxt``, in the same distribution: it imports nothing from the client (a test
holds it to that), so that it checks the client against Satori's rules as written here rather than as the client
reads them, and any Satori client can use it.

Read top-down:
- ``simulator.py``: ``Simulator``, the facade (thread, clock, accounts, test hooks, request log, faults);
- ``server.py``: HTTP, the request log, faults, authentication, admin routes (``/__sim/...``);
- ``protocol.py``: Satori's wire rules as pure functions (query form, signature, timestamp, typed parameters);
- ``keys.py``: wallet addresses and signer recovery on coincurve and keccak (no eth-account);
- ``endpoints.py``: the endpoint table and what each endpoint does;
- ``engine.py``: markets, accounts, order books and matching, positions, balances;
- ``views.py``: that state in Satori's field names; ``prices.py``: the seeded price walk;
- ``faults.py``, ``clock.py``, ``codes.py``: injected failures, the settable clock, Satori's codes;
- ``timeline.py``: how the logged requests overlapped (round trips, requests in flight), without a clock;
- ``arguments.py``: checks of the test hooks' and admin routes' arguments.
"""

from .simulator import DOCS_API_KEY, DOCS_WALLET, SimAccount, Simulator

__all__ = ['Simulator', 'SimAccount', 'DOCS_API_KEY', 'DOCS_WALLET']
