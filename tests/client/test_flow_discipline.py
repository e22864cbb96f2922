"""Flows cannot be misused silently: every generator helper is delegated to, every call() names something that exists."""

import ast
import inspect
from pathlib import Path

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori
from satori_ccxt.implicit import ImplicitAPI

from ..support.flow_checks import called_names, flow_misuses, is_named_call, package_sources

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


def mutants(sources: dict, pick, rewrite):
    """(file, line, sources) for each node ``pick`` selects in the package, with that one node's text replaced by ``rewrite(node)``."""
    for file_name, text in sources.items():
        lines = text.encode().splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        data = text.encode()
        for node in ast.walk(ast.parse(text)):
            if pick(node):
                begin, end = offsets[node.lineno - 1] + node.col_offset, offsets[node.end_lineno - 1] + node.end_col_offset
                changed = data[:begin] + rewrite(node).encode() + data[end:]
                yield file_name, node.lineno, {**sources, file_name: changed.decode()}


def test_removing_any_yield_from_of_the_package_fails_the_check():
    sources = package_sources(PACKAGE)
    names = exchange_callable_names()
    removed = 0
    for file_name, line, mutated in mutants(sources, lambda node: isinstance(node, ast.YieldFrom),
                                            lambda node: f'({ast.unparse(node.value)})'):
        assert any(problem.startswith(f'{file_name}:{line}:') for problem in flow_misuses(mutated, names)), (file_name, line)
        removed += 1
    assert removed >= 40


def test_misspelling_any_call_name_of_the_package_fails_the_check():
    def misspelled(node):
        return ast.unparse(ast.Call(node.func, [ast.Constant(node.args[0].value + 'x'), *node.args[1:]], node.keywords))
    names = exchange_callable_names()
    count = 0
    for file_name, line, mutated in mutants(package_sources(PACKAGE), is_named_call, misspelled):
        assert any(problem.startswith(f'{file_name}:{line}:') for problem in flow_misuses(mutated, names)), (file_name, line)
        count += 1
    assert count >= 25
