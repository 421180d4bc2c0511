"""Behaviour of the TIMEX3 tagger, pinned by tables of (sentence, DCT, span, value) examples."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.time import parse_value, precision_of, tag

FRI = "2022-12-30"  # the seed article's publication date, a Friday
WED = "2023-03-15"

# (sentence, dct, expected text, expected value)
ROWS: list[tuple[str, str, str, str]] = [
    # --- the seed article's sentences ---------------------------------------------------
    ("Russian president Vladimir Putin said on Friday he was expecting Chinese President Xi "
     "Jinping to make a state visit to Russia in spring 2023.", FRI, "Friday", "2022-12-30"),
    ("Russian president Vladimir Putin said on Friday he was expecting Chinese President Xi "
     "Jinping to make a state visit to Russia in spring 2023.", FRI, "spring 2023", "2023-SP"),
    ("We are expecting you, dear Mr Chairman, dear friend, we are expecting you next spring "
     "on a state visit to Moscow.", FRI, "next spring", "2023-SP"),
    ("Speaking for around eight minutes, Putin said Russia-China relations were growing.",
     FRI, "around eight minutes", "PT8M"),
    ("The relationship has taken on great significance since Moscow sent its armed forces "
     "into Ukraine on February 24.", FRI, "February 24", "2022-02-24"),
    ("At a September summit in Uzbekistan, Putin acknowledged his Chinese counterpart's "
     "\"concerns\".", FRI, "September", "2022-09"),
    ("Residents of the Ukrainian capital Kyiv were urged to head to air raid shelters early on "
     "Friday as sirens wailed across the city, a day after Russia carried out one of the "
     "biggest aerial assaults since it started the war in February.",
     FRI, "early on Friday", "2022-12-30"),
    ("Residents of the Ukrainian capital Kyiv were urged to head to air raid shelters early on "
     "Friday as sirens wailed across the city, a day after Russia carried out one of the "
     "biggest aerial assaults since it started the war in February.",
     FRI, "a day after", "2022-12-29"),
    ("Residents of the Ukrainian capital Kyiv were urged to head to air raid shelters early on "
     "Friday as sirens wailed across the city, a day after Russia carried out one of the "
     "biggest aerial assaults since it started the war in February.",
     FRI, "February", "2022-02"),
    ("Russia launched 16 \"kamikaze\" drones into Ukraine overnight, Kyiv's military said after "
     "the 2am air raid alert.", FRI, "overnight", "2022-12-30"),
    ("Russia launched 16 \"kamikaze\" drones into Ukraine overnight, Kyiv's military said after "
     "the 2am air raid alert.", FRI, "2am", "2022-12-30T02:00"),
    ("Ukrainian president Volodymyr Zelensky, in a video address on Thursday night, said air "
     "commands repelled 54 Russian missiles and 11 drones on Thursday.",
     FRI, "Thursday night", "2022-12-29TNI"),
    ("Ukrainian president Volodymyr Zelensky, in a video address on Thursday night, said air "
     "commands repelled 54 Russian missiles and 11 drones on Thursday.",
     FRI, "Thursday", "2022-12-29"),
    ("Officials had earlier said more than 120 missiles were fired during Thursday's assault.",
     FRI, "Thursday", "2022-12-29"),
    ("More than 18 residential buildings were destroyed in Thursday's attacks, a defence "
     "ministry statement said on Thursday evening.", FRI, "Thursday evening", "2022-12-29TEV"),
    ("with Russia now China's single largest oil supplier.", FRI, "now", "PRESENT_REF"),
    # --- explicit dates -------------------------------------------------------------------
    ("The deal was signed on December 29, 2022.", FRI, "December 29, 2022", "2022-12-29"),
    ("The deal was signed on Dec. 29.", FRI, "Dec. 29", "2022-12-29"),
    ("The deal was signed on 29 December 2022.", FRI, "29 December 2022", "2022-12-29"),
    ("Figures released 2022-12-29 show a fall.", FRI, "2022-12-29", "2022-12-29"),
    ("The ceasefire expired on 12/29/2022.", FRI, "12/29/2022", "2022-12-29"),
    ("Voting took place on the 5th of March 2023.", WED, "the 5th of March 2023", "2023-03-05"),
    ("Talks are planned for January 12.", FRI, "January 12", "2023-01-12"),
    ("The talks will resume on Feb. 3.", FRI, "Feb. 3", "2023-02-03"),
    ("The offensive began on Aug. 29.", FRI, "Aug. 29", "2022-08-29"),
    ("Payment is due Jan. 15.", FRI, "Jan. 15", "2023-01-15"),
    ("The vote is on Saturday, January 7.", FRI, "Saturday, January 7", "2023-01-07"),
    ("Inflation hit a peak in September 2022.", FRI, "September 2022", "2022-09"),
    ("Prices rose in June last year.", WED, "June last year", "2022-06"),
    ("The army withdrew in September.", FRI, "September", "2022-09"),
    ("Parliament will vote in September.", FRI, "September", "2023-09"),
    ("The embassy reopened in mid-November.", FRI, "mid-November", "2022-11"),
    ("The dam was completed in 2021.", FRI, "2021", "2021"),
    ("Growth slowed in early 2022.", FRI, "early 2022", "2022"),
    ("The region was at war in the 1990s.", FRI, "the 1990s", "199"),
    ("Shortages date back to the late '80s.", FRI, "the late '80s", "198"),
    ("The two sides agreed to meet in May.", WED, "May", "2022-05"),
    # --- seasons and quarters -------------------------------------------------------------
    ("Fighting intensified last summer.", FRI, "last summer", "2022-SU"),
    ("A counter-offensive is expected next spring.", "2022-10-01", "next spring", "2023-SP"),
    ("Harvests were poor this autumn.", FRI, "this autumn", "2022-FA"),
    ("The plant was hit in the winter of 2021.", FRI, "winter of 2021", "2021-WI"),
    ("Exports fell in the first quarter.", FRI, "the first quarter", "2022-Q1"),
    ("Output rose in the third quarter of 2021.", FRI, "the third quarter of 2021", "2021-Q3"),
    ("Third-quarter profit fell 10%.", "1989-11-02", "Third-quarter", "1989-Q3"),
    ("Earnings beat forecasts in Q2 2022.", FRI, "Q2 2022", "2022-Q2"),
    # --- relative days and weekdays -------------------------------------------------------
    ("The minister resigned today.", FRI, "today", "2022-12-30"),
    ("The minister resigned yesterday.", FRI, "yesterday", "2022-12-29"),
    ("The minister will resign tomorrow.", FRI, "tomorrow", "2022-12-31"),
    ("Curfew begins tonight.", FRI, "tonight", "2022-12-30TNI"),
    ("Shelling continued last night.", FRI, "last night", "2022-12-29TNI"),
    ("Explosions were heard this morning in Kyiv.", FRI, "this morning", "2022-12-30TMO"),
    ("Protesters gathered on Monday.", FRI, "Monday", "2022-12-26"),
    ("The envoy will travel to Ankara on Monday.", FRI, "Monday", "2023-01-02"),
    ("The envoy plans to travel on Friday.", FRI, "Friday", "2023-01-06"),
    ("Troops crossed the river on Wednesday.", WED, "Wednesday", "2023-03-15"),
    ("Troops crossed the river on Thursday.", WED, "Thursday", "2023-03-09"),
    ("The statement came last Friday.", FRI, "last Friday", "2022-12-23"),
    ("The summit opens next Tuesday.", FRI, "next Tuesday", "2023-01-03"),
    ("Sunday's vote was peaceful.", FRI, "Sunday", "2022-12-25"),
    ("Rescuers worked through Tuesday morning.", FRI, "Tuesday morning", "2022-12-27TMO"),
    ("Officials met late on Wednesday.", FRI, "late on Wednesday", "2022-12-28"),
    ("The blast happened at 10:30 p.m. on Tuesday.", FRI, "10:30 p.m. on Tuesday",
     "2022-12-27T22:30"),
    ("Sirens sounded at 14:00 GMT.", FRI, "14:00 GMT", "2022-12-30T14:00"),
    ("The rally was held at noon Saturday.", FRI, "noon Saturday", "2022-12-24T12:00"),
    # --- anchored expressions -------------------------------------------------------------
    ("He was detained on Monday. Two days later, he was released.", FRI, "Two days later",
     "2022-12-28"),
    ("He was detained on Monday. The day before, police raided his office.", FRI,
     "The day before", "2022-12-25"),
    ("The talks collapsed on Dec. 1. The following week, fighting resumed.", FRI,
     "The following week", "2022-W49"),
    ("He was arrested on Monday, two days before the election.", FRI, "two days before",
     "2022-12-28"),
    ("The treaty was signed in 2015 and ratified a year later.", FRI, "a year later", "2016"),
    ("The army retreated three weeks ago.", FRI, "three weeks ago", "2022-W49"),
    ("Rebels seized the town two days ago.", FRI, "two days ago", "2022-12-28"),
    ("The plan was announced a year ago.", FRI, "a year ago", "2021"),
    # --- relative to the publication date -------------------------------------------------
    ("Troops massed on the border last week.", FRI, "last week", "2022-W51"),
    ("Negotiators meet this week.", FRI, "this week", "2022-W52"),
    ("Elections will be held next week.", FRI, "next week", "2023-W01"),
    ("Sanctions were tightened last month.", FRI, "last month", "2022-11"),
    ("The ministry said earlier this month that stocks were low.", FRI,
     "earlier this month", "2022-12"),
    ("The economy grew this year.", FRI, "this year", "2022"),
    ("The economy shrank last year.", FRI, "last year", "2021"),
    ("A new budget is due next year.", FRI, "next year", "2023"),
    ("Stores were shut over the weekend.", "2023-01-02", "the weekend", "2022-W52-WE"),
    # --- durations, references and sets ---------------------------------------------------
    ("Some 40 strikes were recorded over the past 24 hours.", FRI, "the past 24 hours", "PT24H"),
    ("The siege lasted three days.", FRI, "three days", "P3D"),
    ("The meeting lasted two hours.", FRI, "two hours", "PT2H"),
    ("He served a 10-year term.", FRI, "10-year", "P10Y"),
    ("The dispute has dragged on for years.", FRI, "years", "PXY"),
    ("The region has been calm for nearly six months.", FRI, "nearly six months", "P6M"),
    ("Prices are currently high.", FRI, "currently", "PRESENT_REF"),
    ("Relations have recently soured.", FRI, "recently", "PAST_REF"),
    ("Both sides hope to settle the dispute in the future.", FRI, "the future", "FUTURE_REF"),
    ("Delegations meet every week.", FRI, "every week", "P1W"),
    ("Output grows 3% a year.", FRI, "a year", "P1Y"),
]


@pytest.mark.parametrize(("sentence", "dct", "text", "value"), ROWS)
def test_value(sentence: str, dct: str, text: str, value: str) -> None:
    found = {t.text: t.value for t in tag(sentence, dct)}
    assert text in found, f"{text!r} not tagged; got {found}"
    assert found[text] == value


# Text where nothing should be tagged: the words look like time but are not.
NEGATIVES: list[str] = [
    "May said she would not resign.",
    "The march drew 2000 protesters.",
    "A second missile hit the tower.",
    "The fall of Kherson was a blow.",
    "It lasted around a quarter as long.",
    "The 10-year-old boy was unhurt.",
    "Russia's finance ministry restructures its rainy-day fund.",
    "Prices rose 2.5 percent.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_nothing_tagged(sentence: str) -> None:
    assert tag(sentence, FRI) == []


@pytest.mark.parametrize(("text", "typ"), [
    ("around eight minutes", "DURATION"), ("Thursday night", "TIME"), ("2am", "TIME"),
    ("Friday", "DATE"), ("every week", "SET"), ("now", "DATE"),
])
def test_types(text: str, typ: str) -> None:
    sentence = {"around eight minutes": "He spoke for around eight minutes.",
                "Thursday night": "He spoke on Thursday night.",
                "2am": "The alert came at 2am.",
                "Friday": "He spoke on Friday.",
                "every week": "They meet every week.",
                "now": "It is now over."}[text]
    [timex] = [t for t in tag(sentence, FRI) if t.text == text]
    assert timex.type == typ


def test_seed_article(seed_text: str) -> None:
    """The reference article: every date the design doc relies on, with exact offsets."""
    timexes = tag(seed_text, date(2022, 12, 30))
    values = [(t.text, t.value) for t in timexes]
    for expected in [("Friday", "2022-12-30"), ("spring 2023", "2023-SP"),
                     ("next spring", "2023-SP"), ("around eight minutes", "PT8M"),
                     ("February 24", "2022-02-24"), ("September", "2022-09"),
                     ("early on Friday", "2022-12-30"), ("a day after", "2022-12-29"),
                     ("overnight", "2022-12-30"), ("2am", "2022-12-30T02:00"),
                     ("Thursday night", "2022-12-29TNI"), ("Thursday", "2022-12-29"),
                     ("Thursday evening", "2022-12-29TEV")]:
        assert expected in values
    # every "Thursday" in the article is the day before publication
    assert {v for t, v in values if t == "Thursday"} == {"2022-12-29"}
    for t in timexes:
        assert seed_text[t.start:t.end] == t.text
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)
    assert all(a.end <= b.start for a, b in zip(timexes, timexes[1:], strict=False))


def test_string_and_date_dct_agree() -> None:
    s = "He left on Monday and returns next week."
    assert tag(s, "2022-12-30") == tag(s, date(2022, 12, 30))


@pytest.mark.parametrize(("value", "precision"), [
    ("2022-12-29", "day"), ("2022-12-29TNI", "day"), ("2022-12-30T02:00", "day"),
    ("2022-W51", "week"), ("2022-W52-WE", "week"), ("2022-09", "month"), ("XXXX-09", "month"),
    ("2023-SP", "season"), ("2022-Q1", "quarter"), ("2021", "year"),
    ("P3D", None), ("PT2H", None), ("PRESENT_REF", None), ("PAST_REF", None), ("199", None),
])
def test_precision_of(value: str, precision: str | None) -> None:
    assert precision_of(value) == precision


def test_parse_value() -> None:
    assert parse_value("2022-W51") == (date(2022, 12, 19), "week")
    assert parse_value("2023-SP") == (date(2023, 3, 1), "season")
    assert parse_value("P3D") is None
