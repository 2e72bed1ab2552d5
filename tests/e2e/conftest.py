"""The console in a real browser: the app served by uvicorn on a free port of 127.0.0.1 (on the
tests' database and settable clock), Debian's Chromium driven by Playwright, and a signed-in page.

Playwright's own browser download is not reachable from our machines, so it launches the system's
Chromium by path; `make test` installs it when it is missing. A missing browser fails, never skips.
"""

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, Page, async_playwright

from services.api.main import create_app
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from tests.conftest import ROOT, SellerFixture

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / ".data" / "artifacts" / "console"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def console_url(settings: Settings, session_clock: SettableClock) -> Iterator[str]:
    """The whole app, as `aftersales api` serves it, in a thread with its own event loop."""
    port = _free_port()
    app = create_app(settings, session_clock)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the console server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        await launched.close()


async def signed_in(
    browser: Browser, base: str, seller: SellerFixture, name: str = "li", viewport: dict[str, int] = DESKTOP
) -> Page:
    """A fresh browser context signed in through the form, as a person would."""
    context = await browser.new_context(viewport=viewport, base_url=base)  # type: ignore[arg-type]
    page = await context.new_page()
    await page.goto("/console")
    await page.get_by_label("API key").fill(seller.key)
    await page.get_by_label("Your name").fill(name)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/console/queue")
    return page


async def shot(page: Page, name: str) -> None:
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
