"""The trigger lexicon: every code exists, every type is reachable, modes are PLOVER 2.0."""

from __future__ import annotations

import csv

import pytest

from eventwire import ontology
from eventwire.events import triggers
from eventwire.model import PLOVER_TYPES


def test_every_rule_has_a_coded_plover_type():
    rules = [r for lst in triggers.rules().values() for r in lst]
    assert len(rules) > 150
    types = set()
    for r in rules:
        info = ontology.lookup(r.cameo)
        if info.plover_type is None:  # a statement rule: a CAMEO 01 code, quad 0, no event
            assert r.cameo.startswith("01") and info.quad == 0, r
            continue
        assert info.plover_type in PLOVER_TYPES, r
        assert r.pos in ("V", "N")
        types.add(info.plover_type)
    assert types == set(PLOVER_TYPES)


def test_modes_are_plover_2_modes(shared):
    path = shared / "resources" / "plover" / "PLOVER_structured_codebook.csv"
    with path.open(encoding="utf-8") as fh:
        modes = {(r["event"], r["mode"]) for r in csv.DictReader(fh) if r["mode"]}
    for lst in triggers.rules().values():
        for r in lst:
            if r.mode:
                assert (ontology.lookup(r.cameo).plover_type, r.mode) in modes, r


def test_conditions_are_known():
    known = {"obj", "patient", "prt", "prep", "mod", "noobj", "xcomp", "must", "pobj"}
    for lst in triggers.rules().values():
        for r in lst:
            assert {k for k, _ in r.require} <= known, r


def _top(events):
    """The most confident event of a sentence (as the evaluation takes it)."""
    return max(events, key=lambda e: e.confidence) if events else None


# Constructions the lexicon and its conditions code; sentences written for these tests.
# (sentence, PLOVER type, CAMEO code, actor country, recipient country); None = not checked.
CONSTRUCTIONS = [
    # an act made conditional on what another party does is a threat of it
    ("Norway could end its mediation efforts in Sri Lanka if the fighting goes on, "
     "an official said.", "THREATEN", "135", "NOR", None),
    # a demand told as "X must ...", whatever the reporting verb or message
    ("The Arab League announced that Syria must release the detained journalists.",
     "REQUEST", "100", None, "SYR"),
    ("The German chancellor issued a reminder to Serbia that it must stop the expulsions.",
     "REQUEST", "100", "DEU", None),
    ("Canadian diplomats pressed Cuba to free the dissidents.", "REQUEST", "100", "CAN", "CUB"),
    ("A court in Lima ordered the former minister to appear for questioning next week.",
     "REQUEST", "100", None, None),
    # investigation
    ("Two Brazilian senators were put under investigation for bribery.", "ACCUSE", "090",
     None, "BRA"),
    ("The Kenyan parliament opened a hearing into the killings of protesters.", "ACCUSE", "090",
     "KEN", None),
    # violence
    ("Guards sexually abused Nigerian prisoners, Amnesty International said.", "ASSAULT",
     "1821", None, "NGA"),
    ("Croatian militias carried out ethnic cleansing against Serb villagers.", "ASSAULT", "203",
     None, None),
    ("Sudan said Chadian rebels had violated the ceasefire agreement in Darfur.", "ASSAULT",
     "196", None, None),
    ("Pro-Russian hackers defaced dozens of Estonian government websites.", "COERCE", "170",
     None, None),
    # reducing relations (the noun "a suspension of air links" is in TRIGGERS: the quad
    # model reads such sentences as verbal conflict and may drop it, see the model card)
    ("Greek officials said on Monday they had suspended all air links with Albania.",
     "SANCTION", "160", None, "ALB"),
    # material aid by what is given (CAMEO 071-074): goods, money, arms, teams, training
    ("Turkey sent two rescue teams to Albania after the earthquake.", "AID", "073", "TUR", "ALB"),
    ("Norway delivered tents and blankets to the refugee camps in Jordan.", "AID", "073", "NOR",
     "JOR"),
    ("The Red Cross distributed food to displaced families in Yemen.", "AID", "073", None, "YEM"),
    ("Britain flew 20 tonnes of medical supplies into Sierra Leone.", "AID", "073", "GBR", "SLE"),
    ("Canada provided shelter materials to families in Haiti.", "AID", "073", "CAN", "HTI"),
    ("The EU provided 4 million euros to Malawi for flood relief.", "AID", "071", None, "MWI"),
    ("Russia gave Serbia six fighter jets and other military equipment.", "AID", "072", "RUS",
     "SRB"),
    ("The EU is mobilising 500 million euros to support refugees in Turkey.", "AID", "071", None,
     None),  # funds mobilised, not forces
    ("Japan lent 2 billion dollars to Sri Lanka.", "AID", "071", "JPN", "LKA"),
    ("French officers are training Malian soldiers near Bamako.", "AID", "072", "FRA", "MLI"),
    ("The OSCE deployed election monitors in Georgia.", "AID", "073", None, None),
    ("Ghanaian troops participate in peacekeeping operations in Lebanon.", "AID", "074", "GHA",
     None),
    # military and intelligence cooperation
    ("India and France held joint naval exercises off Goa.", "COOPERATE", "062", None, None),
    ("Egyptian and Saudi forces staged war games in the Red Sea.", "COOPERATE", "062", None, None),
    ("Belgian police shared evidence with Dutch investigators about the bombing.", "COOPERATE",
     "064", "BEL", "NLD"),
    ("France and Italy are participating in a NATO war game in Norway.", "COOPERATE", "062",
     "FRA", None),
    # failing to reach a deal is a rejection (PETRARCH2: FAIL 120)
    ("Britain and Iran failed to reach agreement on the nuclear issue.", "REJECT", "120", "GBR",
     None),
    # troops sent to (or joining) a peacekeeping mission are peacekeeping, not a build-up
    ("Poland is deploying 200 troops to the UN peacekeeping mission in Lebanon.", "AID", "074",
     "POL", None),
    ("Hundreds of Irish troops joined the UN peacekeeping mission in Chad.", "AID", "074", "IRL",
     None),
    ("Merkel gave Erdogan a stern warning to stop the arrests.", "THREATEN", "130", "DEU", "TUR"),
    # an appeal for aid is a request; the aid asked for is no event
    ("The World Food Programme launched an appeal for 50 million dollars in food aid for Niger.",
     "REQUEST", "020", None, None),
    # returning property, freeing people, letting others in
    ("Italy returned a stolen Roman statue to Libya.", "RETREAT", "0842", "ITA", "LBY"),
    ("Greece returned the icons to their owners in Cyprus.", "RETREAT", "0842", "GRC", None),
    ("The court in Cairo freed three Al Jazeera journalists on Sunday.", "RETREAT", "0841", None,
     None),
    ("Jordan gave the United States permission to use its airspace.", "CONCEDE", "080", "JOR",
     "USA"),
    ("Sudan granted UN agencies access to Darfur.", "RETREAT", "086", "SDN", None),
    # strikes, force build-ups, blockades, torture, bans, arrests, lawsuits
    ("Dockworkers in Chile stopped work on Monday.", "PROTEST", "143", None, None),
    ("Unions in Nigeria called a general strike.", "PROTEST", "143", None, None),
    ("Pakistan intensified its forces along the Afghan border.", "MOBILIZE", "154", "PAK", None),
    ("Saudi Arabia imposed a blockade on Qatar.", "COERCE", "191", "SAU", "QAT"),
    ("Serbian forces laid siege to the town of Vukovar.", "COERCE", "191", "SRB", None),
    ("Uganda outlawed the opposition movement.", "COERCE", "172", "UGA", None),
    ("Kenyan police apprehended two Somali suspects in Mombasa.", "COERCE", "173", "KEN", None),
    ("The opposition party filed a lawsuit against the Zambian president.", "ACCUSE", "115", None,
     "ZMB"),
]


# Denying an accusation is CAMEO 016 (deny responsibility), a statement PLOVER does not
# code: no event, neither the rejection nor the act denied, and no classifier event either.
STATEMENTS = [
    "Rwanda rejected accusations that it supports the M23 rebels in Congo.",
    "Belgrade rejected claims that Serbian police had beaten Albanian protesters.",
    "The Kremlin dismissed reports that Russian jets had bombed a hospital in Idlib.",
    # claiming responsibility (CAMEO 015) and declining to comment (011) are statements too
    "Boko Haram has claimed responsibility for several attacks on army bases in Borno since May.",
    "Pakistan declined to comment on its cooperation with American drone operators.",
    "The Turkish foreign ministry refused to comment on the arrest of the German journalist.",
    # condolences (CAMEO 018, an empathetic comment); the loss mourned is told elsewhere
    "The Emir of Kuwait sent a condolence message to the Egyptian president following the "
    "bombing of a church in Cairo.",
    "Spain offered condolences to Egypt over the bombing of a church in Alexandria.",
    "Canada extended its sympathy to Norway over the shooting on Utoya island.",
]


@pytest.mark.parametrize("text", STATEMENTS)
def test_statements_code_nothing(text):
    import eventwire

    assert eventwire.code(text, "2001-05-02") == []


@pytest.mark.parametrize(("text", "etype", "cameo", "actor", "recipient"), CONSTRUCTIONS)
def test_constructions(text, etype, cameo, actor, recipient):
    import eventwire

    ev = _top(eventwire.code(text, "2001-05-02"))
    assert ev is not None, text
    assert ev.type == etype, (ev.type, ev.cameo, ev.trigger.text)
    if cameo is not None:
        assert ev.cameo == cameo, (ev.type, ev.cameo, ev.trigger.text)
    if actor is not None:
        assert ev.actor is not None and ev.actor.country == actor, ev.actor
    if recipient is not None:
        assert ev.recipient is not None and ev.recipient.country == recipient, ev.recipient


# (sentence, trigger word, CAMEO code the lexicon gives it), before roles and fusion.
TRIGGERS = [
    ("Kenya said it will withdraw its troops from Somalia unless the attacks stop.",
     "withdraw", "136"),  # conditional on another's act: a threat to halt involvement
    ("Kenya said it will withdraw its troops from Somalia if the clans disarm.",
     "withdraw", "0872"),  # "if" on a cooperative act: an offer, coded as announced
    ("Pyongyang could fire missiles at the fleet if the exercises go ahead.", "fire", "1384"),
    ("Norway may end its mediation efforts if the fighting goes on.", "end", "135"),
    ("Norway ended its mediation efforts in May.", "ended", "165"),
    ("The rebels violated the truce agreement twice.", "violated", "196"),
    ("The general was placed under house arrest.", "placed", "173"),
    ("Two senators were put under investigation for bribery.", "put", "090"),
    ("The senate opened a hearing on Monday into the contracts.", "hearing", "090"),
    ("Greece announced a suspension of air links with Albania.", "suspension", "160"),
    ("Oslo announced a suspension of aid to the junta.", "suspension", "162"),
    ("The committee announced that the ministry must publish the report.", "announced", "100"),
    ("The envoy delivered a message to Seoul that it must halt the drills.", "message", "100"),
    ("Diplomats pressured the junta to release the prisoners.", "pressured", "100"),
    ("A judge ordered the mayor to testify on Friday.", "ordered", "100"),
    ("Donors pushed hard for a debt relief deal.", "pushed", "020"),
    ("Guards sexually assaulted the detainees.", "assaulted", "1821"),
    ("Hackers defaced the ministry's website.", "defaced", "170"),
    ("The bank was hit by a cyber attack.", "attack", "170"),
    # peacekeepers sent are military protection (AID), withdrawn a reduction (SANCTION)
    ("NATO will deploy peacekeeping troops in Kosovo.", "deploy", "074"),
    ("The deployment of UN peacekeepers began in May.", "deployment", "074"),
    ("The UN withdrew its peacekeepers from Rwanda.", "withdrew", "1661"),
    ("The army deployed two brigades along the border.", "deployed", "154"),
    # verbal support, sharing information, defiance, humanitarian evacuation, hosting
    ("The United States defended the right of Israel to strike back.", "defended", "052"),
    ("The garrison defended the town for a month.", "defended", None),
    ("Pakistan has been sharing intelligence with Afghanistan.", "sharing", "064"),
    ("The opposition paper violated a ban by the army.", "violated", "128"),
    ("Protesters defied a curfew in the capital.", "defied", "128"),
    ("UN helicopters evacuated the wounded from the town.", "evacuated", "073"),
    ("The president gave a warm welcome to the Chinese premier.", "welcome", "043"),
    # letting people move is easing a restriction (the parse may make "X to V" a clause)
    ("Jordan will allow up to 5,000 Syrian refugees to return home this year.", "allow",
     "081"),
    ("The junta permitted journalists to enter the region.", "permitted", "081"),
    ("Washington pressed Seoul to cancel the drills.", "pressed", "100"),
    ("Britain warned that it would respond.", "warned", None),  # a that-clause: no "warn X to"
    ("The UN sent investigators to the camp.", "sent", "090"),
    ("The agency dispatched two inspectors to the reactor.", "dispatched", "090"),
    # a participle before its noun phrase describes it ("the alleged human rights abuses")
    ("Students marched against the alleged human rights abuses.", "alleged", None),
    ("Baghdad expelled the UN inspectors in 1998.", "expelled", "1662"),
    # a purpose clause on a demand is part of what is demanded
    ("Greece demanded an urgent summit of EU leaders to discuss the refugee crisis.",
     "discuss", None),
    ("Greece demanded an urgent summit of EU leaders to discuss the refugee crisis.",
     "demanded", "100"),
    ("EU leaders met in Brussels to discuss the refugee crisis.", "discuss", "040"),
    ("Germany called for NATO to deploy peacekeepers in the region.", "called", "020"),
    ("Germany called for NATO to deploy peacekeepers in the region.", "deploy", None),
    ("The unions pushed for higher wages.", "pushed", "020"),
    # an inquiry is an act only with what it looks into; a witness before one is not
    ("Parliament launched an inquiry into the arms deal.", "inquiry", "090"),
    ("The minister told a parliamentary inquiry that he had not known.", "inquiry", None),
    # reducing relations, hostage taking
    ("Turkey recalled its ambassador from Vienna.", "recalled", "161"),
    ("Britain closed its embassy in Tehran.", "closed", "161"),
    ("Libya broke off diplomatic relations with Chad.", "broke", "161"),
    ("Iran broke off talks with the EU.", "broke", "164"),
    ("Iran broke off talks with the EU.", "talks", None),  # what was broken off
    ("Gunmen took 20 tourists hostage near Luxor.", "took", "181"),
    # what is given decides the aid code; the same verbs with other objects are no aid
    ("Japan sent a medical team to Nepal.", "sent", "073"),
    ("Teachers in Kenya went on strike over pay.", "went", "143"),
    ("Turkey deployed three search-and-rescue teams to Mexico.", "deployed", "073"),
    ("Britain has sent 40 armoured vehicles to Ukraine.", "sent", "070"),
    ("The ministry failed to report the spending.", "failed", None),
    ("Kosovo and Serbia struck a deal on border crossings.", "struck", "030"),  # not an attack
    ("Britain sent a team of investigators to Kenya.", "sent", None),
    ("The minister flew to Paris for talks.", "flew", None),
    ("The team returned to Brazil after the tournament.", "returned", None),
    ("The president gave a speech on the economy in Lagos.", "gave", None),
    ("The United States suspended food aid to North Korea.", "suspended", "162"),
    # a rejection of what is not an accusation stays a rejection
    ("Serbia rejected Kosovo's bid to join UNESCO.", "rejected", "120"),
    ("Hanoi denied allegations that its navy had attacked a boat.", "denied", None),
    ("Hanoi denied allegations that its navy had attacked a boat.", "attacked", None),
]


@pytest.mark.parametrize(("text", "word", "cameo"), TRIGGERS)
def test_trigger_codes(nlp, text, word, cameo):
    doc = nlp(text)
    found = {t.token.text: t.cameo for s in doc.sents for t in triggers.find(s)}
    assert found.get(word) == cameo, found


@pytest.mark.parametrize(("text", "word", "negated"), [
    ("The pilgrims flew to Mecca without violating the embargo.", "violating", True),
    ("The pilgrims violated the embargo by flying to Mecca.", "violated", False),
])
def test_without_negates(nlp, text, word, negated):
    from eventwire.events import modality

    tok = next(t for t in nlp(text) if t.text == word)
    assert modality.is_negated(tok) is negated
