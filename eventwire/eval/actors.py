"""Score actor coding against the PLOVER GSR and the NGEC actor-resolution cases.

**GSR** (``plover_gsr_dev.jsonl``): each sentence has gold *source* and *target* actors
with CAMEO-style codes. Gold codes are mapped to ISO alpha-3 with :data:`CAMEO_TO_ISO`
(CAMEO kept a few pre-ISO codes); the multinational codes ``IGO NGO IMG ISM`` are
compared as classes (gold ``IGO`` is right when eventwire names any IGO). The GSR has no
publication dates: its stories are 1990s–2000s wire news, so every sentence is coded as
published on :data:`GSR_DATE` (this only matters for people's dated offices).

Three protocols, each over every gold actor (``gsr_actors``):

- ``gsr_*`` (headline) — what the pipeline outputs: ``eventwire.code`` runs on the
  sentence; a gold source is compared with the *actor* of the emitted events, a gold
  target with their *recipient*. Among those roles the one whose span overlaps the gold
  phrase is taken, else the role of the most confident event; no event or an empty role
  is a miss.
- ``gsr_with_events_*`` — the same, only over gold actors of sentences where the
  pipeline emitted at least one event (``gsr_actors_with_events``): the actors' share
  of the headline, apart from event recall.
- ``gsr_mention_*`` — actor recognition and resolution alone: the ``actors_in_doc``
  mention that overlaps the gold phrase most (none: a miss).
- ``gsr_resolve_*`` — the resolver alone: ``resolve(gold phrase, context=sentence)``.

Country accuracy compares countries; country+sector also needs the sector (first three
letters of the gold sector, read from PLOVER's agent vocabulary into CAMEO's: gold MED
(medical) is CAMEO HLH, gold JRN (journalists) is CAMEO MED; gold ``***``, "sector unknown",
is left out of that count).

**Cases** (``actor_resolution_cases.jsonl``, from NGEC's tests): kept are the *active*
cases of the methods that map a phrase to a code (``agent_to_code``, ``search_nat``,
``short_text_to_agent``, ``trf_agent_match``). Left out: ``query_wiki`` (it expects
Wikipedia page titles, not checkable offline), cases marked skip/xfail/shadowed/
not_collected, and the Wikipedia fields (``wiki``, ``actor_wiki_job``) of kept cases.
Checked: ``country`` ('' = no country; ``expected_not`` too), ``code_1`` as the sector
(``code_2`` and ``expected_one_of`` also accepted; '' ``UNK`` ``JNK`` = no sector) and
``expect_none``. A case's ``query_date`` of "today" means the time the tests were written
(:data:`CASES_TODAY`); no date means undated resolution.

The headline ``cases_*`` figures are over the cases whose expected values are checkable
offline: those that do not assert a Wikipedia field. A case asserting ``wiki`` or
``actor_wiki_job`` records that NGEC's own answer came from a live Wikipedia page (people
and bodies its dictionaries lack, mostly post-2016 officials); it is scored apart as
``cases_wiki_*`` and over everything as ``cases_all_*``, never dropped.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eventwire.model import Actor

# CAMEO country codes that differ from ISO 3166 alpha-3 (CAMEO manual, country list).
CAMEO_TO_ISO = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS",
    "KSV": "XKX", "KOS": "XKX", "BUL": "BGR", "SER": "SRB", "MAC": "MKD", "DEN": "DNK",
    "GER": "DEU", "UKG": "GBR", "USR": "RUS", "SUD": "SDN", "YUG": "SRB", "CZR": "CZE",
}
# The GSR writes sectors in PLOVER's agent vocabulary (PLOVER_agents.txt: DOCTOR [~MED],
# JOURNALIST [~JRN]); eventwire writes CAMEO's, where MED is the media and HLH health.
PLOVER_TO_CAMEO_SECTOR = {"MED": "HLH", "JRN": "MED"}
# Multinational gold codes compared as classes, not as one organisation.
CLASS_CODES = {"IGO", "NGO", "IMG", "ISM", "MNC"}
GSR_DATE = "2000-01-01"
CASES_TODAY = "2023-01-01"
CASE_METHODS = {"agent_to_code", "search_nat", "short_text_to_agent", "trf_agent_match"}
NO_SECTOR = {"", "UNK", "JNK"}
# UN bodies: a gold "UNO" is also right for a UN agency's own code.
UN_FAMILY = {"UNO", "WHO", "ICJ", "IAEA", "UNHCR", "UNICEF", "WFP", "FAO", "ILO", "UNESCO",
             "WBK", "IMF", "UNDP", "ICC"}


def _igo_codes() -> set[str]:
    from eventwire.actors.kb import load

    kb = load()
    return {e.country for e in kb.entities.values() if e.kind == "igo"} | {"IGO"}


def gold_country(code: str | None) -> str | None:
    """A GSR/NGEC country code in eventwire's terms (ISO alpha-3, IGO code or class)."""
    if not code:
        return None
    code = code.strip().upper()[:3]
    return CAMEO_TO_ISO.get(code, code)


def country_ok(gold: str | None, pred: str | None, igos: set[str]) -> bool:
    """Same country, an IGO for gold "IGO", a UN body for gold "UNO"."""
    if gold is None:
        return pred is None
    if pred is None:
        return False
    if gold == "IGO":
        return pred in igos
    if gold == "UNO":
        return pred in UN_FAMILY
    return gold == pred


# -- GSR ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Gold:
    role: str  # source | target
    text: str
    country: str | None
    sector: str | None  # None: no sector; "***": unknown (not scored for sector)
    span: tuple[int, int] | None


def _find_span(sentence: str, phrase: str) -> tuple[int, int] | None:
    """Where the gold phrase is in the sentence (whitespace- and case-insensitive)."""
    words = [re.escape(w) for w in re.split(r"\s+", phrase.strip().strip("()")) if w]
    if not words:
        return None
    m = re.search(r"\s+".join(words), sentence, re.I)
    if m is None and len(words) > 1:
        m = re.search(words[-1], sentence, re.I)  # misspelt or abridged heads
    return (m.start(), m.end()) if m else None


def _gold_sector(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw.startswith("*"):
        return "***"
    code = raw[:3].upper()
    return PLOVER_TO_CAMEO_SECTOR.get(code, code)


def read_gsr(path: Path) -> list[tuple[str, str, list[Gold]]]:
    """(id, sentence, gold actors) per GSR record."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"]
        golds = [
            Gold(role, a.get("text") or "", gold_country(a.get("code")),
                 _gold_sector(a.get("sector")), _find_span(text, a.get("text") or ""))
            for role in ("source", "target") for a in rec.get(role) or []
        ]
        out.append((rec["id"], text, golds))
    return out


def _overlap(a: Actor | None, span: tuple[int, int] | None) -> int:
    if a is None or span is None or a.start is None or a.end is None:
        return 0
    return max(0, min(a.end, span[1]) - max(a.start, span[0]))


@dataclass(slots=True)
class _Tally:
    n: int = 0
    country: int = 0
    sector_n: int = 0
    both: int = 0

    def add(self, gold: Gold, pred: Actor | None, igos: set[str]) -> None:
        self.n += 1
        ok = country_ok(gold.country, pred.country if pred else None, igos)
        self.country += ok
        if gold.sector != "***":
            self.sector_n += 1
            self.both += ok and (pred.sector if pred else None) == gold.sector

    def figures(self, prefix: str) -> dict[str, float | int]:
        return {f"{prefix}_country_acc": self.country / self.n if self.n else 0.0,
                f"{prefix}_country_sector_acc": self.both / self.sector_n if self.sector_n else 0.0}


def _pipeline_pick(gold: Gold, events: list[Any]) -> Actor | None:
    roles = [(e.actor if gold.role == "source" else e.recipient, e.confidence) for e in events]
    overlapping = [(a, c) for a, c in roles if _overlap(a, gold.span) > 0]
    if overlapping:
        return max(overlapping, key=lambda ac: (_overlap(ac[0], gold.span), ac[1]))[0]
    if not events:
        return None
    return max(roles, key=lambda ac: ac[1])[0]


def score_gsr(path: Path, published: str = GSR_DATE) -> dict[str, float | int]:
    """The three GSR protocols described in the module docstring."""
    from eventwire import nlp, pipeline
    from eventwire.actors import actors_in_doc, resolve
    from eventwire.ingest import read_text

    records = read_gsr(path)
    igos = _igo_codes()
    articles = [read_text(text, published, id=rid) for rid, text, _ in records]
    coded = list(pipeline.run(articles))
    docs = list(nlp.load().pipe(text for _, text, _ in records))
    pipe_t, ment_t, res_t, with_events = _Tally(), _Tally(), _Tally(), _Tally()
    for (_, text, golds), result, doc in zip(records, coded, docs, strict=True):
        mentions = actors_in_doc(doc, published)
        for gold in golds:
            picked = _pipeline_pick(gold, result.events)
            pipe_t.add(gold, picked, igos)
            if result.events:
                with_events.add(gold, picked, igos)
            best = max(mentions, key=lambda a: _overlap(a, gold.span), default=None)
            ment_t.add(gold, best if _overlap(best, gold.span) > 0 else None, igos)
            res_t.add(gold, resolve(gold.text, context=text, published=published), igos)
    return {"gsr_sentences": len(records), "gsr_actors": pipe_t.n,
            "gsr_pipeline_errors": sum(1 for r in coded if r.error),
            **pipe_t.figures("gsr"), "gsr_actors_with_events": with_events.n,
            **with_events.figures("gsr_with_events"), **ment_t.figures("gsr_mention"),
            **res_t.figures("gsr_resolve")}


# -- NGEC cases ------------------------------------------------------------------------

def _case_date(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw.strip().lower() == "today":
        return CASES_TODAY
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(raw.strip().title() if "%B" in fmt else raw.strip(),
                                     fmt).date().isoformat()
        except ValueError:
            continue
    return None


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The kept cases (see the module docstring), as parsed JSON records."""
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if case["status"] == "active" and case["method"] in CASE_METHODS:
            kept.append(case)
    return kept


def _case_call(case: dict[str, Any]) -> tuple[str, str | None, str | None]:
    args = case["args"]
    text = args.get("text") or args.get("non_ent_text") or case["query"]
    context = args.get("context") or args.get("known_country") or None
    return text, context, _case_date(args.get("query_date"))


WIKI_FIELDS = {"wiki", "actor_wiki_job"}


def wiki_backed(case: dict[str, Any]) -> bool:
    """NGEC's expected answer came through a Wikipedia lookup (not checkable offline)."""
    return bool(WIKI_FIELDS & set(case["expected"]))


def _case_verdicts(case: dict[str, Any], igos: set[str]) -> tuple[bool | None, bool | None]:
    """(country right, sector right) for one case; None where the case does not say."""
    from eventwire.actors import resolve

    text, context, when = _case_call(case)
    actor = resolve(text, context=context, published=when)
    exp = case["expected"]
    none = case["expect_none"] or case["expect_falsy"]
    country = actor.country if actor else None
    sector = actor.sector if actor else None
    c_good: bool | None = None
    if "country" in exp or none:
        c_good = country_ok(gold_country(exp.get("country")), country, igos)
    elif "country" in case["expected_not"]:
        c_good = country != gold_country(case["expected_not"]["country"])
    s_good: bool | None = None
    if "code_1" in exp or none:
        want = {exp.get("code_1") or "", exp.get("code_2") or ""} - {""}
        want |= set(case["expected_one_of"].get("code_1", []))
        want_none = not want or (exp.get("code_1") or "") in NO_SECTOR
        s_good = sector is None if want_none and not (want - NO_SECTOR) else sector in want
    return c_good, s_good


@dataclass(slots=True)
class _CaseTally:
    kept: int = 0
    c_n: int = 0
    c_ok: int = 0
    s_n: int = 0
    s_ok: int = 0
    b_n: int = 0
    b_ok: int = 0

    def add(self, c_good: bool | None, s_good: bool | None) -> None:
        self.kept += 1
        if c_good is not None:
            self.c_n += 1
            self.c_ok += c_good
        if s_good is not None:
            self.s_n += 1
            self.s_ok += s_good
        if c_good is not None and s_good is not None:
            self.b_n += 1
            self.b_ok += c_good and s_good

    def figures(self, prefix: str) -> dict[str, float | int]:
        return {f"{prefix}_kept": self.kept, f"{prefix}_country_n": self.c_n,
                f"{prefix}_country_acc": self.c_ok / self.c_n if self.c_n else 0.0,
                f"{prefix}_sector_n": self.s_n,
                f"{prefix}_sector_acc": self.s_ok / self.s_n if self.s_n else 0.0,
                f"{prefix}_code_acc": self.b_ok / self.b_n if self.b_n else 0.0}


def score_cases(path: Path) -> dict[str, float | int]:
    """Country, sector and code accuracy over the kept NGEC cases (see the module docstring)."""
    igos = _igo_codes()
    offline, wiki, every = _CaseTally(), _CaseTally(), _CaseTally()
    for case in read_cases(path):
        verdicts = _case_verdicts(case, igos)
        (wiki if wiki_backed(case) else offline).add(*verdicts)
        every.add(*verdicts)
    return {**offline.figures("cases"), **wiki.figures("cases_wiki"),
            **every.figures("cases_all")}


def run_eval(gsr: Path, cases: Path) -> dict[str, float | int]:
    """`eventwire eval actors`: the GSR protocols and the NGEC cases, one figure each."""
    return {**score_gsr(Path(gsr)), **score_cases(Path(cases))}


def _mentions(cases: Path) -> list[tuple[str, str | None, str | None]]:
    return [_case_call(c) for c in read_cases(Path(cases))]


def run_bench(cases: Path, repeat: int = 20) -> dict[str, float | int]:
    """`eventwire bench actors`: microseconds per ``resolve()`` call.

    Each kept case phrase is resolved with its date and without context (one mention's
    cost; a context is itself resolved, so it is timed apart). ``us_per_resolve`` is the
    mean over mentions of each mention's best of ``repeat`` calls, timeit's convention:
    on a shared machine whose speed drifts by tens of percent, the fastest run is the
    code's cost and the rest is the machine. ``us_per_resolve_pass`` is the best whole
    pass over all mentions (noise included) for comparison. The knowledge base's load
    time is reported on its own.
    """
    from eventwire.actors import resolve
    from eventwire.actors.kb import load

    load.cache_clear()
    t0 = time.perf_counter()
    load()
    load_s = time.perf_counter() - t0
    calls = [(text, when) for text, _, when in _mentions(cases)]
    per_mention = 0.0
    for text, when in calls:
        best = float("inf")
        for _ in range(repeat):
            t1 = time.perf_counter()
            resolve(text, published=when)
            best = min(best, time.perf_counter() - t1)
        per_mention += best
    best_pass = float("inf")
    for _ in range(5):
        t1 = time.perf_counter()
        for text, when in calls:
            resolve(text, published=when)
        best_pass = min(best_pass, time.perf_counter() - t1)
    with_ctx = _mentions(cases)
    ctx_total = 0.0
    for text, context, when in with_ctx:
        best = float("inf")
        for _ in range(repeat):
            t2 = time.perf_counter()
            resolve(text, context=context, published=when)
            best = min(best, time.perf_counter() - t2)
        ctx_total += best
    return {"mentions": len(calls), "repeat": repeat, "kb_load_s": round(load_s, 3),
            "us_per_resolve": round(per_mention / len(calls) * 1e6, 1),
            "us_per_resolve_pass": round(best_pass / len(calls) * 1e6, 1),
            "us_per_resolve_with_context": round(ctx_total / len(with_ctx) * 1e6, 1)}
