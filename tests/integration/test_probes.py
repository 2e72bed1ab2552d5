"""/healthz and /readyz, including a readiness failure that names the broken dependency."""

import httpx

from services.api.main import create_app
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"postgres": "ok", "redis": "ok"}


async def test_readyz_names_the_dependency_that_is_down(settings: Settings) -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    broken = create_app(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}), SettableClock())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=broken), base_url="http://t") as c:
        response = await c.get("/readyz")
    await broken.state.engine.dispose()
    assert response.status_code == 503
    assert response.headers["retry-after"] == str(settings.retry_after_seconds)
    body = response.json()
    assert body["checks"]["postgres"] == "ok"
    assert body["checks"]["redis"] != "ok"
    assert body["detail"] == "not reachable: redis"
