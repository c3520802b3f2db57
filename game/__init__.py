"""Ceasefire: a negotiation simulation at the 2020 Libyan 5+5 ceasefire talks.

Three rooms, imports pointing one way:

- ``game.scenario``: scenario data — pydantic models, strict YAML loading, expressions.
- ``game.engine``: the pure rules of the talks (imports ``game.scenario`` only).
- ``game.tui``: the Textual app (imports the engine).
"""

__version__ = "0.1.0"
