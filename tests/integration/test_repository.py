"""Rules about the repository itself, which users receive as the package and its sdist."""

import subprocess
import sys

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
