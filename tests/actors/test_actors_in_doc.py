"""actors_in_doc(): every actor mention in a parsed article, with offsets."""

from __future__ import annotations

import pytest

from eventwire.actors import actors_in_doc
from eventwire.model import Actor

SEED_DAY = "2022-12-30"


@pytest.fixture(scope="module")
def seed_actors(nlp, seed_text: str) -> list[Actor]:
    return actors_in_doc(nlp(seed_text), SEED_DAY)


def _find(actors: list[Actor], text: str, nth: int = 0) -> Actor:
    hits = [a for a in actors if a.text == text]
    assert len(hits) > nth, f"{text!r} not found among {[a.text for a in actors]}"
    return hits[nth]


@pytest.mark.parametrize(
    ("mention", "code"),
    [
        ("Russian president Vladimir Putin", "RUSGOV"),
        ("Chinese President Xi Jinping", "CHNGOV"),
        ("Xi", "CHNGOV"),
        ("Putin", "RUSGOV"),
        ("Beijing", "CHNGOV"),
        ("Western countries", "WST"),
        ("Russia's finance ministry", "RUSGOV"),
        ("Kyiv's military", "UKRMIL"),
        ("NATO Secretary General Jens Stoltenberg", "NATO"),
        ("Ukrainian president Volodymyr Zelensky", "UKRGOV"),
        ("Belarus' defence ministry", "BLRGOV"),
        ("Ukrainian ambassador", "UKRGOV"),
        ("Chinese counterpart", "CHNGOV"),
        ("Residents of the Ukrainian capital Kyiv", "UKRCVL"),
    ],
)
def test_seed_mentions_are_found_and_coded(
    seed_actors: list[Actor], seed_text: str, mention: str, code: str
) -> None:
    actor = _find(seed_actors, mention)
    assert actor.code == code
    assert seed_text[actor.start : actor.end] == mention
    assert seed_text.find(mention) <= actor.start


def test_offsets_are_exact_and_spans_do_not_overlap(seed_actors: list[Actor], seed_text: str) -> None:
    assert len(seed_actors) > 30
    previous_end = -1
    for actor in seed_actors:
        assert seed_text[actor.start : actor.end] == actor.text
        assert actor.text == actor.text.strip()
        assert actor.start >= previous_end
        previous_end = actor.end


def test_first_mention_offsets(seed_actors: list[Actor], seed_text: str) -> None:
    first = seed_actors[0]
    assert (first.text, first.start, first.end) == ("Russian president Vladimir Putin", 0, 32)
    kyiv = _find(seed_actors, "Kyiv's military")
    assert kyiv.end - kyiv.start == 15
    assert kyiv.start == seed_text.index("Kyiv's military")


def test_capital_as_place_is_not_a_government(seed_actors: list[Actor]) -> None:
    # "a state visit to Moscow": the city, not the Russian government
    visit = _find(seed_actors, "Moscow", 0)
    assert visit.code == "RUS"
    # "since Moscow sent its armed forces": the government
    sender = _find(seed_actors, "Moscow", 1)
    assert sender.code == "RUSGOV"


def test_modifier_nouns_are_not_actors(seed_actors: list[Actor]) -> None:
    texts = [a.text for a in seed_actors]
    # "Moscow's military campaign": Moscow acts; "military" modifies "campaign"
    assert "Moscow's military" not in texts
    assert "air defences" not in texts  # no country: left for pronoun resolution


def test_short_forms_follow_the_full_name(nlp) -> None:
    text = ("Foreign Ministry spokesperson Wang Wenbin of China spoke on Monday. "
            "Chinese spokesman Wang Wenbin said talks went well. Later Wenbin added more.")
    actors = actors_in_doc(nlp(text), SEED_DAY)
    full = _find(actors, "Chinese spokesman Wang Wenbin")
    assert full.code == "CHNGOV"
    short = _find(actors, "Wenbin")
    assert short.code == "CHNGOV"


def test_dates_change_office(nlp) -> None:
    text = "Boris Johnson met Emmanuel Macron in Paris."
    during = {a.text: a.code for a in actors_in_doc(nlp(text), "2021-06-01")}
    after = {a.text: a.code for a in actors_in_doc(nlp(text), "2023-06-01")}
    assert during["Boris Johnson"] == "GBRGOV"
    assert after["Boris Johnson"] == "GBRELI"
    assert during["Emmanuel Macron"] == after["Emmanuel Macron"] == "FRAGOV"
    assert during["Paris"] == "FRA"  # "in Paris": a place


def test_lowercase_words_are_not_names(nlp) -> None:
    text = "Let us know whether the turkey was cooked in china dishes."
    assert actors_in_doc(nlp(text), SEED_DAY) == []


@pytest.mark.parametrize(("text", "mention", "code"), [
    # "of X's noun": the title heads the noun X owns, not X
    ("The deputy chief of Israel's militia ally was killed.", "Israel", "ISR"),
    ("The commander of Syria's militia allies was killed.", "Syria", "SYR"),
    # "of X" alone, or of X's own sector, still names whom the title heads
    ("The president of Russia resigned.", "president of Russia", "RUSGOV"),
    ("The head of Russia's army resigned.", "head of Russia", "RUSGOV"),
])
def test_title_of_a_possessor_is_not_the_possessors(nlp, text: str, mention: str,
                                                    code: str) -> None:
    found = [(a.text, a.code) for a in actors_in_doc(nlp(text), "2000-01-01")]
    assert (mention, code) in found
