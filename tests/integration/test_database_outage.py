"""With Postgres stopped, requests get 503 with Retry-After; when it returns, so does service.

This test stops a private embedded Postgres of its own, so the rest of the suite is untouched.
"""

import signal
from pathlib import Path

import httpx
import psutil

from services.api.main import create_app
from services.core.kit import embedded, migrate
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.db import transaction
from services.core.sellers import service as sellers


async def test_postgres_down_is_503_and_recovers(tmp_path: Path, settings: Settings) -> None:
    server, url = embedded.start_postgres(tmp_path / "postgres")
    try:
        migrate.upgrade(url)
        app = create_app(settings.model_copy(update={"database_url": url}), SettableClock())
        async with transaction(app.state.sessions) as session:
            seller = await sellers.create_seller(session, "Outage Shop", ["US"])
            key = (await sellers.create_key(session, seller.id, ["cases:read"])).secret
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            assert (await c.get("/v1/seller", headers=headers)).status_code == 200

            postmaster = psutil.Process(server.get_pid())
            postmaster.send_signal(signal.SIGINT)  # Postgres's "fast shutdown"
            postmaster.wait(timeout=30)

            down = await c.get("/v1/seller", headers=headers)
            assert down.status_code == 503
            assert down.headers["content-type"] == "application/problem+json"
            assert down.headers["retry-after"] == str(settings.retry_after_seconds)
            assert down.json()["type"] == "/problems/database-unavailable"
            ready = await c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["detail"] == "not reachable: postgres"

            server.ensure_postgres_running()
            back = await c.get("/v1/seller", headers=headers)
            assert back.status_code == 200, back.text
            assert back.json()["id"] == str(seller.id)
        await app.state.engine.dispose()
        await app.state.redis.aclose()
    finally:
        server.cleanup()
