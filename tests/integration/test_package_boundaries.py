"""The distribution's two packages stay apart: the client loads no simulator code, and the simulator imports nothing
from the client, so that it checks the client against Satori's rules as the simulator states them."""

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import satori_ccxt
import satori_simulator

from ..support import paths
from ..support.repository import ROOT

CLIENT = Path(satori_ccxt.__file__).parent
SIMULATOR = Path(satori_simulator.__file__).parent


def modules_of(package) -> list:
    """Every module of ``package`` (a top-level package directory), by its dotted name."""
    names = []
    for path in sorted(package.rglob('*.py')):
        parts = path.relative_to(package.parent).with_suffix('').parts
        names.append('.'.join(parts[:-1] if parts[-1] == '__init__' else parts))
    return names


def run_python(code, *args) -> dict:
    """Runs ``code`` in a fresh interpreter and returns the JSON it prints last."""
    done = subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


IMPORT_THE_CLIENT = '''
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(name for name in sys.modules if name.partition('.')[0] == 'satori_simulator')))
'''


def test_importing_the_client_the_pro_class_and_the_freqtrade_module_loads_no_simulator_module():
    entry_points = ['satori_ccxt', 'satori_ccxt.pro']
    if importlib.util.find_spec('freqtrade') is not None:
        entry_points.append('satori_ccxt.freqtrade')
    assert run_python(IMPORT_THE_CLIENT, *entry_points) == []


def test_importing_every_module_of_the_client_loads_no_simulator_module():
    # The command line imports the simulator only when a command runs one (demo, simulate).
    client_modules = [name for name in modules_of(CLIENT)
                      if name != 'satori_ccxt.freqtrade' or importlib.util.find_spec('freqtrade') is not None]
    assert 'satori_ccxt.cli' in client_modules
    assert run_python(IMPORT_THE_CLIENT, *client_modules) == []


def imported_names(path) -> list:
    """The absolute module names ``path`` imports, and every relative import that climbs out of its package."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module if node.level == 0 else f'{"." * node.level}{node.module or ""}')
        elif isinstance(node, ast.Call) and getattr(node.func, 'attr', getattr(node.func, 'id', None)) in ('import_module', '__import__'):
            names += [argument.value for argument in node.args[:1] if isinstance(argument, ast.Constant)]
    return names


def test_no_module_of_the_simulator_imports_the_client():
    files = sorted(SIMULATOR.rglob('*.py'))
    assert len(files) > 10, files
    reaching_out = {str(path.relative_to(SIMULATOR)): name for path in files for name in imported_names(path)
                    if name.partition('.')[0] == 'satori_ccxt' or name.startswith('..')}
    assert reaching_out == {}


SERVE_WITHOUT_THE_CLIENT = '''
import importlib, json, sys
sys.modules['satori_ccxt'] = None   # any import of the client, however indirect, now raises ImportError
sys.modules['ccxt'] = None          # and of ccxt: the simulator needs only what setup.cfg names for it
import requests
for name in sys.argv[1:]:
    importlib.import_module(name)
from satori_simulator import Simulator
TIME = {time_path!r}
with Simulator(seed=1, clock=1800000000000) as sim:
    order_id = sim.place_order(sim.api_key, price='1500', quantity='0.01')
    answer = requests.get(sim.url + TIME, timeout=30).json()
    print(json.dumps({'time': answer['data'], 'order': sim.order_status(order_id),
                      'client modules': sorted(name for name, module in sys.modules.items()
                                               if name.partition('.')[0] in ('satori_ccxt', 'ccxt') and module is not None)}))
'''


def test_the_simulator_imports_and_serves_where_the_client_cannot_be_imported():
    outcome = run_python(SERVE_WITHOUT_THE_CLIENT.replace('{time_path!r}', repr(paths.TIME)), *modules_of(SIMULATOR))
    assert outcome == {'time': 1800000000000, 'order': 'open', 'client modules': []}


COLLECT_THE_SIMULATORS_TESTS_WITHOUT_THE_CLIENT = '''
import sys
sys.modules['satori_ccxt'] = None
sys.modules['ccxt'] = None
import pytest
sys.exit(pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', 'tests/simulator']))
'''


def test_the_simulators_own_tests_load_without_the_client():
    done = subprocess.run([sys.executable, '-c', COLLECT_THE_SIMULATORS_TESTS_WITHOUT_THE_CLIENT], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert 'tests/simulator/test_contract.py::' in done.stdout
