"""The repository the tests run in: a git checkout, or the unpacked sdist (which holds every file git tracks)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shipped_files() -> list:
    """The repository's files: what git tracks, or in an unpacked sdist (no git) every file but what tools made there."""
    if (ROOT / '.git').exists():
        return subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    made_here = {'.venv', '__pycache__', '.pytest_cache', '.ruff_cache', '.hypothesis', 'build', 'dist'}
    return [str(path.relative_to(ROOT)) for path in ROOT.rglob('*')
            if path.is_file() and not made_here & set(path.relative_to(ROOT).parts)
            and not any(part.endswith('.egg-info') for part in path.parts)]
