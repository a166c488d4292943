"""Waiting for the screen: work that may follow a paint instead of delaying it."""

from __future__ import annotations

import asyncio

from textual.message_pump import MessagePump


async def painted(node: MessagePump) -> None:
    """Until the screen has been refreshed with what was just put on it (from a worker's task:
    an after-refresh callback that awaited this would wait for itself)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def resolve() -> None:
        if not done.done():
            done.set_result(None)

    node.call_after_refresh(resolve)
    await done
