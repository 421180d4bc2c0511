"""`eventwire eval …` and `eventwire bench …`: accuracy and speed, printed as numbers.

Each stage's scorer lives in its own module (eventwire/eval/<stage>.py) and
exposes ``run_eval(...) -> dict`` and ``run_bench(...) -> dict``; this module
only parses arguments and prints the figures, so all reports look alike.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

eval_app = typer.Typer(help="Score a stage on a gold evaluation set.", no_args_is_help=True)
bench_app = typer.Typer(help="Measure speed and memory (numbers printed, never asserted).",
                        no_args_is_help=True)
console = Console()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")]


def _stage_function(module: str, name: str) -> Callable[..., dict[str, Any]]:
    mod = importlib.import_module(f"eventwire.eval.{module}")
    fn = getattr(mod, name, None)
    if fn is None:  # pragma: no cover - only while a scorer is being written
        raise typer.BadParameter(f"eventwire.eval.{module} has no {name}() yet")
    return fn


def show(title: str, figures: dict[str, Any], as_json: bool) -> None:
    """Print figures as a two-column table (or JSON for scripts)."""
    if as_json:
        console.print_json(json.dumps(figures, default=str))
        return
    table = Table(title=title, show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, val in figures.items():
        table.add_row(key, f"{val:.3f}" if isinstance(val, float) else str(val))
    console.print(table)


def _must_exist(path: Path) -> Path:
    if not path.exists():
        raise typer.BadParameter(f"{path} does not exist (the gold sets live in ../shared/eval)")
    return path


@eval_app.command("time")
def eval_time(
    folder: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files.")],
    as_json: JsonOpt = False,
) -> None:
    """TempEval-3 Task A scores of the TIMEX3 tagger.

    Example:

      eventwire eval time ../shared/eval/time/timebank
    """
    show("time", _stage_function("timeml", "run_eval")(_must_exist(folder)), as_json)


@eval_app.command("geo")
def eval_geo(
    file: Annotated[Path, typer.Argument(help="A geoparsing gold file (LGL / TR-News XML).")],
    mode: Annotated[str, typer.Option(help="resolve (gold spans given) or end2end.")] = "resolve",
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    demonyms: Annotated[bool, typer.Option(
        "--demonyms/--no-demonyms",
        help="Score recognition by the corpus's convention that demonyms (\"Russian\") are "
             "toponyms (LGL, TR-News); parse() itself keeps them as actors.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Geoparsing accuracy: acc@161 km, exact-id accuracy, errors in km, AUC, recognition P/R/F1.

    Example:

      eventwire eval geo ../shared/eval/geo/lgl.xml --mode resolve
    """
    if mode not in ("resolve", "end2end"):
        raise typer.BadParameter("--mode is resolve or end2end")
    fn = _stage_function("geo", "run_eval")
    figures = fn(_must_exist(file), mode=mode, limit=limit, demonyms=demonyms)
    show(f"geo {mode} {file.name}", figures, as_json)


@eval_app.command("actors")
def eval_actors(
    gsr: Annotated[Path, typer.Option(help="PLOVER GSR JSONL with source/target codes.")] = Path(
        "../shared/eval/events/plover_gsr_dev.jsonl"),
    cases: Annotated[Path, typer.Option(help="Actor resolution cases JSONL.")] = Path(
        "../shared/eval/events/actor_resolution_cases.jsonl"),
    as_json: JsonOpt = False,
) -> None:
    """Actor country and country+sector accuracy.

    Example:

      eventwire eval actors --gsr ../shared/eval/events/plover_gsr_dev.jsonl
    """
    fn = _stage_function("actors", "run_eval")
    show("actors", fn(_must_exist(gsr), _must_exist(cases)), as_json)


@eval_app.command("events")
def eval_events(
    gsr: Annotated[Path, typer.Option(help="PLOVER GSR JSONL (type, source, target).")] = Path(
        "../shared/eval/events/plover_gsr_dev.jsonl"),
    quad: Annotated[Path, typer.Option(help="Quad-labelled sentences (TSV: sentence, label).")] = Path(
        "../shared/eval/events/conflibert_quad_train.tsv"),
    negatives: Annotated[Path, typer.Option(
        help="General news (JSONL) whose sentences the event gate is trained against per fold.")] = Path(
        "../shared/data/corpus/te3_silver.jsonl.gz"),
    limit: Annotated[int | None, typer.Option(help="Only the first N sentences of each set.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """PLOVER type accuracy and macro-F1, actor/recipient country accuracy, quad macro-F1.

    Each sentence is coded alone; its most confident event stands for it (none: type None, quad 0).

    Example:

      eventwire eval events --gsr ../shared/eval/events/plover_gsr_dev.jsonl
    """
    fn = _stage_function("events", "run_eval")
    show("events", fn(_must_exist(gsr), _must_exist(quad), limit=limit,
                      negatives=_must_exist(negatives)), as_json)


@eval_app.command("dedup")
def eval_dedup(
    pairs: Annotated[Path | None, typer.Option(help="Labelled report pairs (JSONL); default: ours.")] = None,
    db: Annotated[Path | None, typer.Option(help="Also report the duplicate rate of this store.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Deduplication: pairwise precision/recall on labelled report pairs; a store's duplicate rate.

    Example:

      eventwire eval dedup --db te3.duckdb
    """
    from eventwire.eval.dedup import duplicate_rate, run_eval

    figures = run_eval(_must_exist(pairs) if pairs else None)
    if db is not None:
        figures.update({f"store_{k}": v for k, v in duplicate_rate(_must_exist(db)).items()})
    show("dedup", figures, as_json)


@bench_app.command("pipeline")
def bench_pipeline_cmd(
    files: Annotated[list[str], typer.Argument(help="Corpus files or folders to code.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Code only; skip the DuckDB writes.")] = False,
    rounds: Annotated[int, typer.Option(
        help="Run bare spaCy and the pipeline N times each, alternating; best time of each.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Throughput and peak memory of the whole pipeline (and the store) on a corpus, next
    to bare spaCy (the stock en_core_web_sm, nlp.pipe) on the same texts in the same run.

    Example:

      eventwire bench pipeline ../shared/data/corpus/te3_silver.jsonl.gz --limit 300 --rounds 3
    """
    from eventwire.cli import Reporter
    from eventwire.eval.bench import bench_pipeline

    with Reporter("bench") as progress:
        progress.update("loading model")
        result = bench_pipeline(
            files, limit=limit, store=not no_store, rounds=rounds,
            on_progress=lambda a, e: progress.update(f"{a} articles, {e} events"),
        )
    show(result.name, result.as_dict(), as_json)


@bench_app.command("scale")
def bench_scale_cmd(
    files: Annotated[list[str], typer.Argument(help="Corpus files or folders to code.")],
    limit: Annotated[int, typer.Option(help="Articles to code on each path.")] = 400,
    workers: Annotated[int, typer.Option(help="Dask worker processes.")] = 2,
    repeat: Annotated[int, typer.Option(
        help="Instead: peak memory of a Dask ingest of the first --limit articles, then of "
             "them N times over (new ids per copy).")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Articles/s of one process vs a local Dask cluster, and peak memory per worker.

    Example:

      eventwire bench scale ../shared/data/corpus/te3_silver.jsonl.gz --limit 400
      eventwire bench scale ../shared/data/corpus/te3_silver.jsonl.gz --limit 300 --repeat 10
    """
    from eventwire.eval.bench import bench_memory, bench_scale

    if repeat:
        show("bench scale --repeat", bench_memory(files, repeat=repeat, limit=limit,
                                                  workers=workers), as_json)
        return
    show("bench scale", bench_scale(files, limit=limit, workers=workers), as_json)


def _synthesize_for_bench(db: Path, source: Path | None, events: int, by_date: bool) -> None:
    """Build the store a query or API benchmark reads, when asked to."""
    from eventwire.eval.bench import order_by_date, synthesize

    if source is None:
        if by_date:
            raise typer.BadParameter("--by-date lays out a store being synthesized: "
                                     "add --synthesize-from")
        return
    if db.exists():
        raise typer.BadParameter(f"{db} exists: remove it or drop --synthesize-from")
    synthesize(_must_exist(source), db, events)
    if by_date:
        order_by_date(db)


@bench_app.command("query")
def bench_query_cmd(
    db: Annotated[Path, typer.Option(help="Store to query (made with --synthesize if given).")],
    synthesize_from: Annotated[Path | None, typer.Option(
        help="Build --db first by resampling this real store's events.")] = None,
    events: Annotated[int, typer.Option(help="Events in the synthesized store.")] = 1_000_000,
    by_date: Annotated[bool, typer.Option(
        "--by-date", help="Lay the synthesized events out in date order, as a "
                          "chronological ingest does (synthesize scatters dates).")] = False,
    repeat: Annotated[int, typer.Option(
        help="Runs of each query (100: with fewer, the p95 is simply the slowest run).")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """p50/p95 latency of typical event filters (actor, dyad, country, near, text, dates).

    Example:

      eventwire bench query --db /tmp/1m.duckdb --synthesize-from te3.duckdb --events 1000000

      eventwire bench query --db /tmp/1m-by-date.duckdb --synthesize-from te3.duckdb --by-date
    """
    from eventwire.eval.bench import bench_query

    _synthesize_for_bench(db, synthesize_from, events, by_date)
    show("bench query", bench_query(_must_exist(db), repeat=repeat), as_json)


@bench_app.command("api")
def bench_api_cmd(
    db: Annotated[Path, typer.Option(help="Store to serve (made with --synthesize-from if given).")],
    synthesize_from: Annotated[Path | None, typer.Option(
        help="Build --db first by resampling this real store's events.")] = None,
    events: Annotated[int, typer.Option(help="Events in the synthesized store.")] = 1_000_000,
    by_date: Annotated[bool, typer.Option(
        "--by-date", help="Lay the synthesized events out in date order, as a "
                          "chronological ingest does (synthesize scatters dates).")] = False,
    requests: Annotated[int, typer.Option(help="Requests in all.")] = 3000,
    clients: Annotated[int, typer.Option(help="Concurrent clients.")] = 50,
    think_ms: Annotated[float, typer.Option(
        help="Mean pause of each client between a response and its next request "
             "(exponential), as an analyst reading a page pauses: 50 clients with 1 s "
             "make a bounded load of about 50 requests/s. 0 sends back to back: the "
             "server's saturation throughput, where latency is clients / throughput.")] = 1000.0,
    as_json: JsonOpt = False,
) -> None:
    """Requests/s and p50/p95/p99 latency of GET /events under concurrent clients.

    Starts `eventwire serve` on 127.0.0.1 (a free port) in a subprocess and sends a
    bounded load of filtered /events queries (actor, dyad, country, near, text, dates,
    sorting, paging) from 50 clients that each pause a mean 1 s between pages;
    `--think-ms 0` measures saturation instead. Also prints errors and the server's memory.

    Example:

      eventwire bench api --db /tmp/1m.duckdb --synthesize-from te3.duckdb --events 1000000

      eventwire bench api --db /tmp/1m-by-date.duckdb --synthesize-from te3.duckdb --by-date
    """
    from eventwire.eval.bench import bench_api

    _synthesize_for_bench(db, synthesize_from, events, by_date)
    show("bench api", bench_api(_must_exist(db), requests=requests, clients=clients,
                                think_ms=think_ms), as_json)


@bench_app.command("time")
def bench_time(
    folder: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files.")],
    repeat: Annotated[int, typer.Option(
        help="Passes over the folder; the fastest counts (a shared machine is noisy).")] = 15,
    as_json: JsonOpt = False,
) -> None:
    """Documents per second of the TIMEX3 tagger alone, one core.

    Example:

      eventwire bench time ../shared/eval/time/timebank
    """
    show("bench time", _stage_function("timeml", "run_bench")(_must_exist(folder), repeat=repeat),
         as_json)


@bench_app.command("geo")
def bench_geo(
    file: Annotated[Path, typer.Argument(help="A geoparsing gold file (its toponyms are resolved).")],
    as_json: JsonOpt = False,
) -> None:
    """Gazetteer load time, toponyms resolved per second, peak memory.

    Example:

      eventwire bench geo ../shared/eval/geo/lgl.xml
    """
    show("bench geo", _stage_function("geo", "run_bench")(_must_exist(file)), as_json)


@bench_app.command("actors")
def bench_actors(
    cases: Annotated[Path, typer.Argument(help="Actor resolution cases JSONL.")] = Path(
        "../shared/eval/events/actor_resolution_cases.jsonl"),
    as_json: JsonOpt = False,
) -> None:
    """Microseconds per resolved actor mention.

    Example:

      eventwire bench actors ../shared/eval/events/actor_resolution_cases.jsonl
    """
    show("bench actors", _stage_function("actors", "run_bench")(_must_exist(cases)), as_json)
