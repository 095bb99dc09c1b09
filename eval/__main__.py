"""``python -m eval …``: see ``eval.cli`` for the commands."""
import sys

from .cli import main

sys.exit(main())
