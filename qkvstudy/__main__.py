import sys

from qkvstudy.cli import script

sys.exit(script())
