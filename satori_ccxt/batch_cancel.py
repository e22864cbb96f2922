"""Batch cancel that learns the true state of every id, at a cost that follows the failures.

``batchCancelEntrust`` cancels in the given order and stops at the first
order it cannot cancel, answering with that order's error code (or with
``data: false``) but not its position. A single ``cancelEntrust`` settles its
id with one request whatever the order's state. ``BatchCancelPlan`` decides,
with no I/O, which requests go next until every id is settled. A step is a
list of requests whose answers do not depend on each other (the async class
sends them together, at most ``concurrency`` of them):

- a ``BATCH`` of ids, while the credit below allows it; one that succeeds
  settles all its ids as cancelled;
- after a batch stopped, its ids are probed with ``CANCEL`` (single cancels),
  in order, a window of ``concurrency`` at a time. An id answering 2125
  (already cancelled) may have been cancelled by the batch, so probing goes
  on; the first answer that is not 2125 proves where the batch stopped: the
  batch's ids after the window were never touched and go back to the plan;
- ``CANCEL`` windows for ids where failures are dense (the batch size shrank
  to one);
- a ``QUERY`` (queryOrder) for each id whose cancel was refused (2319, a
  2001 that names the order id, or an unconfirmed ``data: false``): a
  refusal says neither that the order is open nor that it exists, so its
  state is learned: open (really refused), filled, cancelled or expired
  meanwhile, or ``'rejected'`` for an id Satori does not know.

The cost follows the failures. Every id is settled by exactly one answer (a
batch that succeeded, or its own single cancel), so the cancel requests
number n - sum(size - 1 over batches that succeeded) + (batches that
stopped). The plan starts with a credit of ceil(log2 n) + 2; a stopped batch
spends 1, a batch of s ids that succeeded earns s - 1, and a batch goes out
only while the credit is at least 1: whatever fails, n + ceil(log2 n) + 2
cancel requests at most, plus one query per refused id; with no failure,
ceil(n / max_ids). The batch size adapts: after a stop it shrinks to the run
of cancellable ids seen before the failure (down to single cancels); after a
step with no failure it doubles, or grows to twice the run of cancellable ids
seen since the last failure if that is more, up to ``max_ids``.
"""

from collections import deque
from typing import NamedTuple

from .errors import CODES, REFUSED
from .vocabulary import ORDER_STATUSES, envelope_code, is_success, names_the_order_id

BATCH, CANCEL, QUERY = 'batch', 'cancel', 'query'

NOT_FOUND = 'rejected'  # ccxt's status for an id the venue rejects as a whole (okx, paradex, hyperliquid read it so)

# What an answer of the single cancel says about an order: body code -> what became of it (errors.CODES, the outcome column).
CANCEL_OUTCOMES = {code: row.outcome for code, row in CODES.items() if row.outcome is not None}


def cancel_outcome(response):
    """What a cancel answered ``response`` says about its order: a ccxt status, ``REFUSED``, or None for nothing.

    ``response`` is the decoded envelope of a success or of a business error.
    A success whose ``data`` is not ``true`` did not confirm the cancel: a
    refusal, whose raw answer stays in ``info``; so is a 2001 that names the
    order id.
    """
    code = envelope_code(response)
    if code == '200':
        return 'canceled' if confirmed(response) else REFUSED
    if names_the_order_id(response):
        return REFUSED
    return CANCEL_OUTCOMES.get(code)


def confirmed(response) -> bool:
    """Whether a cancel's answer confirms that this request cancelled: a success with ``data: true`` (a 2125 does not say so)."""
    return envelope_code(response) == '200' and response.get('data') is True


def queried_order(response):
    """What queryOrder's answer ``response`` (a success envelope, or an error's) says: the order's record, ``NOT_FOUND``, or None.

    Assumed (the endpoint is undocumented, docs/evidence.md): an id that is not
    one of the caller's orders is answered 2001 "Illegal parameter:entrustId",
    or a success with no order in ``data``. None: the answer says nothing
    (another error, or a ``data`` that is no order).
    """
    if names_the_order_id(response):
        return NOT_FOUND
    if not is_success(response):
        return None
    data = response.get('data')
    if data is None or data == {}:
        return NOT_FOUND
    return data if isinstance(data, dict) else None


def queried_status(response):
    """The ccxt status queryOrder's answer ``response`` gives its order, ``NOT_FOUND``, or None when it says neither."""
    found = queried_order(response)
    if found is None or found == NOT_FOUND:
        return found
    return ORDER_STATUSES.get(str(found.get('status')))


class Request(NamedTuple):
    kind: str    # BATCH: batchCancelEntrust of ``ids``; CANCEL: cancelEntrust of ``ids[0]``; QUERY: queryOrder of ``ids[0]``
    ids: tuple


class BatchCancelPlan:
    def __init__(self, ids: list, max_ids: int, concurrency: int = 1):
        self.ids = list(ids)
        self.max_ids = max_ids
        self.concurrency = concurrency
        self.credit = (len(self.ids) - 1).bit_length() + 2   # ceil(log2 n) + 2
        self.size = max_ids
        self.settled = {}          # id -> (status, info)
        self._refusals = {}        # id -> Satori's refusal, until the id's state is learned
        self._to_query = deque()   # refused ids whose query has not gone out
        self._cursor = 0           # ids[:_cursor] have had their own answer (or a batch's); the rest have not
        self._suspect_end = 0      # ids[_cursor:_suspect_end] were in the batch that stopped, where it stopped not yet proven
        self._batch_start = 0      # where that batch started
        self._run = 0              # cancellable ids seen in a row since the last failure
        self._stalled = False      # an answer said nothing: the plan goes no further

    def next_step(self):
        """The next requests to send, all independent of each other, or None once every id is settled (or the plan stalled)."""
        if self._stalled:
            return None
        step = []
        while self._to_query and len(step) < self.concurrency:
            step.append(Request(QUERY, (self._to_query.popleft(),)))
        room = self.concurrency - len(step)
        if room and self._cursor < len(self.ids):
            if self._cursor < self._suspect_end:
                step.extend(self._singles(min(self._suspect_end, self._cursor + room)))
            else:
                size = min(self.size, len(self.ids) - self._cursor)
                if size >= 2 and self.credit >= 1:
                    step.append(Request(BATCH, tuple(self.ids[self._cursor:self._cursor + size])))
                else:
                    step.extend(self._singles(min(len(self.ids), self._cursor + room)))
        return step or None

    def _singles(self, end):
        return [Request(CANCEL, (order_id,)) for order_id in self.ids[self._cursor:end]]

    def record(self, step: list, answers: list) -> list:
        """Learns from Satori's answers to ``step``, one per request: a success envelope, an error's envelope, or None.

        An answer that says nothing about its ids (None, or an envelope that is
        neither an outcome nor a refusal) leaves them unsettled, status None,
        and stalls the plan: ``next_step`` is None from then on. Returns the
        positions in ``step`` of those requests.
        """
        silent, window = [], []
        for position, (request, answer) in enumerate(zip(step, answers, strict=True)):
            if request.kind == QUERY:
                said = self._learn(request.ids[0], answer)
            else:
                said = cancel_outcome(answer) is not None
                if request.kind == CANCEL:
                    window.append((request.ids[0], answer))
                elif said:
                    self._record_batch(request.ids, answer)
            if not said:
                silent.append(position)
        self._stalled = self._stalled or bool(silent)
        if window:
            self._record_window(window)
        return silent

    def _record_batch(self, ids, answer):
        if confirmed(answer):
            for order_id in ids:
                self.settled[order_id] = ('canceled', answer)
            self._cursor += len(ids)
            self.credit += len(ids) - 1
            self._adapt([True] * len(ids))
        else:  # stopped at an unknown position
            self.credit -= 1
            self._batch_start = self._cursor
            self._suspect_end = self._cursor + len(ids)

    def _record_window(self, window):
        """Single cancels of ids[_cursor:_cursor + len(window)], in order: each settles its id; a probe also locates a stop."""
        start = self._cursor
        for order_id, answer in window:
            outcome = cancel_outcome(answer)
            if outcome == REFUSED:
                self._refusals[order_id] = answer
                self._to_query.append(order_id)
            elif outcome is not None:
                self.settled[order_id] = (outcome, answer)
        if self._stalled:
            return
        self._cursor += len(window)
        answers = [answer for _, answer in window]
        observed = []   # in id order: True for an id that was open (cancelled by the batch or now), False for a failure
        if start < self._suspect_end:
            stop = next((offset for offset, answer in enumerate(answers) if envelope_code(answer) != '2125'), None)
            if stop is None:
                if self._cursor < self._suspect_end:
                    return  # all cancelled so far, by the batch or before it: probing goes on
                # Every id of the batch answered 2125: it stopped at one cancelled before it, and the ids after that one
                # were cancelled before too; which one is unknown.
                self._suspect_end = 0
                self._adapt([False])
                return
            self._suspect_end = 0       # the batch stopped there: its ids after this window were never touched
            observed = [True] * (start + stop - self._batch_start) + [False]
            answers = answers[stop + 1:]
        observed.extend(confirmed(answer) for answer in answers)
        self._adapt(observed)

    def _adapt(self, observed):
        """The next batch's size, from what the last step showed of the ids in order (True: open, False: a failure)."""
        run_before_failure = None
        for was_open in observed:
            if was_open:
                self._run += 1
            else:
                run_before_failure, self._run = self._run, 0
        if run_before_failure is None:   # none failed: grow, at least to twice the open ids seen in a row
            self.size = min(self.max_ids, max(2 * self.size, 2 * self._run))
        else:                            # shrink to the run of open ids that ended in the failure, down to single cancels
            self.size = min(self.max_ids, max(1, run_before_failure))

    def _learn(self, order_id, answer) -> bool:
        """Settles a refused id from queryOrder's ``answer``; False when the answer says nothing."""
        status = queried_status(answer)
        if status is None:
            return False
        self.settled[order_id] = (status, {'cancel': self._refusals.pop(order_id), 'queryOrder': answer, 'notFound': status == NOT_FOUND})
        return True

    def settled_count(self) -> int:
        return len(self.settled)

    def unsettled(self) -> list:
        return [order_id for order_id in self.ids if order_id not in self.settled]

    def results(self) -> list:
        """(id, status, info) for every id in request order; status None where the state is unknown.

        A refused id whose state is not learned yet carries the refusal in ``info``.
        """
        results = []
        for order_id in self.ids:
            if order_id in self.settled:
                results.append((order_id,) + self.settled[order_id])
            elif order_id in self._refusals:
                results.append((order_id, None, {'cancel': self._refusals[order_id], 'queryOrder': None, 'notFound': None}))
            else:
                results.append((order_id, None, None))
        return results
