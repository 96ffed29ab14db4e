"""A real X display for the tests that need one: Xvfb with openbox, driven by xdotool.

The rest of the suite runs Qt offscreen in-process; these tests run the window in a
subprocess on the xcb platform, so the two platforms never mix in one process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

X_PACKAGES = "xvfb xdotool openbox x11-utils libxcb-cursor0 libxkbcommon-x11-0"
INSTALL_LINE = f"apt-get install -y {X_PACKAGES}"
REQUIRED_TOOLS = ("Xvfb", "xdotool", "openbox", "xdpyinfo")
START_TIMEOUT_S = 30.0


def require_x_tools() -> None:
    """Skip (naming the packages) when this machine cannot run a virtual X display."""
    missing = [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}: {INSTALL_LINE}")


def _wait_until(
    check: Callable[[], bool], what: str, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if check():
            return
        if process is not None and process.poll() is not None:
            errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"{what} stopped with status {process.returncode}: {errors}")
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {START_TIMEOUT_S:.0f} s")


@contextmanager
def x_display(width: int, height: int) -> Iterator[str]:
    """A fresh Xvfb screen of this size with openbox managing it; yields its DISPLAY."""
    require_x_tools()
    # Xvfb picks a free display itself and writes its number to a pipe (-displayfd):
    # other programs on the machine (xvfb-run -a, other test runs) may start servers too.
    # -noreset: by default the server resets when its last client leaves (here xdpyinfo,
    # just before openbox connects), and openbox then exits with status 1.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    if not number:
        server.wait(timeout=10)
        raise RuntimeError(f"Xvfb did not start (status {server.returncode})")
    display = f":{number}"
    env = dict(os.environ, DISPLAY=display)
    manager: subprocess.Popen[bytes] | None = None
    try:
        _wait_until(
            lambda: subprocess.run(["xdpyinfo"], env=env, capture_output=True).returncode == 0,
            "Xvfb",
        )
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait_until(
            lambda: (
                b"_NET_SUPPORTING_WM_CHECK(WINDOW)"
                in subprocess.run(
                    ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True
                ).stdout
            ),
            "openbox",
            process=manager,
        )
        yield display
    finally:
        if manager is not None and manager.stderr is not None:
            manager.stderr.close()
        for process in (manager, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def xdotool(display: str, *args: str) -> str:
    """Run xdotool on `display`; its output."""
    result = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout
