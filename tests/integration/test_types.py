"""What a type checker makes of user code: mypy and pyright over ``tests/typing/user_code.py``, typical sync and async
code with ``assert_type`` on every unified method's result, must find no error; each wrong use must be reported.

ccxt ships no ``py.typed``, so mypy treats an installed ccxt as untyped (Any, once told to ignore the missing marker):
our methods would still be checked for their parameters and for being awaited, but every result would be Any. The
check points mypy at ccxt's ``ccxt/base/types.py`` alone (the rest of ccxt skipped: it is large, and untyped where
it matters), so that ``Ticker``, ``Order`` ... are ccxt's TypedDicts and ``assert_type`` compares real types.
``satori_ccxt`` is read the way an installed package is: followed, its own errors not reported.
"""

import ast
import inspect
import json
import shutil
import subprocess
import sys
from collections.abc import Generator
from pathlib import Path
from typing import get_origin

import ccxt
import pytest
from ccxt.base.exchange import Exchange

import satori_ccxt
from satori_ccxt.core import SatoriCore
from satori_ccxt.flow import flow_names

from ..support.repository import ROOT

USER_CODE = ROOT / 'tests' / 'typing' / 'user_code.py'
UNIFIED = flow_names(SatoriCore)

MYPY_CONFIG = """\
[mypy]
cache_dir = {cache}
mypy_path = {typed_ccxt}
warn_unused_ignores = True
warn_redundant_casts = True

[mypy-satori_ccxt,satori_ccxt.*]
follow_imports = silent

[mypy-ccxt,ccxt.*]
follow_imports = skip

[mypy-ccxt.base.types]
follow_imports = silent
"""


def mypy(tmp_path: Path, *files: Path) -> dict:
    """mypy's errors in ``files``, ``{(file name, line): error code}``, run from the repository's root (``satori_ccxt`` read
    from the checkout), cached in ``tmp_path``."""
    typed_ccxt = tmp_path / 'typed_ccxt'
    typed_ccxt.mkdir()
    (typed_ccxt / 'ccxt').symlink_to(Path(ccxt.__file__).parent, target_is_directory=True)
    config = tmp_path / 'mypy.ini'
    config.write_text(MYPY_CONFIG.format(cache=tmp_path / 'cache', typed_ccxt=typed_ccxt))
    checked = subprocess.run([sys.executable, '-m', 'mypy', '--config-file', str(config), '--no-error-summary', '--show-error-codes',
                              '--hide-error-context', '--no-color-output', '--show-absolute-path', *map(str, files)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode in (0, 1) and checked.stderr == '', checked.stdout + checked.stderr
    errors = {}
    for line in checked.stdout.splitlines():
        if ': error: ' in line:
            file, number, _ = line.split(':', 2)
            errors[Path(file).name, int(number)] = line.rsplit('[', 1)[-1].rstrip(']')
    return errors


def pyright(*files: Path) -> dict:
    """pyright's errors in ``files``, ``{(file name, line): rule}``, with the test environment's packages.

    The pyright package carries pyright itself and runs it with the ``node`` on PATH (without one it would download
    node, which the suite never does).
    """
    assert shutil.which('node'), 'pyright runs on node: install node, or put it on PATH'
    checked = subprocess.run([sys.executable, '-m', 'pyright', '--outputjson', '--pythonpath', sys.executable, *map(str, files)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode in (0, 1), checked.stdout + checked.stderr
    return {(Path(diagnostic['file']).name, diagnostic['range']['start']['line'] + 1): diagnostic.get('rule', '')
            for diagnostic in json.loads(checked.stdout)['generalDiagnostics'] if diagnostic['severity'] == 'error'}


def test_typical_user_code_gets_the_types_a_ccxt_user_expects_sync_and_async_under_mypy(tmp_path):
    assert mypy(tmp_path, USER_CODE) == {}


# Each wrong use, and the error each checker must report on its line.
WRONG_USES = [
    ("    last: int = exchange.fetch_ticker('ETH/USD:USD')", 'assignment', 'reportAssignmentType'),   # a Ticker is no int
    ("    exchange.cancel_orders('1')", 'arg-type', 'reportArgumentType'),                          # ids is a list of text
    ("    exchange.fetch_ticker('ETH/USD:USD', since=1)", 'call-arg', 'reportCallIssue'),           # fetch_ticker takes no since
    ("    orders = async_exchange.cancel_orders(['1'])\n    orders[0]", 'index', 'reportIndexIssue'),  # a coroutine, not awaited
    ("    await async_exchange.fetch_balance(limit=5)", 'call-arg', 'reportCallIssue'),
]


@pytest.fixture(scope='module')
def wrong_uses(tmp_path_factory) -> tuple:
    """A file of the wrong uses, and the line of each."""
    lines = ['import satori_ccxt', '', '',
             'async def wrong(exchange: satori_ccxt.satori, async_exchange: satori_ccxt.async_satori) -> None:']
    use_lines = []
    for use, _, _ in WRONG_USES:
        lines.extend(use.split('\n'))
        use_lines.append(len(lines))
    wrong = tmp_path_factory.mktemp('wrong') / 'wrong_use.py'
    wrong.write_text('\n'.join(lines) + '\n')
    return wrong, use_lines


def test_mypy_reports_each_wrong_use_of_a_unified_method_on_its_line(tmp_path, wrong_uses):
    wrong, use_lines = wrong_uses
    assert mypy(tmp_path, wrong) == {(wrong.name, line): code for line, (_, code, _) in zip(use_lines, WRONG_USES, strict=True)}


def test_pyright_finds_no_error_in_the_typical_user_code_and_each_wrong_use_on_its_line(wrong_uses):
    wrong, use_lines = wrong_uses
    expected = {(wrong.name, line): rule for line, (_, _, rule) in zip(use_lines, WRONG_USES, strict=True)}
    assert pyright(USER_CODE, wrong) == expected


def calls_in(function: ast.AsyncFunctionDef | ast.FunctionDef, awaited: bool) -> set:
    """The methods ``function`` calls on its ``exchange`` argument, those awaited or those not."""
    awaited_calls = {id(node.value) for node in ast.walk(function) if isinstance(node, ast.Await)}
    return {node.func.attr for node in ast.walk(function)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == 'exchange'
            and (id(node) in awaited_calls) == awaited}


def test_the_user_code_calls_every_unified_method_on_the_sync_class_and_awaits_it_on_the_async_one():
    functions = {node.name: node for node in ast.parse(USER_CODE.read_text()).body
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    assert set(UNIFIED) - calls_in(functions['sync_user'], awaited=False) == set()
    assert set(UNIFIED) - calls_in(functions['async_user'], awaited=True) == set()


@pytest.mark.parametrize('name', UNIFIED)
def test_every_unified_flow_states_a_typed_signature_with_ccxts_parameter_names(name):
    flow = inspect.unwrap(getattr(SatoriCore, name))
    signature = inspect.signature(flow)
    parameters = list(signature.parameters.values())[1:]   # after self
    assert [parameter.name for parameter in parameters if parameter.annotation is inspect.Parameter.empty] == []
    assert get_origin(signature.return_annotation) is Generator   # Flow[...]: what the method returns is its third argument
    ccxt_parameters = list(inspect.signature(getattr(Exchange, name)).parameters.values())[1:]
    assert [(parameter.name, parameter.default) for parameter in parameters] == \
        [(parameter.name, parameter.default) for parameter in ccxt_parameters]


@pytest.mark.parametrize('exchange_class', [satori_ccxt.satori, satori_ccxt.async_satori], ids=['sync', 'async'])
def test_each_class_declares_every_unified_flow_in_its_own_body(exchange_class):
    assert [name for name in UNIFIED if name not in vars(exchange_class)] == []
