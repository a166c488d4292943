"""`python -m qkvstudy.cli` runs the command line, as `python -m qkvstudy` does."""

import sys

from qkvstudy.cli import script

sys.exit(script())
