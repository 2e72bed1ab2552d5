"""Tasks the rules create for people (a ladder step, a reminder call): listed and marked done."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.errors import NotFound
from services.core.models import Task


class TaskNotFound(NotFound):
    def __init__(self, task_id: uuid.UUID) -> None:
        super().__init__(f"no task {task_id} on this account")


async def list_tasks(session: AsyncSession, seller_id: uuid.UUID, open_only: bool) -> list[Task]:
    """Oldest first; at most 500."""
    query = select(Task).where(Task.seller_id == seller_id)
    if open_only:
        query = query.where(Task.done_at.is_(None))
    return list(await session.scalars(query.order_by(Task.created_at, Task.id).limit(500)))


async def mark_done(session: AsyncSession, seller_id: uuid.UUID, task_id: uuid.UUID, now: datetime) -> Task:
    """Done now; marking it again keeps the first time."""
    task = await session.scalar(
        select(Task).where(Task.id == task_id, Task.seller_id == seller_id).with_for_update()
    )
    if task is None:
        raise TaskNotFound(task_id)
    task.done_at = task.done_at or now
    return task
