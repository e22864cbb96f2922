"""Rules about the repository itself, which users receive as the package and its sdist."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tracked_text_files():
    names = subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in names:
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
