"""Inputs for the events stage: the real time/geo/actors stages where they exist, else small
hand-built mention lists (the events stage only sees model objects either way)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventwire.model import Actor, Article, Place, Timex

# surface -> (name, country, sector, code); longest match wins. Hand-made for test sentences.
MENTIONS: dict[str, tuple[str, str | None, str | None, str]] = {
    "Russian president Vladimir Putin": ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
    "Vladimir Putin": ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
    "Putin": ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
    "Chinese President Xi Jinping": ("Xi Jinping", "CHN", "GOV", "CHNGOV"),
    "Xi": ("Xi Jinping", "CHN", "GOV", "CHNGOV"),
    "Ukrainian president Volodymyr Zelensky": ("Volodymyr Zelensky", "UKR", "GOV", "UKRGOV"),
    "NATO Secretary General Jens Stoltenberg": ("NATO", "NAT", "IGO", "NAT"),
    "NATO member states": ("NATO member states", "NAT", None, "NAT"),
    "NATO": ("NATO", "NAT", "IGO", "NAT"),
    "Kyiv's military": ("Ukraine military", "UKR", "MIL", "UKRMIL"),
    "Belarus' defence ministry": ("Belarus defence ministry", "BLR", "MIL", "BLRMIL"),
    "Russia's finance ministry": ("Russia finance ministry", "RUS", "GOV", "RUSGOV"),
    "Western countries": ("Western countries", "WST", None, "WST"),
    "Russia": ("Russia", "RUS", None, "RUS"), "Moscow": ("Russia", "RUS", "GOV", "RUSGOV"),
    "Russian": ("Russia", "RUS", None, "RUS"),
    "China": ("China", "CHN", None, "CHN"), "Beijing": ("China", "CHN", "GOV", "CHNGOV"),
    "Chinese": ("China", "CHN", None, "CHN"),
    "Ukraine": ("Ukraine", "UKR", None, "UKR"), "Kyiv": ("Ukraine", "UKR", "GOV", "UKRGOV"),
    "Ukrainian": ("Ukraine", "UKR", None, "UKR"),
    "Belarus": ("Belarus", "BLR", None, "BLR"),
    "Syria": ("Syria", "SYR", None, "SYR"), "Israel": ("Israel", "ISR", None, "ISR"),
    "Iran": ("Iran", "IRN", None, "IRN"), "France": ("France", "FRA", None, "FRA"),
    "Germany": ("Germany", "DEU", None, "DEU"), "Turkey": ("Turkey", "TUR", None, "TUR"),
    "Japan": ("Japan", "JPN", None, "JPN"), "India": ("India", "IND", None, "IND"),
    "Pakistan": ("Pakistan", "PAK", None, "PAK"),
    "the United States": ("United States", "USA", None, "USA"),
    "Washington": ("United States", "USA", "GOV", "USAGOV"),
    "rebels": ("rebels", None, "REB", "REB"),
}
PLACES = {"Russia": ("RUS", "country"), "Ukraine": ("UKR", "country"),
          "Uzbekistan": ("UZB", "country"), "Moscow": ("RUS", "city"), "Kyiv": ("UKR", "city"),
          "Syria": ("SYR", "country"), "Gaza": ("PSE", "region"), "Aleppo": ("SYR", "city")}


def hand_actors(text: str) -> list[Actor]:
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(MENTIONS, key=len, reverse=True)) + r")\b")
    out = []
    for m in pattern.finditer(text):
        name, country, sector, code = MENTIONS[m.group(1)]
        out.append(Actor(name=name, country=country, sector=sector, code=code,
                         text=m.group(1), start=m.start(), end=m.end()))
    return out


def hand_places(text: str) -> list[Place]:
    out = []
    for name, (country, feature) in PLACES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            out.append(Place(start=m.start(), end=m.end(), text=name, name=name, geonameid=None,
                             lat=None, lon=None, country=country, feature=feature))
    return sorted(out, key=lambda p: p.start)


def _stage_inputs(doc, text: str, published: date) -> tuple[list[Timex], list[Place], list[Actor]]:
    """Timexes, places and actor mentions from the real stages when they are there."""
    try:
        from eventwire.time import tag
        timexes = tag(text, published)
    except ImportError:
        timexes = []
    try:
        from eventwire.geo import places_in_doc
        places = places_in_doc(doc)
    except ImportError:
        places = hand_places(text)
    try:
        from eventwire.actors import actors_in_doc  # type: ignore[attr-defined]
        actors = actors_in_doc(doc, published)
    except ImportError:
        actors = hand_actors(text)
    return timexes, places, actors


@pytest.fixture(scope="session")
def code_text(nlp):
    """Run the events stage on a text with the stage inputs above."""
    from eventwire.events import extract

    def run(text: str, published: str = "2022-12-30", hand: bool = False):
        pub = date.fromisoformat(published)
        doc = nlp(text)
        if hand:
            timexes, places, actors = [], hand_places(text), hand_actors(text)
            try:
                from eventwire.time import tag
                timexes = tag(text, pub)
            except ImportError:
                pass
        else:
            timexes, places, actors = _stage_inputs(doc, text, pub)
        article = Article(id="test", published=pub, text=text)
        return extract(doc, article, timexes, places, actors)

    return run


@pytest.fixture(scope="session")
def stage_inputs():
    """(doc, text, published) -> (timexes, places, actors) from the real stages where present."""
    return _stage_inputs
