"""One definition of each unified method, two thin drivers.

A unified method is written once, in one of the mixins of ``core.SatoriCore``, as a generator decorated
with ``@unified``: wherever it needs I/O it yields ``call(name, *args)`` (an
implicit endpoint such as ``privatePostApiThirdOrderCancelEntrust``, or a
method such as ``load_markets``) and receives the result, or has the
exception thrown in at that point. Where it has several calls whose results
do not depend on each other, it yields ``gather(calls, limit)`` and receives
one outcome per call, in order: the result, or the exception the call raised,
so that one failure loses none of the others. The sync driver makes the calls
one after another; the async driver makes them at the same time, at most
``limit`` at once (ccxt's rate limiter still paces them). An interruption
(Ctrl-C, a cancelled task) is thrown into the flow at the ``yield``, where the
``Gather`` it yielded holds the outcomes of the calls that finished.
Each class declares every flow it offers, in its own body:
``fetch_ticker = sync_method(SatoriCore.fetch_ticker)`` makes a plain method on
the sync class, ``async_method`` an ``async def`` on the async class; the two
drivers below differ only in ``await``. The signature is written once, on the
flow (``-> Flow[Ticker]``), and the declaration carries it to type checkers as
``Ticker`` or a coroutine of it; ``bind_sync``/``bind_async`` refuse a class
that inherits a flow it does not declare.

Both edges are guarded here, once for every method: ``params`` is checked
before a flow starts, and a Python exception that escapes a flow (a bug, or a
library's error that ccxt does not map) leaves it as an ExchangeError.
"""

import asyncio
import functools
import inspect
from collections.abc import Callable, Coroutine, Generator, Iterable
from typing import TYPE_CHECKING, Any, Concatenate, NamedTuple, ParamSpec, Protocol, TypeVar, cast, overload

from ccxt.base.errors import BaseError, ExchangeError

from . import arguments

if TYPE_CHECKING:
    from ccxt.async_support.base.exchange import Exchange as AsyncExchange


class Call(NamedTuple):
    """A request for I/O: call ``getattr(exchange, method)(*args)`` and send back the result."""
    method: str
    args: tuple


def call(method: str, *args) -> Call:
    return Call(method, args)


UNFINISHED = object()  # the outcome of a gathered call that an interruption stopped, or that never started


class Gather:
    """Calls whose results do not depend on each other, made at most ``limit`` at a time; ``outcomes`` fills in as they finish."""

    def __init__(self, calls, limit: int):
        self.calls = list(calls)
        self.limit = limit
        self.outcomes = [UNFINISHED] * len(self.calls)


def gather(calls, limit: int) -> Gather:
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f'a gather runs at least one call at a time, not {limit!r}')
    return Gather(calls, limit)


Result = TypeVar('Result')
Returned = TypeVar('Returned', covariant=True)
Parameters = ParamSpec('Parameters')

# What a flow is to a type checker: it yields calls and gathers, is sent their results, and returns ``Result``.
Flow = Generator[Any, Any, Result]
FlowFunction = Callable[Concatenate[Any, Parameters], Flow[Result]]


class Unified(Protocol[Parameters, Returned]):
    """What ``@unified`` makes of a flow, to a type checker: the flow on the class, a method on an instance.

    pyright gives each class's method this type (a name declared on a base
    keeps its declared type), and tells the async class from the sync one by
    ccxt's base classes. mypy reads the ``sync_method``/``async_method``
    declaration in each class's own body instead, which also serves a user
    whose mypy sees ccxt's untyped classes as Any.
    """

    def __call__(self, instance: Any, /, *args: Parameters.args, **kwargs: Parameters.kwargs) -> Flow[Returned]: ...

    @overload
    def __get__(self, instance: None, owner: type) -> Callable[Concatenate[Any, Parameters], Flow[Returned]]: ...

    @overload
    def __get__(self, instance: 'AsyncExchange', owner: type | None = None) -> Callable[Parameters, Coroutine[Any, Any, Returned]]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> Callable[Parameters, Returned]: ...


@overload
def unified(generator_function: FlowFunction[Parameters, Result]) -> Unified[Parameters, Result]: ...


@overload
def unified(
        generator_function: None = None, *, sets: Iterable[str] = (),
) -> Callable[[FlowFunction[Parameters, Result]], Unified[Parameters, Result]]: ...


def unified(generator_function=None, *, sets=()):
    """Marks a generator method of the shared core as a unified ccxt method, its arguments checked at the edge.

    Before the flow starts, whichever of these arguments it takes is checked
    (BadRequest or BadSymbol, before any request): ``symbol`` (None or text),
    ``symbols`` (None or a list of text), ``since`` (None or a whole number of
    ms), ``params`` (``arguments.checked_params``: None reads as ``{}``). ``sets``
    names the fields the method writes from its arguments, which the caller's
    ``params`` may not carry; nor ``timestamp``, which signing sets.
    """
    if generator_function is None:
        return functools.partial(unified, sets=sets)
    reserved = frozenset(sets) | {'timestamp'}
    checkers = {'symbol': arguments.checked_symbol, 'symbols': arguments.checked_symbols, 'since': arguments.checked_since,
                'params': lambda params: arguments.checked_params(params, reserved)}
    names = list(inspect.signature(generator_function).parameters)[1:]  # after ``self``
    checks = [(names.index(name), name, check) for name, check in checkers.items() if name in names]

    @functools.wraps(generator_function)
    def flow(self, *args, **kwargs):
        if checks:
            args = list(args)
            for position, name, check in checks:
                if position < len(args):
                    args[position] = check(args[position])
                elif name in kwargs:
                    kwargs[name] = check(kwargs[name])
        return generator_function(self, *args, **kwargs)
    flow.__unified__ = True
    return flow


def unexpected(exchange_id, method, failure) -> ExchangeError:
    """The ExchangeError a non-ccxt exception out of ``method`` becomes: a bot handles ccxt's classes, not a stray KeyError."""
    try:
        text = str(failure)[:200]
    except Exception:
        text = ''
    return ExchangeError(f'{exchange_id} {method}() failed on an unexpected {type(failure).__name__}: {text}')


def run_sync(exchange, flow):
    reply = error = None
    while True:
        try:
            step = flow.send(reply) if error is None else flow.throw(error)
        except StopIteration as done:
            return done.value
        except BaseError:
            raise
        except Exception as failure:
            raise unexpected(exchange.id, flow.__name__, failure) from failure
        try:
            reply, error = perform_sync(exchange, step), None
        except BaseException as exc:  # handed back to the flow, which decides (Ctrl-C included: cancel_orders reports what it knows)
            reply, error = None, exc


def perform_sync(exchange, step):
    """The reply to what a flow yielded: a call's result, or a gather's outcomes, the calls made one after another."""
    if not isinstance(step, Gather):
        return getattr(exchange, step.method)(*step.args)
    for position, gathered in enumerate(step.calls):
        try:
            step.outcomes[position] = perform_sync(exchange, gathered)
        except Exception as failure:  # an outcome; an interruption stops the gather and goes to the flow
            step.outcomes[position] = failure
    return step.outcomes


async def run_async(exchange, flow):
    reply = error = None
    while True:
        try:
            step = flow.send(reply) if error is None else flow.throw(error)
        except StopIteration as done:
            return done.value
        except BaseError:
            raise
        except Exception as failure:
            raise unexpected(exchange.id, flow.__name__, failure) from failure
        try:
            reply, error = await perform_async(exchange, step), None
        except BaseException as exc:  # handed back to the flow, which decides (cancellation included)
            reply, error = None, exc


async def perform_async(exchange, step):
    """The reply to what a flow yielded: a call's result, or a gather's outcomes, at most ``limit`` calls at once."""
    if not isinstance(step, Gather):
        return await getattr(exchange, step.method)(*step.args)
    slots = asyncio.Semaphore(step.limit)

    async def one(position, gathered):
        async with slots:
            try:
                step.outcomes[position] = await perform_async(exchange, gathered)
            except Exception as failure:  # an outcome; a cancellation leaves it unfinished
                step.outcomes[position] = failure
    # Cancelling this task cancels every call still running, and the gather ends only once they all have.
    await asyncio.gather(*(one(position, gathered) for position, gathered in enumerate(step.calls)))
    return step.outcomes


class SyncMethod(Protocol[Parameters, Returned]):
    """What ``sync_method`` makes, to a type checker: a method that takes the flow's arguments and returns its result."""

    @overload
    def __get__(self, instance: None, owner: type) -> Callable[Concatenate[Any, Parameters], Returned]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> Callable[Parameters, Returned]: ...


class AsyncMethod(Protocol[Parameters, Returned]):
    """What ``async_method`` makes, to a type checker: a method that takes the flow's arguments and returns a coroutine of its result."""

    @overload
    def __get__(self, instance: None, owner: type) -> Callable[Concatenate[Any, Parameters], Coroutine[Any, Any, Returned]]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> Callable[Parameters, Coroutine[Any, Any, Returned]]: ...


def sync_method(flow_function: FlowFunction[Parameters, Result]) -> SyncMethod[Parameters, Result]:
    """The sync class's method for ``flow_function``: runs the flow, making its calls one after another."""
    return cast(SyncMethod[Parameters, Result], _sync_method(flow_function))


def async_method(flow_function: FlowFunction[Parameters, Result]) -> AsyncMethod[Parameters, Result]:
    """The async class's method for ``flow_function``: a coroutine that runs the flow, gathered calls at the same time."""
    return cast(AsyncMethod[Parameters, Result], _async_method(flow_function))


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


def is_flow(attribute) -> bool:
    return getattr(attribute, '__unified__', False)


def flow_names(cls) -> list[str]:
    """The names of the ``@unified`` flows defined on ``cls`` or any class it inherits from, declared or not."""
    return sorted({name for klass in cls.__mro__ for name, attribute in vars(klass).items() if is_flow(attribute)})


def _bind(cls, declaration, gathers_concurrently):
    undeclared = [name for name in flow_names(cls) if is_flow(inspect.getattr_static(cls, name))]
    if undeclared:
        # The declaration is what gives the method its type: a flow without one would reach users untyped.
        raise TypeError(f'{cls.__module__}.{cls.__qualname__} declares no {declaration}() for the unified flows {", ".join(undeclared)}')
    # A flow may plan differently when gathered calls go out together (cancel_orders probes a window at a time).
    cls.gathers_concurrently = gathers_concurrently
    return cls


def bind_sync(cls):
    """Class decorator: checks that ``cls`` declares a ``sync_method`` for every ``@unified`` flow it inherits."""
    return _bind(cls, 'sync_method', False)


def bind_async(cls):
    """Class decorator: checks that ``cls`` declares an ``async_method`` for every ``@unified`` flow it inherits."""
    return _bind(cls, 'async_method', True)
