"""Orders: cancelling one, cancelling many (accounting for every id)."""

from collections import Counter

from ccxt.base.errors import BadRequest, BaseError

from . import wire
from .batch_cancel import BatchCancelPlan, cancel_outcome
from .errors import OrderCancelRefused
from .flow import call, unified


class OrderMethods:
    @unified
    def cancel_order(self, id, symbol=None, params={}):
        """Cancels one order (``POST /api/third/order/cancelEntrust``) and returns it with status ``'canceled'``.

        An order that cannot be cancelled raises: ``OrderAlreadyCanceled`` (2125)
        or ``OrderFilled`` (2126), both ``OrderNotFound``; ``OrderExpired``
        (2103), an ``InvalidOrder``; ``OrderCancelRefused`` (2319, or an
        unconfirmed ``data: false``), an ``ExchangeError``.
        """
        entrust_id = wire.order_id(id)
        yield from self._prepare_private()
        response = yield call('privatePostApiThirdOrderCancelEntrust', self.extend(params, {'entrustId': entrust_id}))
        if cancel_outcome(response) != 'canceled':
            data = self.safe_value(response, 'data')
            error = OrderCancelRefused(f'{self.id} cancel of order {entrust_id} was not confirmed (data: {data!r})')
            error.response = response
            raise error
        return self._cancel_result(entrust_id, 'canceled', response, symbol)

    @unified
    def cancel_orders(self, ids, symbol=None, params={}):
        """Cancels every id and returns one order per distinct id, in request order, with its true status.

        Ids go out in batches of ``options['cancelOrdersMaxIds']`` to
        ``batchCancelEntrust``, which stops at the first order it cannot
        cancel; the ids of a stopped batch are then settled with single
        cancels (see ``batch_cancel.py``). Statuses: ``'canceled'`` (by this
        call or already), ``'closed'`` (filled), ``'expired'``, or ``'open'``
        (Satori refused; its answer is in ``info``).

        A failure that says nothing about the orders (network, rate limit,
        maintenance, authentication ...) raises the mapped ccxt exception;
        its ``orders`` attribute still lists every id, with status None for
        those whose state is unknown.
        """
        entrust_ids = wire.order_ids(ids)
        plan = BatchCancelPlan(entrust_ids, self._cancel_orders_max_ids())
        yield from self._prepare_private()
        step = plan.next_step()
        while step is not None:
            try:
                if step.batch:
                    response = yield call('privatePostApiThirdOrderBatchCancelEntrust', self.extend(params, {'entrustIds': step.ids}))
                else:
                    response = yield call('privatePostApiThirdOrderCancelEntrust', self.extend(params, {'entrustId': step.ids[0]}))
            except BaseError as error:
                response = getattr(error, 'response', None)
                if cancel_outcome(response) is None:
                    raise self._cancel_orders_interrupted(plan, error, symbol) from error
            plan.record(step, response)
            step = plan.next_step()
        return [self._cancel_result(order_id, status, info, symbol) for order_id, status, info in plan.results()]

    def _cancel_orders_max_ids(self) -> int:
        value = self.options.get('cancelOrdersMaxIds')
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise BadRequest(f'{self.id} options["cancelOrdersMaxIds"] must be a positive int, got {value!r}')
        return value

    def _cancel_orders_interrupted(self, plan, error, symbol):
        """``error`` again, with every id's known state attached as ``orders`` and summed up in the message."""
        results = plan.results()
        unsettled = plan.unsettled()
        settled = Counter(status for _, status, _ in results if status is not None)
        summary = ', '.join(f'{count} {status}' for status, count in sorted(settled.items())) or 'none'
        interrupted = type(error)(
            f'{error} [cancel_orders interrupted: {len(unsettled)} of {len(results)} ids in an unknown state '
            f'(first {unsettled[0]}); settled: {summary}; the exception\'s orders attribute lists every id]'
        )
        interrupted.orders = [self._cancel_result(order_id, status, info, symbol) for order_id, status, info in results]
        interrupted.response = getattr(error, 'response', None)
        return interrupted

    def _cancel_result(self, order_id, status, info, symbol):
        return self.safe_order({'id': order_id, 'status': status, 'info': info if info is not None else {}, 'symbol': symbol})
