"""Rules about the repository itself, which users receive as the package and its sdist."""

import ast
import importlib
import re
import subprocess
import sys

import satori_ccxt
from satori_ccxt.translate import SATORI_NAMES

from ..support import paths
from ..support.repository import ROOT, shipped_files


def _tracked_text_files():
    for name in shipped_files():
        try:
            yield name, (ROOT / name).read_text(encoding='utf-8')
        except (UnicodeDecodeError, FileNotFoundError):
            continue


def test_no_tracked_file_points_at_material_outside_the_repository():
    # Users of the package never have the team's notes folder beside the checkout: what the code relies on
    # is written in docs/evidence.md. (The names are built here so that this file does not match itself.)
    markers = ('..' + '/shared', 'satori-api' + '.md')
    outside = [name for name, text in _tracked_text_files() if any(marker in text for marker in markers)]
    assert outside == [], outside


def test_recording_cassettes_without_vcrpy_says_which_extra_to_install():
    without_vcrpy = "import runpy, sys; sys.modules['vcr'] = None; runpy.run_module('tests.support.record_cassettes', run_name='__main__')"
    result = subprocess.run([sys.executable, '-c', without_vcrpy], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and 'Traceback' not in result.stderr
    assert "needs vcrpy, which the test extra installs: .venv/bin/pip install -e '.[test]'" in result.stderr


def test_the_tests_spell_endpoint_paths_only_in_support_paths():
    # One place, so that a path is corrected once: any other text of a test holding a path whole (alone, before its
    # query or a space) fails. Near misses built on purpose ('/' + paths.TIME) are not whole paths.
    spelled = re.compile('(' + '|'.join(map(re.escape, [*paths.REST, paths.STREAM])) + r')(?![\w/])')
    found = []
    for path in sorted((ROOT / 'tests').rglob('*.py')):
        if path == ROOT / 'tests' / 'support' / 'paths.py':
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
                text = node.value if isinstance(node.value, str) else node.value.decode('latin-1')
                found += [f'{path.relative_to(ROOT)}:{node.lineno} {match.group(1)}' for match in spelled.finditer(text)]
    assert found == []


# The modules whose job is Satori's vocabulary: the translation edge, the enumerations and envelope, the shapes the
# probe checks answers against, the streams' names, the venue as data and the error codes. Every other module of the
# client speaks ccxt and calls these.
SATORI_VOCABULARY_MODULES = ('translate.py', 'vocabulary.py', 'shapes.py', 'streams.py', 'describe.py', 'errors.py')


def _ccxt_speaking_modules() -> list:
    package = ROOT / 'satori_ccxt'
    return sorted(str(path.relative_to(package)) for path in package.rglob('*.py') if path.name not in SATORI_VOCABULARY_MODULES)


def _satori_names_spelled_in(source) -> list:
    """(line, name) for each string literal of ``source`` that is one of Satori's names; docstrings may name them when explaining."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(node.body[0], ast.Expr)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in SATORI_NAMES and id(node) not in docstrings]


def test_only_the_vocabulary_modules_spell_a_satori_field_name():
    modules = _ccxt_speaking_modules()
    assert {'account.py', 'base.py', 'batch_cancel.py', 'market_data.py', 'orders.py', 'pro.py', 'verify.py'} <= set(modules)
    spelled = {name: _satori_names_spelled_in((ROOT / 'satori_ccxt' / name).read_text(encoding='utf-8')) for name in modules}
    assert {name: found for name, found in spelled.items() if found} == {}


def test_the_satori_names_check_finds_a_name_spelled_in_code_and_not_in_a_docstring():
    source = 'def f(request):\n    """Sets ``pairName``: \'pairName\'."""\n    request["pairName"] = 1\n'
    assert _satori_names_spelled_in(source) == [(3, 'pairName')]


def test_every_satori_name_listed_is_spelled_in_the_translation_edge():
    # A name the edge no longer uses would make the check above pass for the wrong reason (the list itself is not a use).
    edge = (ROOT / 'satori_ccxt' / 'translate.py').read_text(encoding='utf-8')
    edge = re.sub(r'SATORI_NAMES = frozenset\(\{.*?\}\)', '', edge, flags=re.S)
    assert 'SATORI_NAMES = ' not in edge
    spelled = {value for _, value in _satori_names_spelled_in(edge)}
    assert SATORI_NAMES - spelled == set()


def test_every_file_and_name_the_packages_map_points_at_exists():
    """The map in ``satori_ccxt.__doc__`` (where a change goes) names files and names that exist, so it cannot rot unseen."""
    mentioned = re.findall(r'``([\w./]+)``', satori_ccxt.__doc__)
    files = [name for name in mentioned if name.endswith(('.py', '.md', '/'))]
    assert len(files) >= 15
    for name in files:
        assert (ROOT / 'satori_ccxt' / name).exists() or (ROOT / name).exists(), name
    for module, attribute in (name.split('.') for name in mentioned if re.fullmatch(r'[a-z_]+\.[A-Z_]+', name)):
        assert hasattr(importlib.import_module(f'satori_ccxt.{module}'), attribute), (module, attribute)
