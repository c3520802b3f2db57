"""Cold start to first frame: ``ceasefire`` against a minimal Textual app, in the same run.

    python benchmarks/cold_start.py [--runs 15]

Each program is started in a fresh process on a pseudo-terminal (as a real terminal would
run it); the clock stops when the first frame containing the program's marker text has been
written to the terminal. The two programs are timed alternately so that machine noise hits
both. The minimal app is a ``Static`` and a ``Footer``: the smallest usable Textual app.
Target: ceasefire's median at most 1.3 times the minimal app's.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("MINIMAL APP")
        yield Footer()

Minimal().run()
"""

CEASEFIRE = """
import sys
sys.argv = ["ceasefire"]
from game.cli import main
main()
"""


def first_frame(code: str, marker: bytes, env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from process start until ``marker`` appears on the terminal."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave,
                            stderr=slave, env=env, cwd=ROOT, close_fds=True,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - start
        raise RuntimeError(f"no first frame with {marker!r} within {timeout}s: {seen[-400:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
               "XDG_DATA_HOME": data, "PYTHONPATH": str(ROOT)}
        for code, marker in ((MINIMAL, b"MINIMAL"), (CEASEFIRE, b"CEASEFIRE")):  # warm caches
            first_frame(code, marker, env)
        minimal, ours = [], []
        for _ in range(args.runs):
            minimal.append(first_frame(MINIMAL, b"MINIMAL", env))
            ours.append(first_frame(CEASEFIRE, b"CEASEFIRE", env))
    m, o = statistics.median(minimal), statistics.median(ours)
    print(f"cold start to first frame, {args.runs} runs each (median, min):")
    print(f"  minimal Textual app: {m * 1000:6.0f} ms  (min {min(minimal) * 1000:.0f} ms)")
    print(f"  ceasefire:           {o * 1000:6.0f} ms  (min {min(ours) * 1000:.0f} ms)")
    print(f"  ratio: {o / m:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
