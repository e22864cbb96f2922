"""Batch cancel that learns the true state of every id.

``batchCancelEntrust`` cancels in the given order and stops at the first
order it cannot cancel, answering with that order's error code (or with
``data: false``) but not its position. ``BatchCancelPlan`` decides, with no
I/O, which request to send next until every id is settled:

- a batch that succeeds settles all its ids as cancelled;
- after a batch that stopped, its ids are probed one by one with the
  idempotent single cancel, in order. An id answering 2125 (already
  cancelled) may have been cancelled by the batch, so probing goes on; the
  first id answering anything else proves the batch stopped at or before
  it, so the ids after it were never touched and go out as a new batch.

So a failure at position k of n costs k + 1 probes and one more batch, not n probes.
"""

from typing import NamedTuple

from .wire import envelope_code

# What an answer of the single cancel says about an order: body code -> ccxt status.
CANCEL_OUTCOMES = {
    '2125': 'canceled',  # already cancelled (by us, by the batch, or behind our back)
    '2126': 'closed',    # completely filled
    '2103': 'expired',
    '2319': 'open',      # Satori refused; the order stays open
}


def cancel_outcome(response):
    """The ccxt status an order is in after a cancel answered ``response``, or None if it says nothing about the order.

    ``response`` is the decoded envelope of a success or of a business error.
    A success whose ``data`` is not ``true`` did not confirm the cancel, so
    the order counts as refused (still open); the raw answer stays in ``info``.
    """
    code = envelope_code(response)
    if code == '200':
        return 'canceled' if response.get('data') is True else 'open'
    return CANCEL_OUTCOMES.get(code)


class Step(NamedTuple):
    batch: bool  # True: batchCancelEntrust of ``ids``; False: cancelEntrust of ``ids[0]``
    ids: list


class BatchCancelPlan:
    def __init__(self, ids: list, max_ids: int):
        self.ids = ids
        self.max_ids = max_ids
        self.settled = {}     # id -> (status, info); ids settle in request order
        self._next = 0        # index in ids of the first unsettled id
        self._uncertain = 0   # how many ids from _next on belong to a stopped batch

    def next_step(self):
        """The next request to send, or None once every id is settled."""
        if self._next == len(self.ids):
            return None
        if self._uncertain:
            return Step(False, [self.ids[self._next]])
        return Step(True, self.ids[self._next:self._next + self.max_ids])

    def record(self, step: Step, response):
        """Learns from Satori's answer to ``step``: a success envelope, or the envelope of a business error.

        The answer must say something about the orders (``cancel_outcome`` is
        not None); any other failure leaves the plan as it was.
        """
        status = cancel_outcome(response)
        if status is None:
            raise ValueError(f'an answer that says nothing about the orders: {response!r:.200}')
        code = envelope_code(response)
        if not step.batch:
            self._settle(step.ids[0], status, response)
            self._uncertain = self._uncertain - 1 if code == '2125' else 0
        elif code == '200' and status == 'canceled':  # not a 2125: that is where a batch stopped
            for order_id in step.ids:
                self._settle(order_id, status, response)
        elif len(step.ids) == 1 and code != '200':
            self._settle(step.ids[0], status, response)  # a batch of one stopped at that one
        else:
            self._uncertain = len(step.ids)  # stopped at an unknown position

    def _settle(self, order_id, status, info):
        self.settled[order_id] = (status, info)
        self._next += 1

    def unsettled(self) -> list:
        return self.ids[self._next:]

    def results(self) -> list:
        """(id, status, info) for every id in request order; status None where the state is unknown."""
        return [(order_id,) + self.settled.get(order_id, (None, None)) for order_id in self.ids]
