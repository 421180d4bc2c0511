"""Shared fixtures: where the evaluation data lives, and one parsed pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "data" / "seed" / "000_b377222dc834d2b2.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: tests read the shared evaluation data beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The reference article's text (after the 'date YYYY-MM-DD' header)."""
    raw = SEED_ARTICLE.read_text(encoding="utf-8")
    return raw.split(" ", 3)[3] if raw.startswith(" date ") else raw.split(" ", 2)[2]


@pytest.fixture(scope="session")
def nlp():
    from eventwire import nlp as ew_nlp

    return ew_nlp.load()
