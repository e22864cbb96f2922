"""Rules about the repository itself, which users receive as the package and its sdist."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shipped_files() -> list:
    """The repository's files: what git tracks, or in an unpacked sdist (no git) every file but what tools made there."""
    if (ROOT / '.git').exists():
        return subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    made_here = {'.venv', '__pycache__', '.pytest_cache', '.ruff_cache', '.hypothesis', 'build', 'dist'}
    return [str(path.relative_to(ROOT)) for path in ROOT.rglob('*')
            if path.is_file() and not made_here & set(path.relative_to(ROOT).parts)
            and not any(part.endswith('.egg-info') for part in path.parts)]


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
    without_vcrpy = "import runpy, sys; sys.modules['vcr'] = None; runpy.run_module('tests.record_cassettes', run_name='__main__')"
    result = subprocess.run([sys.executable, '-c', without_vcrpy], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and 'Traceback' not in result.stderr
    assert "needs vcrpy, which the test extra installs: .venv/bin/pip install -e '.[test]'" in result.stderr
