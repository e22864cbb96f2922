"""Satori's vocabulary: its enumerations and its envelope.

Everything that knows how Satori spells a value of a request or a response
lives here (and ``describe.py`` holds its paths); the exchange classes speak ccxt.
"""

# ----- Satori's enumerations (docs/evidence.md, enumerations) and their ccxt names ---------------

MATCH_TYPES = {'GTC': 1, 'IOC': 2, 'FOK': 3, 'PO': 4}        # ccxt timeInForce -> matchType
TIME_IN_FORCE = {str(code): name for name, code in MATCH_TYPES.items()}
POSITION_TYPES = {'isolated': 3, 'cross': 4}                  # ccxt marginMode -> positionType (one-way only)
MARGIN_MODES = {str(code): name for name, code in POSITION_TYPES.items()}
# queryOrder and orders/histories ``status`` -> ccxt status (captured on a later deployment, docs/evidence.md).
ORDER_STATUSES = {'1': 'open', '2': 'closed', '3': 'canceled', '4': 'expired'}
PAIR_TRADING = '1'  # pair list ``status`` of a market open for trading, where it names no ``tradable`` (assumed)


# ----- the envelope ------------------------------------------------------------------------------

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


# The parameters that name an order by id: a 2001 "Illegal parameter:<one of these>" is about the order, not the request.
ORDER_ID_PARAMETERS = ('entrustId', 'entrustIds')


def names_the_order_id(response) -> bool:
    """Whether ``response`` is 2001 "Illegal parameter:entrustId" (or ``entrustIds``): the id is no order of the caller's.

    Assumed (docs/evidence.md): how queryOrder, and perhaps a cancel, answer a
    well-formed id Satori does not know. A 2001 that names anything else (a
    stale ``timestamp`` ...) says nothing about the order.
    """
    msg = response.get('msg') if envelope_code(response) == '2001' else None
    return isinstance(msg, str) and msg.rpartition(':')[2].strip() in ORDER_ID_PARAMETERS


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
