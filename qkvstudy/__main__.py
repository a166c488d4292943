import sys

from qkvstudy.cli import main

sys.exit(main())
