"""Run a module as ``python -m`` would, stopping it at a known point so a test can kill it there.

    python -m tests.hold index.store:IndexStore.add 1 -- -m assistant index --rebuild --home H

runs ``python -m assistant index --rebuild --home H`` with ``IndexStore.add`` wrapped: after its
first call (the count given) returns, the process prints ``HELD`` on stdout and waits until it is
killed. The test waits for that line, a signal from the process itself, never for a clock — so the
kill lands at the same point on a fast machine and a slow one. A process that ends without printing
it never reached the point (the test fails, it does not kill too late).
"""
from __future__ import annotations

import functools
import importlib
import os
import runpy
import signal
import subprocess
import sys
import threading

HELD = "HELD"


def hold_after(target: str, calls: int) -> None:
    """Wrap ``module:Class.method`` (or ``module:function``) so the ``calls``-th call, once it has
    returned, says ``HELD`` and blocks forever."""
    module_name, _, attr = target.partition(":")
    owner = importlib.import_module(module_name)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    seen = [0]

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        out = original(*args, **kwargs)
        seen[0] += 1
        if seen[0] == calls:
            print(HELD, flush=True)
            threading.Event().wait()  # until the test kills the process
        return out

    setattr(owner, name, wrapper)


def kill_at_hold(module_args: list[str], target: str, calls: int, cwd: os.PathLike, env: dict) -> None:
    """Run ``python -m …module_args`` held after the ``calls``-th call of ``target``; SIGKILL it as
    soon as it says it is there (fail if it ends first, or gets there without saying so)."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.hold", target, str(calls), "--", "-m", *module_args],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    said = []
    for line in proc.stdout:  # blocks until the process says where it is, or ends
        said.append(line)
        if line.strip() == HELD:
            break
    held = proc.poll() is None and bool(said) and said[-1].strip() == HELD
    proc.send_signal(signal.SIGKILL)
    proc.wait(60)
    proc.stdout.close()
    assert held, f"the process ended before reaching {target} call {calls}: {''.join(said)[-500:]}"


def main() -> None:
    target, calls, sep, *rest = sys.argv[1:]
    if sep != "--" or rest[:1] != ["-m"] or len(rest) < 2:
        raise SystemExit("usage: python -m tests.hold MODULE:ATTR N -- -m MODULE [ARGS…]")
    hold_after(target, int(calls))
    sys.argv = [rest[1], *rest[2:]]
    runpy.run_module(rest[1], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
