"""One definition of each unified method, two thin drivers.

A unified method is written once, in one of the mixins of ``core.SatoriCore``, as a generator decorated
with ``@unified``: wherever it needs I/O it yields ``call(name, *args)`` (an
implicit endpoint such as ``privatePostApiThirdOrderCancelEntrust``, or a
method such as ``load_markets``) and receives the result, or has the
exception thrown in at that point. ``bind_sync``/``bind_async`` turn every such
generator into a plain method on the sync class and an ``async def`` on the
async class; the two drivers below differ only in ``await``.
"""

import functools
import inspect
from typing import NamedTuple


class Call(NamedTuple):
    """A request for I/O: call ``getattr(exchange, method)(*args)`` and send back the result."""
    method: str
    args: tuple


def call(method: str, *args) -> Call:
    return Call(method, args)


def unified(generator_function):
    """Marks a generator method of the shared core as a unified ccxt method."""
    generator_function.__unified__ = True
    return generator_function


def run_sync(exchange, flow):
    reply = error = None
    while True:
        try:
            step = flow.send(reply) if error is None else flow.throw(error)
        except StopIteration as done:
            return done.value
        try:
            reply, error = getattr(exchange, step.method)(*step.args), None
        except BaseException as exc:  # handed back to the flow, which decides (Ctrl-C included: cancel_orders reports what it knows)
            reply, error = None, exc


async def run_async(exchange, flow):
    reply = error = None
    while True:
        try:
            step = flow.send(reply) if error is None else flow.throw(error)
        except StopIteration as done:
            return done.value
        try:
            reply, error = await getattr(exchange, step.method)(*step.args), None
        except BaseException as exc:  # handed back to the flow, which decides (cancellation included)
            reply, error = None, exc


def _sync_method(flow_function):
    @functools.wraps(flow_function, updated=())
    def method(self, *args, **kwargs):
        return run_sync(self, flow_function(self, *args, **kwargs))
    return method


def _async_method(flow_function):
    @functools.wraps(flow_function, updated=())
    async def method(self, *args, **kwargs):
        return await run_async(self, flow_function(self, *args, **kwargs))
    return method


def _bind(cls, make_method):
    for name in dir(cls):
        attribute = inspect.getattr_static(cls, name)
        if getattr(attribute, '__unified__', False):
            setattr(cls, name, make_method(attribute))
    return cls


def bind_sync(cls):
    """Class decorator: a plain method for every ``@unified`` flow ``cls`` inherits."""
    return _bind(cls, _sync_method)


def bind_async(cls):
    """Class decorator: an ``async def`` method for every ``@unified`` flow ``cls`` inherits."""
    return _bind(cls, _async_method)
