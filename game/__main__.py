"""``python -m game`` does what the ``ceasefire`` command does."""

from game.cli import main

raise SystemExit(main())
