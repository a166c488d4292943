"""Only here to ship the starter library: `notes/` (top level, where users and reviewers see it)
is copied into the wheel as `qkvstudy/_bundled_notes`. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithNotes(build_py):
    def run(self):
        super().run()
        source = Path(__file__).resolve().parent / "notes"
        if source.is_dir() and not self.editable_mode:
            target = Path(self.build_lib) / "qkvstudy" / "_bundled_notes"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildWithNotes})
