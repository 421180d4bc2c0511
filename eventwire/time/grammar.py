"""The surface grammar of time expressions: one compiled regular expression per rule.

Rules only find candidate spans; ``tagger`` picks the longest non-overlapping ones and
normalizes them. A rule's span is its named group ``x`` when present (to leave out a
preposition such as the "on" of "on Friday"), otherwise the whole match. Month and weekday
names are matched case-sensitively (``May``/``may``, ``March``/``march``); everything else
is case-insensitive.
"""

from __future__ import annotations

import re

from eventwire.time.lexicon import NUMBER_WORDS

_MON = (r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])")
_MON_FULL = (r"(?-i:January|February|March|April|May|June|July|August|September|October"
             r"|November|December)(?![A-Za-z])")
# A year said in words, as broadcast transcripts write it: "nineteen ninety-six",
# "the year two thousand", "two thousand and one".
WORD_YEAR = (r"(?:(?:nineteen|eighteen|twenty)[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
             r"|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
             r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
             r"|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight"
             r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)"
             r"(?![\w-])")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w|:\d)"
_YEAR = r"(?:1[5-9]|20)\d\d(?!\d|[.,]\d)"
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_POD = r"morning|afternoon|evening|night"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in NUMBER_WORDS),
                         key=len, reverse=True))
NUM = rf"(?:\d+(?:\.\d+)?|(?:{_TENS})[\s-](?:{_ONES})|(?:{_WORDS}))(?![\w-])"
NUM_NO_ARTICLE = rf"(?:\d+|(?:{_TENS})-(?:{_ONES})|(?:{_TENS}|{_ONES}|ten|eleven|twelve|fifteen|eighteen))"
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centuries)"
APPROX = (r"(?:about|around|nearly|almost|some|roughly|approximately|more\s+than|less\s+than"
          r"|fewer\s+than|at\s+least|at\s+most|up\s+to|over(?!\s+the\b)|under(?!\s+the\b)|just|only|barely|nearly)")

_MOD_DAY = r"(?:early|late|earlier|later)"
_MOD_PERIOD = (r"(?:early\s+|late\s+|mid-\s*|mid\s+|earlier\s+|later\s+"
               r"|the\s+(?:beginning|start|middle|end)\s+of\s+)")

RULES: list[tuple[str, str, str]] = [
    ("iso", "D", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b"),
    ("numeric", "D", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ("mdy", "M", rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s*(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?"),
    ("dmy", "M", rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("month_year", "M", rf"(?P<mod>{_MOD_PERIOD})?(?P<mon>{_MON}),?\s+(?:of\s+)?"
                   r"(?:(?P<y>" + _YEAR + r")|(?P<rel>this|last|next)\s+year\b|(?P<wy>" + WORD_YEAR + "))"),
    ("word_year", "T", rf"(?:(?P<the>the\s+year\s+)|(?P<mod>{_MOD_PERIOD}))?(?P<wy>{WORD_YEAR})"),
    ("century", "U", r"(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<o>first|second|third|fourth|fifth|sixth"
                r"|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
                r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+century\b"),
    ("month", "M", rf"(?P<mod>{_MOD_PERIOD})?(?:(?P<rel>last|next|this|coming)\s+)?(?P<mon>{_MON_FULL})"),
    ("year", "D", rf"(?<![\d$.,/£€-])(?P<mod>{_MOD_PERIOD}|fiscal[\s-]+(?:year\s+)?|the\s+year\s+|FY\s*)?"
             rf"(?P<y>{_YEAR})(?!\s*(?:%|percent|per\s+cent)|-\d)(?P<fy>\s+fiscal\s+year\b)?"),
    ("decade", "DA", r"(?:the\s+)?(?P<mod>(?:early|mid|late)[\s-]+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0)['’]?s\b"),
    ("word_decade", "E", r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:(?P<c>nineteen|eighteen|twenty)[\s-]+)?"
                    r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    ("season", "T", r"(?P<mod>(?:early|late|mid)[\s-]+)?(?:(?P<rel>last|next|this|the\s+coming|the\s+past"
               r"|the\s+previous|the\s+following|this\s+past)\s+)?(?P<s>spring|summer|autumn|fall|winter)\b"
               rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<wy>{WORD_YEAR})))?"),
    ("quarter", "U", rf"(?:the\s+)?(?:(?P<y1>{_YEAR})(?:['’]s)?\s+|(?P<rel>last|next|this|current)\s+"
                r"(?:year['’]s\s+)?|(?P<ya>year-ago|year-earlier|prior-year|comparable)\s+)?(?:fiscal\s+)?(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)"
                rf"[\s-]+quarter(?!s)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y2>{_YEAR})|(?P<rel2>this|last|next)\s+year))?"),
    ("half", "H", r"(?:the\s+)?(?P<o>first|second|last|latter)\s+half\s+of\s+(?:the\s+)?(?:fiscal\s+)?"
             rf"(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year|(?P<the>year)\b)"),
    ("two_quarters", "U", rf"(?P<o>first|last)\s+two\s+quarters\s+of\s+(?:the\s+)?(?:fiscal\s+)?"
                     rf"(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year|(?P<the>year)\b)"),
    ("quarter_code", "DT", rf"(?-i:\bQ(?P<q>[1-4]))(?:\s+(?P<y>{_YEAR}))?\b"),
    ("quarter_ref", "U", r"\bthe\s+(?:(?P<rel>latest|last|past|previous|current|year-ago|year-earlier|same"
                    r"|comparable|corresponding)\s+)?(?:(?P<rel2>year-ago|year-earlier)\s+)?"
                    r"(?:fiscal\s+)?(?P<u>quarter|period)\b(?!s)(?P<ly>\s+(?:a\s+year\s+ago|last\s+year))?"),
    ("year_period", "DU", rf"\b(?:the\s+(?:(?:same|comparable|corresponding)\s+)?(?P<y>{_YEAR})|(?P<ly>last"
                     r"\s+year['’]s))\s+(?:fiscal\s+)?(?:quarter|period)\b(?!s)"),
    ("the_year", "U", r"\bthe\s+(?:(?P<k>full|fiscal|calendar|entire|whole)\s+)?year\b(?![-'’])"),
    ("year_end", "U", r"\b(?:year[-\s]end|year['’]s\s+end|the\s+end\s+of\s+the\s+(?P<u>year|month|week))\b"),
    ("year_ago_adj", "U", r"(?<![\w-])(?P<rel>year-ago|year-earlier)(?=\s+(?:quarter|period|results|levels?"
                     r"|figures|earnings|profits?|loss|net|sales|revenue))"),
    ("relday", "T", rf"\b(?:(?P<mod>{_MOD_DAY})\s+|mid-?\s*(?P<pod0>morning|afternoon|evening)\s+)?(?P<w>today|tonight|yesterday|tomorrow"
               r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b"
               rf"(?:\s+(?P<pod>{_POD})\b)?"),
    ("this_pod", "TU", rf"\b(?:(?P<mod>{_MOD_DAY})\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{_POD})\b"),
    ("overnight", "T", r"(?<!\ban\s)(?<!\bthe\s)\bovernight\b(?!\s+(?:rate|stay|train|flight|bag|shift|loan)s?\b)"),
    ("weekday", "W", rf"(?P<x>(?:(?P<mod>{_MOD_DAY})\s+(?:on\s+)?)?(?:(?P<rel>last|next|this|coming|past|previous)\s+)?"
                rf"(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}|overnight)(?!s))?)(?!s\b)"),
    ("weekday_set", "W", rf"\b(?P<wd>{_WD})(?:s\b|s?\s+(?P<pod>{_POD})s\b)"),
    ("clock", "D", r"(?<![\d:.,])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m)"
              r"(?![A-Za-z])"),
    ("clock24", "D", r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|hrs|local\s+time))?(?![\d:])"),
    ("the_pod", "T", r"(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bby\s))the\s+(?P<pod>morning|afternoon|evening)\b"),
    ("mid_pod", "P", r"\bmid-?\s*(?P<pod>morning|afternoon|evening)\b"),
    ("noon", "T", r"\b(?P<w>noon|midday|midnight)\b"),
    ("clock_day", "DT", r"(?:(?<![\d:.,])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m)"
                  rf"|\b(?P<w>noon|midnight))\s+(?:on\s+)?(?P<wd>{_WD})(?!s\b)"),
    ("anchored_n", "U", rf"(?:(?P<mod>{APPROX})\s+)?(?P<n>{NUM})\s+(?P<u>{UNIT})s?\s+(?:or\s+so\s+)?"
                   r"(?P<dir>later|earlier|before|after|afterwards?|ago|from\s+now|previously|prior|back)\b"),
    ("anchored_the", "U", r"\bthe\s+(?P<u>day|night|week|month|year|weekend)\s+(?P<dir>before|after|earlier|later|prior)\b"),
    ("anchored_rel", "UT", r"\bthe\s+(?P<rel>previous|preceding|following|next|same|prior)\s+"
                     r"(?P<u>day|night|morning|afternoon|evening|week|weekend|month|year)\b"),
    ("anchored_that", "UT", r"\b(?P<rel>that)\s+(?P<u>day|night|morning|afternoon|evening|week|month|quarter|year)\b"),
    ("dct_rel", "U", rf"(?P<mod>{_MOD_PERIOD})?(?P<rel>last|this|next|the\s+current|the\s+coming|the\s+past"
                r"|the\s+last|the\s+next|the\s+previous|the\s+preceding|the\s+latest)\s+"
                r"(?:fiscal\s+)?(?P<u>week|weekend|month|year|decade|century)\b"),
    ("weekend", "U", r"\b(?P<x>(?P<mod>early|late)?\s*the\s+weekend)\b"),
    ("set_every", "UW", rf"\b(?:every|each)\s+(?:(?P<n>{NUM})\s+|other\s+)?(?P<u>{UNIT}|{_WD})s?\b"),
    ("set_freq", "T", r"\b(?P<w>yearly|hourly|nightly)\b"),
    ("set_per", "U", r"\b(?P<x>(?:per|a)\s+(?P<u>day|week|month|year))\b"),
    ("duration", "U", rf"(?:(?P<mod>{APPROX})\s+)?(?:the\s+(?:(?P<rel>past|last|next|first|coming|previous|latest|"
                 rf"final|following|remaining|same)\s+)?)?(?P<n>{NUM})(?P<frac>\s+(?:and\s+)?(?:a\s+half|one[\s-]half|[13]/[24])|-and-a-half)?"
                 r"(?:\s+(?:more|additional|further|extra|straight|consecutive))?"
                 rf"(?:\s+(?:trading|business|working|calendar))?\s+(?P<u>{UNIT})s?\b"),
    ("duration_half", "U", r"\b(?:(?P<a>a|an|one)\s+(?P<u1>minute|hour|day|year|month)\s+and\s+a\s+half"
                      r"|half\s+an?\s+(?P<u2>hour|day|year|month))\b"),
    ("duration_adj", "U", rf"(?<![\w-])(?P<n>{NUM_NO_ARTICLE})-(?P<u>{UNIT})(?![\w-])"),
    ("duration_plural", "U", r"\b(?:(?P<pre>recent|coming|future|past|the\s+(?:past|last|coming|next|first)(?:\s+few)?|a\s+few|several|many)\s+)?"
                        r"(?P<u>days|weeks|months|quarters|years|decades|hours|minutes|centuries)\b"),
    ("in_the_day", "U", r"(?:(?<=\bearlier\sin\s)|(?<=\blater\sin\s)|(?<=\bearly\sin\s)|(?<=\blate\sin\s))"
                       r"the\s+day\b"),
    ("ahead", "U", r"\bthe\s+(?P<u>days|weeks|months|years)\s+ahead\b"),
    ("adj_ref", "T", r"\b(?P<then>then[\s-]+)?(?P<w>current|recent)\b(?=\s+(?!account|assets|liabilities|ratio|affairs|yield)[a-z])"),
    ("ref", "T", r"\b(?P<w>now|currently|nowadays|at\s+present|these\s+days|recently|lately"
            r"|the\s+past|the\s+(?:near\s+|distant\s+)?future|soon|as\s+soon\s+as\s+possible"
            r"|the\s+(?:near|short|long)\s+term|a\s+later\s+date)\b"),
]

# Rules only run in windows around cue words of the classes they name: D digits, A an
# apostrophe before a digit ('80s), M month and W weekday names, U unit words, T other time
# words, and the RARE_CUES classes below. Most of a news text holds none, and trying every
# rule at every word is slow.
CUE_TOKEN = re.compile(r"[A-Za-z]+|\d+|['’]\d")
TIME_WORDS: frozenset[str] = frozenset({
    "today", "tonight", "tomorrow", "yesterday", "overnight", "now", "current", "currently",
    "present", "recent", "recently", "lately", "past", "future", "soon", "spring", "summer",
    "autumn", "fall", "winter", "noon", "midday", "midnight", "morning", "afternoon",
    "evening", "yearly", "hourly", "nightly", "these", "nowadays", "q1", "q2", "q3", "q4",
    "nineteen", "eighteen", "twenty", "thousand", "term", "later",
})
# Rare words that cue one or two rules each, in classes of their own so that the common time
# words do not widen those rules' windows: H "half", E decades in words, P "mid"-parts of day.
RARE_CUES: dict[str, str] = {
    "half": "H", "midmorning": "P", "midafternoon": "P", "midevening": "P", "mid": "P",
    **{w: "E" for w in ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                        "eighties", "nineties")},
}
UNIT_WORDS: frozenset[str] = frozenset(
    w + s for w in ("second", "minute", "hour", "day", "night", "week", "fortnight", "month",
                    "quarter", "year", "decade", "century", "weekend") for s in ("", "s")
) | {"centuries", "period"}  # "period": "in the latest period" (a quarter)
# Every expression starts at a word start (or an apostrophe, "the '80s"): saying so up front
# lets the engine skip the middle of words cheaply.
COMPILED: list[tuple[str, str, re.Pattern[str]]] = [
    (name, cues, re.compile(r"(?<!\w)(?=[\w'’])(?:" + pattern + ")", re.IGNORECASE))
    for name, cues, pattern in RULES
]
