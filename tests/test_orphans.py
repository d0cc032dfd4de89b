"""No orphans: the worker processes of `kg build -j 2` die with the build however it ends (issue 23).

A real build is started on copies of the shipped corpus, killed (SIGKILL, SIGTERM) once its pool
workers run, and 10 s later none of them may be alive."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from procs import alive, children

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("many")
    for k in range(4):  # enough documents that the build is still extracting when it is killed
        for f in sorted((ROOT / "data" / "corpus").glob("*.txt")):
            shutil.copy(f, d / f"{k}_{f.name}")
    return d


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_build_leaves_no_worker(inputs, tmp_path, sig):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(inputs), "-o", str(tmp_path / "out"),
                              "-j", "2", "--no-cache", "-q"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None:
            workers = children(build.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert build.poll() is None and len(workers) >= 2, "the build ended before its workers could be seen"
        time.sleep(1.0)  # the workers are past their start-up and extracting
        build.send_signal(sig)
        build.wait(30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in workers):
            time.sleep(0.2)
        left = [p for p in workers if alive(p)]
        assert not left, f"workers {left} outlived the build killed with {sig.name}"
    finally:
        for p in workers:  # never leave our own workers behind on a shared machine
            if alive(p):
                os.kill(p, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
            build.wait()
