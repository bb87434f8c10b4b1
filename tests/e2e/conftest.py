"""Browser tests: the real local stack in a subprocess, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devstack.emulator import free_port
from devstack.template import ROOT

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium not found: install Debian's `chromium` (see .ci/run) or set CHROMIUM_PATH")
    return path


@pytest.fixture(scope="session")
def stack_url(tmp_path_factory):
    if not (ROOT / "web" / "dist" / "index.html").is_file():
        pytest.fail("web/dist is missing: run `make web` (make test does it)")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"PORT": str(port), "HOST": "127.0.0.1", "APP_ENV": "local"})
    log = open(tmp_path_factory.mktemp("e2e") / "stack.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen([sys.executable, "-m", "devstack.server"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"local stack exited early; see {log.name}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail("local stack did not answer /api/health within 90 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, stack_url):
    context = browser.new_context(base_url=stack_url, locale="pt-BR", timezone_id="America/Sao_Paulo",
                                  viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser, stack_url):
    context = browser.new_context(base_url=stack_url, locale="pt-BR", timezone_id="America/Sao_Paulo",
                                  viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sandbox_status(stack_url: str) -> dict:
    """The sandbox's status once ready: the stack answers /api/health before the sandbox has
    registered the demo webhook, run Testar and set up the demo company's e-mail."""
    deadline = time.monotonic() + 60
    status: dict = {}
    while time.monotonic() < deadline:
        status = httpx.get(f"{stack_url}/sandbox/status.json", timeout=5).json()
        if status.get("ready"):
            return status
        time.sleep(0.2)
    pytest.fail(f"sandbox not ready: {status}")


@pytest.fixture
def sandbox(stack_url):
    """The stack's address, once its sandbox is ready."""
    sandbox_status(stack_url)
    return stack_url
