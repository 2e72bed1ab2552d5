"""The `aftersales` command: run the service, migrate, and manage sellers, keys and secrets at rest."""

import asyncio
import json
import sys
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit import embedded, logs, migrate, sealed
from services.core.kit.config import Settings, get_settings
from services.core.kit.db import create_engine, session_factory, transaction
from services.core.kit.errors import AftersalesError
from services.core.sellers import secrets as resealing
from services.core.sellers import service as sellers
from services.core.sellers.audit import COMMAND_LINE

app = typer.Typer(help="aftersales: keep an Amazon seller's after-sales work on time.", no_args_is_help=True)
sellers_app = typer.Typer(help="Seller accounts.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys of a seller account.", no_args_is_help=True)
app.add_typer(sellers_app, name="sellers")
secrets_app = typer.Typer(help="Signing secrets at rest (AFTERSALES_SECRETS_KEY).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
app.add_typer(secrets_app, name="secrets")
out = Console(soft_wrap=True)

OPENAPI_PATH = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
T = TypeVar("T")


@app.callback()
def _configure() -> None:
    settings = get_settings()
    logs.configure(settings.log_level, settings.log_format)


@contextmanager
def _database(settings: Settings) -> Iterator[str]:
    """The configured database, or the embedded one (joined if `up` is running), migrated."""
    if settings.database_url:
        yield settings.database_url
        return
    server, url = embedded.start_postgres(settings.data_dir / "postgres")
    try:
        migrate.upgrade(url)
        yield url
    finally:
        server.cleanup()


async def _run(url: str, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
    engine = create_engine(url, pool_size=1)
    try:
        async with transaction(session_factory(engine)) as session:
            return await fn(session)
    finally:
        await engine.dispose()


def _in_transaction(fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
    with _database(get_settings()) as url:
        return asyncio.run(_run(url, fn))


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


@app.command()
def up(
    demo: Annotated[bool, typer.Option(help="Also create a demo seller and print its key.")] = False,
) -> None:
    """Run the API and one worker (and the embedded Postgres and Redis when no URLs are set)."""
    from services.up import run

    def ready(settings: Settings) -> None:
        base = f"http://{settings.host}:{settings.port}"
        out.print(
            f"\n[bold green]aftersales is running[/] at {base}  (docs: {base}/docs, console: {base}/console)"
        )
        out.print("Create a seller and an API key:")
        out.print("  .venv/bin/aftersales sellers create 'My Shop' --marketplace US")
        out.print("  .venv/bin/aftersales keys create SELLER_ID --scopes events:write,cases:read,cases:write")
        if demo:
            _demo(settings.database_url, base)
        out.print("Stop with Ctrl-C.\n")

    raise typer.Exit(run(get_settings(), ready))


@app.command()
def api() -> None:
    """Run the HTTP API (uvicorn) on AFTERSALES_HOST:AFTERSALES_PORT."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "services.api.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=True,
        timeout_graceful_shutdown=20,
    )


@app.command()
def worker() -> None:
    """Run one arq worker: clock sweeps, reminders, webhook deliveries."""
    from services.workers.settings import build_worker

    build_worker(get_settings()).run()


@app.command(name="amazon-sqs")
def amazon_sqs() -> None:
    """Read the amazon producers' SQS queues: Amazon's notifications (ORDER_CHANGE, ...)."""
    from services.workers.amazon_sqs import serve

    settings = get_settings()
    if settings.database_url:
        asyncio.run(serve(settings))
        return
    with _database(settings) as url:
        asyncio.run(serve(settings.model_copy(update={"database_url": url})))


@app.command(name="migrate")
def migrate_command(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply the database migrations (up to REVISION, default head)."""
    settings = get_settings()
    if settings.database_url:
        migrate.upgrade(settings.database_url, revision)
    else:
        with _database(settings):
            pass
    out.print(f"database migrated to {revision}")


@sellers_app.command("create")
def sellers_create(
    name: str,
    marketplace: Annotated[
        list[str] | None, typer.Option("--marketplace", "-m", help="US, UK, DE, JP, ... [default: US]")
    ] = None,
) -> None:
    """Create a seller account and print its id."""
    try:
        seller = _in_transaction(lambda s: sellers.create_seller(s, name, marketplace or ["US"]))
    except ValueError as error:
        _fail(str(error))
    out.print(f"seller {seller.id} ({seller.name}, {', '.join(seller.marketplaces)})")
    out.print(f"next: aftersales keys create {seller.id} --scopes events:write,cases:read,cases:write")


@sellers_app.command("list")
def sellers_list() -> None:
    """List the seller accounts."""
    table = Table("id", "name", "marketplaces", "created")
    for seller in _in_transaction(sellers.list_sellers):
        table.add_row(
            str(seller.id), seller.name, ", ".join(seller.marketplaces), f"{seller.created_at:%Y-%m-%d %H:%M}"
        )
    out.print(table)


def _seller_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        _fail(f"{raw!r} is not a seller id (see `aftersales sellers list`)")
        raise


@keys_app.command("create")
def keys_create(
    seller: str,
    scopes: Annotated[str, typer.Option(help=f"Comma-separated: {', '.join(sellers.SCOPES)}")],
    name: str = "default",
) -> None:
    """Create an API key and print it once; only its hash is kept."""
    seller_id = _seller_id(seller)
    wanted = [s.strip() for s in scopes.split(",") if s.strip()]
    try:
        issued = _in_transaction(lambda s: sellers.create_key(s, seller_id, wanted, name))
    except (ValueError, AftersalesError) as error:
        _fail(str(error))
    out.print(f"API key {issued.key.id} with scopes {', '.join(issued.key.scopes)}; shown once:")
    print(issued.secret)


@keys_app.command("list")
def keys_list(seller: str) -> None:
    """List a seller's API keys (prefixes only)."""
    seller_id = _seller_id(seller)
    table = Table("id", "name", "prefix", "scopes", "revoked")
    for key in _in_transaction(lambda s: sellers.list_keys(s, seller_id)):
        table.add_row(
            str(key.id), key.name, key.prefix + "...", ",".join(key.scopes), str(key.revoked_at or "")
        )
    out.print(table)


@keys_app.command("revoke")
def keys_revoke(seller: str, key: str) -> None:
    """Revoke an API key at once."""
    from datetime import UTC, datetime

    seller_id, key_id = _seller_id(seller), _seller_id(key)
    try:
        _in_transaction(lambda s: sellers.revoke_key(s, seller_id, key_id, datetime.now(UTC), COMMAND_LINE))
    except sellers.KeyNotFound:
        _fail(f"no key {key_id} on seller {seller_id}")
    out.print(f"key {key_id} revoked")


@secrets_app.command("new-key")
def secrets_new_key() -> None:
    """Print a new key for AFTERSALES_SECRETS_KEY (put it first; keep the old one after it)."""
    print(sealed.new_key())


@secrets_app.command("seal")
def secrets_seal() -> None:
    """Rewrite every producer and endpoint secret with the first key of AFTERSALES_SECRETS_KEY."""
    try:
        sealer = sealed.current()
        done = _in_transaction(resealing.reseal)
    except (ValueError, sealed.SecretUnreadable) as error:
        _fail(str(error))
    how = "sealed with the first key" if sealer.sealing else "in plaintext: no AFTERSALES_SECRETS_KEY is set"
    out.print(f"{done.producers} producers and {done.endpoints} webhook endpoints written {how}")


def _demo(database_url: str | None, base_url: str) -> None:
    from datetime import UTC, datetime

    from services.core.sellers import demo as demo_data

    async def create(session: AsyncSession) -> sellers.IssuedKey:
        return await demo_data.create(session, datetime.now(UTC))

    issued = asyncio.run(_run(database_url, create)) if database_url else _in_transaction(create)
    out.print(
        f"demo seller {issued.key.seller_id} (a cancellation, a return, a claim, negative feedback, a buyer message)"
    )
    out.print("with an all-scopes key; try:")
    out.print(f"  export AFTERSALES_KEY={issued.secret}")
    out.print(f'  curl -s {base_url}/v1/cases -H "Authorization: Bearer $AFTERSALES_KEY"')
    out.print(f"The console: {base_url}/console  (sign in with the key above and your name)")


@app.command()
def demo() -> None:
    """Create a small demo seller account and print an API key for it."""
    settings = get_settings()
    _demo(settings.database_url, f"http://{settings.host}:{settings.port}")


@app.command(name="import")
def import_report(
    first: Annotated[
        str, typer.Argument(metavar="[KIND] FILE", help="returns, fba-returns or feedback; optional")
    ],
    seller: Annotated[str, typer.Option(help="The seller account id")],
    file: Annotated[Path | None, typer.Argument(show_default=False, metavar="")] = None,
    marketplace: Annotated[str, typer.Option(help="For rows that name none")] = "US",
) -> None:
    """Import a Seller Central report as downloaded (tab-separated); the kind is read from its
    header. Importing it again changes nothing; a newer export applies what is new."""
    from datetime import UTC, datetime

    from rich.progress import Progress

    from services.core.domain.marketplaces import normalize
    from services.core.producers import reports as imports

    kind, path = (first, file) if file is not None else (None, Path(first))
    if kind is not None and kind not in imports.FAMILIES:
        _fail(f"unknown report kind {kind!r}; known: {', '.join(imports.FAMILIES)}")
    if not path.is_file():
        _fail(f"no file {path}")
    seller_id = _seller_id(seller)
    try:
        parsed = imports.parse(path.read_text(encoding="utf-8-sig"), normalize(marketplace), kind)
    except (imports.WrongKind, ValueError) as error:
        _fail(str(error))
    chunk = 200
    totals = imports.Imported(rows=parsed.rows, errors=list(parsed.errors))

    async def run(url: str) -> None:
        engine = create_engine(url, pool_size=1)
        sessions = session_factory(engine)
        try:
            with Progress(console=out) as progress:
                task = progress.add_task(f"importing {path.name}", total=len(parsed.events))
                for start in range(0, len(parsed.events), chunk):
                    part = imports.Parsed(report=parsed.report, events=parsed.events[start : start + chunk])
                    async with transaction(sessions) as session:
                        done = await imports.apply(session, seller_id, part, datetime.now(UTC))
                    totals.applied += done.applied
                    totals.repeated += done.repeated
                    totals.errors.extend(done.errors)
                    progress.advance(task, len(part.events))
        finally:
            await engine.dispose()

    with _database(get_settings()) as url:
        asyncio.run(run(url))
    assert parsed.report is not None
    out.print(f"{parsed.report.title}")
    out.print(f"{totals.rows} rows: {totals.applied} events applied, {totals.repeated} already known")
    for error in sorted(totals.errors, key=lambda e: e.line):
        out.print(f"[yellow]line {error.line}[/yellow]: {error.message}")


@app.command()
def backtest(
    policy: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Proposed policy (JSON)")
    ],
    days: Annotated[int, typer.Option(min=1, max=90, help="The window: this many days up to now")] = 90,
    url: Annotated[
        str, typer.Option(envvar="AFTERSALES_URL", help="The service's base URL")
    ] = "http://127.0.0.1:8000",
    key: Annotated[str, typer.Option(envvar="AFTERSALES_KEY", help="An API key with cases:read")] = "",
) -> None:
    """Backtest a proposed policy through the API, with a progress bar; print the result."""
    import logging
    import time

    import httpx
    from rich.progress import Progress

    logging.getLogger("httpx").setLevel(logging.WARNING)  # the bar says what the polls would

    body = {"policy": json.loads(policy.read_text(encoding="utf-8")), "days": days}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        asked = client.post("/v1/backtests", json=body)
        if asked.status_code != 202:
            _fail(f"{asked.status_code}: {asked.text}")
        status = asked.json()
        with Progress(console=out) as progress:
            task = progress.add_task("backtesting", total=None)
            while status["status"] in ("queued", "running"):
                time.sleep(1)
                status = client.get(asked.headers["Location"]).json()
                done = status["progress"]
                progress.update(task, total=done["orders_total"] or None, completed=done["orders_done"])
    if status["status"] != "done":
        _fail(f"backtest {status['status']}: {status.get('error')}")
    out.print_json(data=status["result"])


@app.command()
def openapi(
    check: Annotated[bool, typer.Option(help="Exit 1 if the file differs from the app's schema.")] = False,
    path: Path = OPENAPI_PATH,
) -> None:
    """Write the app's OpenAPI schema to openapi/openapi.json."""
    from services.api.main import create_app

    settings = get_settings().model_copy(
        update={"database_url": "postgresql://unused/x", "redis_url": "redis://unused"}
    )
    text = json.dumps(create_app(settings).openapi(), indent=2, sort_keys=False) + "\n"
    if check:
        if not path.exists() or path.read_text() != text:
            _fail(f"{path} is out of date; run `aftersales openapi`")
        return
    path.write_text(text)
    out.print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(app())
