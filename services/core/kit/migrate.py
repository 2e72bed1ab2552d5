"""Run Alembic from code: `aftersales migrate`, `aftersales up` and the tests all come here.

Alembic is imported by the functions that run it: every process of `aftersales` loads this
module through the command line, and Alembic with Mako is 10 MB an API process would carry
for nothing.
"""

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parents[3] / "migrations"


def alembic_config(database_url: str) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["database_url"] = database_url
    return config


def _in_own_thread(fn: Callable[[], None]) -> None:
    # env.py runs its own event loop; a caller already inside one (a test, the API) would
    # make asyncio.run fail, so the migration gets a thread of its own.
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as error:
            errors.append(error)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        fn()
        return
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def upgrade(database_url: str, revision: str = "head") -> None:
    from alembic import command

    _in_own_thread(lambda: command.upgrade(alembic_config(database_url), revision))


def downgrade(database_url: str, revision: str = "base") -> None:
    from alembic import command

    _in_own_thread(lambda: command.downgrade(alembic_config(database_url), revision))
