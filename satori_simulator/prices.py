"""Reference prices: a seeded random walk that is a pure function of (seed, market, time).

The price at a second is the market's base price times ``exp`` of a sum of
smoothed random steps at 11 time scales (1 s, 4 s, 16 s ... about 12 days),
each scale's amplitude growing with its length as in a random walk. Being a
function of time rather than of the order in which it was asked, it gives
the same book, marks and candles for the same seed and clock whatever the
requests were, lets the clock jump (to a docs example's timestamp, say) in
O(1), and stays within ``MAX_DEVIATION`` of the base price, so orders placed
well away from the book stay away from it.
"""

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

SECOND_MS = 1000
SCALES = 11
SCALE_BITS = 2           # each scale is 4 times longer than the one before
MAX_DEVIATION = 0.05     # largest |log(price / base)|
_GROWTH = 4 ** 0.35      # amplitude ratio between neighbouring scales
_AMPLITUDES = [_GROWTH ** s for s in range(SCALES)]
_AMPLITUDES = [MAX_DEVIATION * a / sum(_AMPLITUDES) for a in _AMPLITUDES]
_MARK_BASIS = 0.0005     # mark price = index +- 5 bp, so a client that reads the wrong endpoint shows it
_MARK_SCALE = 3          # the basis changes over about a minute
FUNDING_RATE_BOUND = 0.0001   # the hourly funding rate stays within +-1 bp (Satori caps it at 0.75%)
_FUNDING_SALT = 0x66756E64
_FUNDING_STEP = Decimal('1e-7')
_MASK = (1 << 64) - 1


@lru_cache(maxsize=1 << 14)
def _step(salt: int, scale: int, index: int) -> float:
    """A uniform value in [-1, 1] for one step of one scale (splitmix64 of the step's coordinates)."""
    x = (salt + scale * 0x9E3779B97F4A7C15 + index * 0xD1B54A32D192ED03) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return (x ^ (x >> 31)) / 9223372036854775808.0 - 1.0


def _smoothed(salt: int, scale: int, second: int) -> float:
    span = 1 << (scale * SCALE_BITS)
    index, offset = divmod(second, span)
    weight = offset / span
    weight = weight * weight * (3 - 2 * weight)
    return _step(salt, scale, index) * (1 - weight) + _step(salt, scale, index + 1) * weight


class PriceWalk:
    def __init__(self, salt: int, base: Decimal, tick: Decimal):
        self.salt = salt
        self.base = float(base)
        self.tick = tick

    def index_float(self, ms: int) -> float:
        second = ms // SECOND_MS
        offset = sum(amplitude * _smoothed(self.salt, scale, second) for scale, amplitude in enumerate(_AMPLITUDES))
        return self.base * math.exp(offset)

    def index(self, ms: int) -> Decimal:
        return self.round(self.index_float(ms))

    def mark(self, ms: int) -> Decimal:
        basis = _MARK_BASIS * _smoothed(self.salt ^ 0x6D61726B, _MARK_SCALE, ms // SECOND_MS)
        return self.round(self.index_float(ms) * (1 + basis))

    def funding_rate(self, hour: int) -> Decimal:
        """The funding rate charged at the start of ``hour`` (ms // 3600000): seeded, within +-FUNDING_RATE_BOUND."""
        value = _step(self.salt ^ _FUNDING_SALT, 0, hour) * FUNDING_RATE_BOUND
        return Decimal(repr(value)).quantize(_FUNDING_STEP, rounding=ROUND_HALF_UP)

    def round(self, value: float) -> Decimal:
        return Decimal(repr(value)).quantize(self.tick, rounding=ROUND_HALF_UP)

    def candle(self, start_ms: int, end_ms: int, samples: int = 8):
        """(open, high, low, close) of the walk over [start_ms, end_ms], sampled at ``samples`` + 1 points."""
        span = max(end_ms - start_ms, 0)
        prices = [self.index(start_ms + span * i // samples) for i in range(samples + 1)]
        return prices[0], max(prices), min(prices), prices[-1]
