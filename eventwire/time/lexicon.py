"""Word tables for the time tagger, kept apart so the grammar reads as rules, not lists.

Everything here is plain English vocabulary (calendar names, number words) plus the small
tense cue table that decides whether "Friday" means the last one or the next one.
"""

from __future__ import annotations

# Month names and abbreviations -> month number. Keys are lower case without a trailing dot.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Weekday names -> ISO weekday index as ``date.weekday()`` returns it (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}

# Cardinal number words. ``None`` means "some unknown number" (TIMEX3 writes it as X).
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12, "half a dozen": 6,
    "a few": None, "few": None, "several": None, "many": None, "some": None,
}

# Ordinal words for centuries ("the nineteenth century").
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}

# Ordinals used for quarters and halves.
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}

# Season word -> (TIMEX3 code, month the season starts in). Winter is labelled by the year
# of its December.
SEASONS: dict[str, tuple[str, int]] = {
    "spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
    "winter": ("WI", 12),
}

# Part of day word -> TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
}

# Unit word -> (TIMEX3 letter, whether it is a time-of-day unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "weekend": ("WE", False),
}

# Adverbs that set a SET's period.
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "yearly": "P1Y", "nightly": "P1D",
}

# Reference words -> TIMEX3 value.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}

# Tense cues, looked up in a window of words around an expression (nearest cue wins).
FUTURE_CUES: frozenset[str] = frozenset({
    "will", "'ll", "shall", "would", "wo", "planned", "planning",
    "expected", "expects", "expect", "expecting", "next", "upcoming", "coming", "scheduled",
    "due", "intends", "intend", "intended", "going", "forthcoming",
    "tomorrow", "until", "till", "payable", "effective",
})
# Words that mark the future only when "to" follows ("plans to visit", not "the plan Friday").
FUTURE_BEFORE_TO: frozenset[str] = frozenset({
    "plan", "plans", "hope", "hopes", "aim", "aims", "intend", "intends", "seeks", "seek",
})
# A future cue right after one of these is a past plan ("had been scheduled to expire
# Friday", "as previously planned"): the time it dates has passed.
PAST_PLAN_MARKERS: frozenset[str] = frozenset({
    "had", "previously", "originally", "initially", "earlier", "already",
})
# "is to" / "are to" (the newspaper future); checked as word pairs.
FUTURE_PAIRS: frozenset[tuple[str, str]] = frozenset({
    ("is", "to"), ("are", "to"), ("set", "to"), ("was", "to"), ("were", "to"),
})
PAST_CUES: frozenset[str] = frozenset({
    "said", "was", "were", "had", "did", "ago", "last", "yesterday", "since", "earlier",
    "told", "sent", "began", "came", "went", "took", "made", "met", "held", "fought",
    "struck", "left", "fell", "rose", "won", "lost", "gave", "saw", "thought", "led", "ran",
    "spoke", "wrote", "broke", "flew", "drove", "brought", "bought", "caught", "chose",
    "shot", "threw", "stood", "sought", "spent", "kept", "felt", "paid", "meant", "found",
    "got", "became", "knew", "heard", "sold", "built", "fled", "slid", "sank", "swore",
    "hit", "killed", "been", "withdrew", "drew", "grew", "blew", "wore", "tore",
    "rode", "woke", "froze", "stole", "sang", "rang", "swam", "shook", "ate", "taught",
    "dealt", "lent", "slept", "swept", "wept", "crept", "spun", "stuck", "dug", "hung",
    "swung", "clung", "overtook", "forgave", "forgot", "understood", "withstood", "sat",
    "arose", "strove",
})
# Modal verbs: "will one day", "could one day" point at an unspecified future.
MODALS: frozenset[str] = frozenset({
    "will", "would", "could", "may", "might", "can", "should", "must", "shall", "'ll",
})
# Present-tense verbs of scheduled happenings: right before a weekday ("the leaders meet
# Monday", "the talks resume on Tuesday") they state a plan, so the weekday is the next one.
# Forms that double as the past ("set", "put", "cut", "hit") are left out.
SCHEDULE_VERBS: frozenset[str] = frozenset(
    f for v in ("meet", "begin", "start", "open", "resume", "vote", "arrive", "leave", "visit",
                "travel", "return", "head", "hold", "sign", "close", "expire", "end", "fly",
                "go", "face", "play", "launch", "convene", "reconvene", "debate", "testify",
                "announce", "release", "decide", "rule", "host", "attend", "depart", "take")
    for f in (v, v + ("es" if v.endswith(("s", "sh", "ch", "x", "o")) else "s"))
) | {"flies"}
# Words ending in -ed that are not past-tense verbs.
NOT_PAST_ED: frozenset[str] = frozenset({
    "need", "needed", "indeed", "hundred", "speed", "seed", "feed", "breed", "proceed",
    "succeed", "exceed", "bed", "red", "shed", "wed", "united", "limited", "related",
    "based", "armed", "expected", "scheduled", "planned", "intended", "proposed",
})

# Abbreviations whose trailing dot does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "rep", "sen",
    "gov", "pres", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "u.s",
    "u.n", "u.k", "e.u", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
    "sat", "sun", "ft", "mt", "fig", "approx", "est", "e.g", "i.e",
})
