"""eventwire: dated news in, political event data out.

    >>> import eventwire
    >>> events = eventwire.code(text, "2022-12-30")
    >>> events[0].type, events[0].actor.code, events[0].date.value
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.model import Event

__version__ = "0.1.0"


def code(text: str, published: str | date, keep_negated: bool = False) -> list[Event]:
    """Code one article: every event in it, with evidence spans (DESIGN.md §2)."""
    from eventwire.pipeline import code as _code

    return _code(text, published, keep_negated=keep_negated)


__all__ = ["__version__", "code"]
