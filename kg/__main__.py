import sys

from kg.cli import console

sys.exit(console())
