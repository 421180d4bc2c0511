"""Places: the offline gazetteer, toponym recognition and resolution (DESIGN §4)."""

from __future__ import annotations

from eventwire.geo.gazetteer import Candidate, lookup
from eventwire.geo.toponyms import parse, places_in_doc, recognize, resolve

__all__ = ["Candidate", "lookup", "parse", "places_in_doc", "recognize", "resolve"]
