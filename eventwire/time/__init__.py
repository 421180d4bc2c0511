"""TIMEX3 tagging and normalization against the publication date (DESIGN.md §3, §4)."""

from eventwire.time.tagger import parse_value, precision_of, tag
from eventwire.time.values import is_valid

__all__ = ["tag", "precision_of", "parse_value", "is_valid"]
