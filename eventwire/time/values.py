"""What a well-formed TIMEX3 value looks like (TimeML 1.2 ``value`` attribute).

The tagger's output and any value read from elsewhere can be checked with ``is_valid``;
property tests use it to make sure no rule ever writes a malformed value.
"""

from __future__ import annotations

import re

_N = r"(?:\d+(?:\.\d+)?|X)"
_DATE = (r"(?:\d{2}|\d{3}|\d{4}|XXXX|\d{2}XX|\d{3}X)"  # century, decade, year
         r"(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"  # month, day
         r"|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?"  # week, weekday, weekend
         r"|Q[1-4X]|H[12X]|SP|SU|FA|WI))?")
_TIME = r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|MI|AF|EV|NI|DT)"
_DURATION = (rf"P(?:(?:{_N}(?:Y|M|W|D|Q|DE|CE|ML|WE|L|C|E))+(?:T(?:{_N}[HMS])+)?"
             rf"|T(?:{_N}[HMS])+)")
_VALID = re.compile(rf"^(?:{_DATE}(?:{_TIME})?|{_DURATION}|PAST_REF|PRESENT_REF|FUTURE_REF)$")


def is_valid(value: str) -> bool:
    """True when ``value`` is a well-formed TIMEX3 value (date, time, duration or reference)."""
    return bool(_VALID.match(value))
