"""Recognition rules for what the small spaCy model cuts up or misses (county names,
county lists, datelines, a legislator's home, a town's institutions)."""

from __future__ import annotations

from eventwire import geo


def _texts(text: str) -> list[str]:
    return [p.text for p in geo.parse(text)]


def test_county_name_is_one_place_even_inside_an_office(nlp) -> None:
    places = geo.parse("Deputies from the Sangamon County Sheriff's Office found the car.")
    assert [(p.text, p.feature, p.admin1) for p in places] == [
        ("Sangamon County", "admin2", "IL")]


def test_names_listed_before_counties_are_counties(nlp) -> None:
    text = "Rain flooded roads in Sangamon, Menard and Logan counties on Monday."
    places = geo.parse(text)
    assert [p.text for p in places] == ["Sangamon", "Menard", "Logan"]
    assert all(p.feature == "admin2" and p.admin1 == "IL" for p in places)


def test_capitalized_dateline_is_a_place(nlp) -> None:
    text = "Council backs budget. SPRINGFIELD — The council voted 5-2 on Tuesday."
    assert "SPRINGFIELD" in _texts(text)


def test_legislator_home_after_party_letter(nlp) -> None:
    text = "The bill was sponsored by Delegate Jane Roe, D-Kanawha, and two others."
    assert "Kanawha" in _texts(text)


def test_town_before_its_institution(nlp) -> None:
    text = "The report was confirmed by Springfield Police Chief Ann Smith on Friday."
    assert "Springfield" in _texts(text)


def test_country_mistagged_as_person_with_two_words(nlp) -> None:
    text = "Officials said Sri Lanka's minister was hurt in the blast."
    assert "Sri Lanka" in _texts(text)


def test_demonyms_stay_actors_by_default(nlp) -> None:
    text = "Russian officials met Ukrainian envoys in Geneva."
    assert "Russian" not in _texts(text)
    assert "Geneva" in _texts(text)


def test_state_abbreviation_as_a_modifier(nlp) -> None:
    places = geo.parse("Two major Mich. utilities asked for higher rates on Monday.")
    assert [(p.text, p.name, p.feature) for p in places] == [("Mich.", "Michigan", "admin1")]
