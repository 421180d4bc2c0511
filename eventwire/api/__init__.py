"""The HTTP API and the web UI over an event store (`eventwire serve`).

``create_app`` is imported on first use, so the CLI (which registers ``serve`` from
eventwire.api.cli) does not pay for importing FastAPI on every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from eventwire.api.app import create_app

        return create_app
    raise AttributeError(f"module 'eventwire.api' has no attribute {name!r}")
