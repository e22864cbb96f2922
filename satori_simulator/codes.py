"""Satori's body codes and message texts, as the simulator answers them (docs/evidence.md, error codes)."""

MESSAGES = {
    401: 'Unauthorized',
    404: 'Not Found',
    405: 'Method Not Allowed',
    1001: 'system error:{param0}',
    2001: 'Illegal parameter:{param0}',
    2002: 'Required parameter:{param0}',
    2008: 'Frequent requests:{param0}',
    2103: 'Order expired',
    2104: 'Position expired',
    2105: 'Insufficient position margin',
    2123: 'The amount to be frozen must be greater than 0',
    2125: 'The order has been revoked',
    2126: 'The order has been completely filled',
    2201: 'Insufficient balance available',
    2301: 'Quantity cannot be less than {param0}',
    2302: 'Quantity cannot be greater than {param0}',
    2303: 'Lever cannot be less than {param0}',
    2304: 'Lever cannot be greater than {param0}',
    2315: 'Margin calls are not allowed in this mode',
    2319: 'Failed to cancel order:{param0}',
    2329: 'The server is updating, please wait a moment...',
    4001: 'Invalid address',
}


def message(code: int, param=None) -> str:
    """The text of ``code`` with ``{param0}`` filled in, as Satori sends it."""
    return MESSAGES[code].replace('{param0}', '' if param is None else str(param))


class SatoriError(Exception):
    """A business error: answered as ``{"error": true, "code": code, "msg": ...}`` on HTTP ``status``."""

    def __init__(self, code: int, param=None, status: int = 200):
        self.code = code
        self.msg = message(code, param)
        self.status = status
        super().__init__(f'{code} {self.msg}')


def illegal(name) -> SatoriError:
    return SatoriError(2001, name)


def required(name) -> SatoriError:
    return SatoriError(2002, name)
