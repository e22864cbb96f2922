"""Flows cannot be misused silently: every generator helper is delegated to, every call() names something that exists."""

import inspect
from pathlib import Path

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori
from satori_ccxt.implicit import ImplicitAPI

from ..support.flow_checks import called_names, flow_misuses, package_sources

PACKAGE = Path(satori_ccxt.__file__).parent


def exchange_callable_names() -> set:
    """Names a call() may name: an implicit endpoint, or a method that both exchange classes have (async: a coroutine)."""
    endpoints = {name for name in vars(ImplicitAPI) if not name.startswith('__')}
    sync_methods = {name for name, _ in inspect.getmembers(satori_ccxt.satori, callable)}
    async_methods = {name for name, member in inspect.getmembers(AsyncSatori, inspect.iscoroutinefunction)}
    return endpoints | (sync_methods & async_methods)


BAD_SAMPLE = '''
from .flow import call, unified


def _module_helper(exchange):
    yield call('load_markets')


class Sample:
    def _prepare(self):
        yield call('load_time_difference')

    @unified
    def fetch_thing(self, params={}):
        self._prepare()
        prepared = self._prepare()
        _module_helper(self)
        yield from self._prepare()
        response = yield call('publicGetApiThirdInfoTickr', params)
        return response, prepared
'''


def test_every_generator_helper_of_the_package_is_called_with_yield_from_and_every_call_names_something():
    assert flow_misuses(package_sources(PACKAGE), exchange_callable_names()) == []


def test_the_flow_checker_reports_a_missing_yield_from_and_a_misspelled_call_name():
    problems = flow_misuses({'sample.py': BAD_SAMPLE}, exchange_callable_names())
    assert problems == [
        'sample.py:15: _prepare() is a generator, called without yield from',
        'sample.py:16: _prepare() is a generator, called without yield from',
        'sample.py:17: _module_helper() is a generator, called without yield from',
        "sample.py:19: call('publicGetApiThirdInfoTickr') names no endpoint or method of the exchange",
    ]


def test_the_call_names_of_the_package_are_all_checked_names():
    names = called_names(package_sources(PACKAGE))
    assert len(names) >= 21 and names <= exchange_callable_names()
