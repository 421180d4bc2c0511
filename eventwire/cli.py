"""The command line: a thin layer over the Python API."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire import __version__

if TYPE_CHECKING:
    from eventwire.store import EventFilter, Store

app = typer.Typer(
    name="eventwire",
    help="Dated news in, political event data out (PLOVER/CAMEO, with evidence for every field).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out_console = Console(soft_wrap=False, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160)
err = Console(stderr=True, soft_wrap=True)


class Reporter:
    """Progress for long jobs: a live bar on a terminal, a line every few seconds in logs."""

    def __init__(self, label: str, every_s: float = 10.0) -> None:
        self.label, self.every_s = label, every_s
        self.live = err.is_terminal
        self._last = time.perf_counter()
        self._progress = Progress(
            SpinnerColumn(), TextColumn(f"[bold]{label}[/bold] {{task.description}}"),
            TimeElapsedColumn(), console=err, disable=not self.live,
        )
        self._task = self._progress.add_task("starting", total=None)

    def __enter__(self) -> Reporter:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def update(self, text: str) -> None:
        if self.live:
            self._progress.update(self._task, description=text)
        elif time.perf_counter() - self._last >= self.every_s:
            self._last = time.perf_counter()
            err.print(f"{self.label}: {text}", highlight=False)

    def print(self, text: str) -> None:
        (self._progress.console if self.live else err).print(text, highlight=False)

FilesArg = Annotated[
    list[str],
    typer.Argument(help="Files or folders (seed .txt, .jsonl, .csv, any of them .gz), or - for stdin."),
]
DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")]


def _check_format(fmt: str) -> str:
    from eventwire.output import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not a format: choose one of {', '.join(FORMATS)}")
    return fmt


def _articles(paths: list[str], counts: dict[str, int]) -> Iterator:
    """Articles from the inputs; each bad record is reported on stderr and counted."""
    from eventwire.ingest import ReadError, read

    for rec in read(paths):
        if isinstance(rec, ReadError):
            counts["failed"] += 1
            err.print(f"[red]error[/red] {escape(str(rec))}", highlight=False, markup=True,
                      soft_wrap=True)  # escaped: a file named "a[/b].jsonl" is not markup
            continue
        counts["read"] += 1
        yield rec


def _summary(counts: dict[str, int], seconds: float) -> None:
    rate = counts["ok"] / seconds if seconds > 0 else 0.0
    colour = "red" if counts["failed"] else "green"
    err.print(
        f"[{colour}]{counts['ok']} articles ok, {counts['failed']} failed[/{colour}], "
        f"{counts['events']} events, {seconds:.1f} s ({rate:.1f} articles/s)"
        + (f", {counts['skipped']} already stored" if counts.get("skipped") else ""),
        highlight=False,
    )


@app.command()
def code(
    files: FilesArg,
    fmt: FormatOpt = "table",
    keep_negated: Annotated[bool, typer.Option(help="Also print negated events (negated: true).")] = False,
) -> None:
    """Code articles and print their events; no database needed.

    Examples:

      eventwire code samples/

      eventwire code article.txt --format jsonl > events.jsonl

      cat news.jsonl | eventwire code - --format csv
    """
    from eventwire import pipeline
    from eventwire.output import records_of, write

    _check_format(fmt)
    counts = {"read": 0, "ok": 0, "failed": 0, "events": 0}
    t0 = time.perf_counter()
    coded = pipeline.run(_articles(files, counts), keep_negated=keep_negated)

    def records() -> Iterator[dict]:
        for c in coded:
            if c.error:
                counts["failed"] += 1
                err.print(f"[red]error[/red] {c.error}", highlight=False)
                continue
            counts["ok"] += 1
            counts["events"] += len(c.events)
            yield from records_of(c.events)

    write(records(), fmt, sys.stdout, out_console)
    sys.stdout.flush()
    _summary(counts, time.perf_counter() - t0)
    if counts["failed"]:
        raise typer.Exit(1)


@app.command()
def ingest(
    files: FilesArg,
    db: DbOpt = Path("eventwire.duckdb"),
    keep_negated: Annotated[bool, typer.Option(help="Store negated events too.")] = False,
    commit_every: Annotated[int, typer.Option(help="Articles per transaction (checkpoint).")] = 64,
    dedupe: Annotated[bool, typer.Option(help="Group mentions into stories after ingesting.")] = True,
    workers: Annotated[int | None, typer.Option(
        help="Code on a local Dask cluster of N worker processes.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Code on an existing Dask cluster (tcp://host:8786).")] = None,
    shard_dir: Annotated[str | None, typer.Option(
        help="Folder for Parquet shards, shared by workers and client (remote clusters).")] = None,
    wait: Annotated[float, typer.Option(
        help="Seconds to wait if another ingest is writing the same store (default: fail at once).",
        min=0)] = 0.0,
) -> None:
    """Code articles and store their events; already-stored articles are skipped.

    Safe to re-run on the same input: nothing is added twice, and an
    interrupted (even killed) run resumes where its last checkpoint left off.
    One ingest writes a store at a time (a second one fails, naming the first,
    or waits with --wait); queries and the API keep answering while it runs,
    because the store is open only while a checkpoint is written.

    Examples:

      eventwire ingest news.jsonl.gz --db news.duckdb

      eventwire ingest corpus/ --workers 2          # a local Dask cluster

      eventwire ingest corpus/ --scheduler tcp://10.0.0.5:8786 --shard-dir /shared/shards

      eventwire ingest more.jsonl --db news.duckdb --wait 600   # queue behind a running ingest
    """
    from eventwire import pipeline
    from eventwire.store import StoreError
    from eventwire.store.db import Writer
    from eventwire.store.db import fault_point as fault

    counts = {"read": 0, "ok": 0, "failed": 0, "events": 0, "skipped": 0}

    def waiting(holder: object) -> None:
        err.print(f"store {db} is being written by {holder or 'another process'}: "
                  f"waiting up to {wait:g} s for it to finish", highlight=False, markup=False)

    try:
        store = Writer(db, wait=wait, on_wait=waiting)
    except StoreError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    t0 = time.perf_counter()

    def describe(pending: int = 0) -> str:
        dt = max(time.perf_counter() - t0, 1e-9)
        n = counts["ok"] + pending
        return (f"{n} articles ({n / dt:.1f}/s), {counts['events']} events stored, "
                f"{counts['skipped']} already stored, {counts['failed']} failed")

    try:
        with store, Reporter("ingest") as progress:
            progress.update(describe())
            if workers or scheduler:
                from eventwire.scale.dask import ingest as dask_ingest

                def on_shard(coded: int, events_added: int, errors: list[str]) -> None:
                    counts["ok"], counts["events"] = coded, events_added
                    counts["failed"] += len(errors)
                    for e in errors:
                        progress.print(f"[red]error[/red] {escape(e)}")
                    progress.update(describe())

                totals = dask_ingest(_articles(files, counts), store, workers=workers,
                                     scheduler=scheduler, partition_size=min(commit_every, 32),
                                     load_every=commit_every,
                                     keep_negated=keep_negated, shard_dir=shard_dir,
                                     on_shard=on_shard)
                counts["skipped"] += totals["skipped"]
            else:
                for chunk in pipeline.batches(_articles(files, counts), commit_every):
                    todo, skipped = store.unseen(chunk)
                    counts["skipped"] += skipped
                    done = []
                    if not todo:  # all stored already: a resumed run does not even load spaCy
                        continue
                    for c in pipeline.run(todo, keep_negated=keep_negated):
                        if c.error:
                            counts["failed"] += 1
                            progress.print(f"[red]error[/red] {escape(c.error)}")
                        else:
                            if c.warning:
                                progress.print(f"[yellow]warning[/yellow] {escape(c.warning)}")
                            done.append((c.article, c.events))
                            progress.update(describe(len(done)))
                    _, added_events = store.write(done)
                    counts["ok"] += len(done)
                    counts["events"] += added_events
                    progress.update(describe())
            with store.session() as session:
                before = session.counts()
                # every stored event has a story row once dedupe has run: a missing one means
                # new events, or a run killed before its dedupe pass committed
                linked = session.con.execute("SELECT count(*) FROM event_story").fetchone()[0]
                if dedupe and (counts["ok"] or linked != before["events"]):
                    from eventwire.store.dedup import dedupe as run_dedupe

                    progress.update(describe() + ", deduplicating")
                    fault("dedupe")
                    try:
                        run_dedupe(session)
                    except Exception as exc:  # noqa: BLE001 - the stored rows are intact
                        counts["failed"] += 1
                        progress.print(
                            f"[red]error[/red] grouping mentions into stories failed "
                            f"({escape(type(exc).__name__)}: {escape(str(exc))}); every article "
                            "and event is stored, and the next ingest tries the grouping again")
                totals_all = session.counts()
    except StoreError as exc:  # e.g. a reader held the store open past the wait
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    _summary(counts, time.perf_counter() - t0)
    err.print(f"store {db}: {totals_all['articles']} articles, {totals_all['events']} events, "
              f"{totals_all['stories']} stories in all", highlight=False, markup=False)
    if counts["failed"]:
        raise typer.Exit(1)


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{name} wants a date like 2022-12-01, got {value!r}") from exc


ActorOpt = Annotated[str | None, typer.Option(help="Actor code or prefix (RUS finds RUSGOV, RUSMIL).")]
RecipientOpt = Annotated[str | None, typer.Option(help="Recipient code or prefix.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")]
SinceOpt = Annotated[str | None, typer.Option(help="Events dated on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Events dated on or before YYYY-MM-DD.")]
LimitOpt = Annotated[int | None, typer.Option(help="At most this many events.")]
CountryOpt = Annotated[str | None, typer.Option(help="Actor or recipient country (ISO alpha-3).")]
ModeOpt = Annotated[str | None, typer.Option(help="PLOVER mode, e.g. drone, visit.")]
QuadOpt = Annotated[int | None, typer.Option(help="Quad class 0-4 (4 = material conflict).")]
NearOpt = Annotated[str | None, typer.Option(help="Events located within --km of this place (e.g. Kyiv).")]
KmOpt = Annotated[float, typer.Option(help="Radius for --near, in km.")]
TextOpt = Annotated[str | None, typer.Option(help="Words that must all appear in the sentence.")]
StoryOpt = Annotated[bool, typer.Option(
    "--story", help="One row per deduplicated story (with its mention count), not per mention.")]


def _near(place: str | None) -> tuple[float, float] | None:
    if place is None:
        return None
    from eventwire.geo import lookup

    for cand in lookup(place):
        if cand.lat is not None and cand.lon is not None:
            return cand.lat, cand.lon
    raise typer.BadParameter(f"no place called {place!r} in the gazetteer: try another spelling")


def _filter(actor: str | None = None, recipient: str | None = None, type_: str | None = None,
            since: str | None = None, until: str | None = None, limit: int | None = None,
            country: str | None = None, mode: str | None = None, quad: int | None = None,
            near: str | None = None, km: float = 50.0, text: str | None = None,
            stories: bool = False) -> EventFilter:
    from eventwire.store import EventFilter

    return EventFilter(actor=actor, recipient=recipient, type=type_,
                       since=_parse_day(since, "--since"), until=_parse_day(until, "--until"),
                       limit=limit, country=country, mode=mode, quad=quad, near=_near(near),
                       km=km, text=text, stories=stories)


def _open_read_only(db: Path) -> Store:
    from eventwire.store import Store, StoreError

    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


@app.command()
def events(
    db: DbOpt = Path("eventwire.duckdb"),
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = None,
    country: CountryOpt = None,
    mode: ModeOpt = None,
    quad: QuadOpt = None,
    near: NearOpt = None,
    km: KmOpt = 50.0,
    text: TextOpt = None,
    story: StoryOpt = False,
    fmt: FormatOpt = "table",
) -> None:
    """Query stored events.

    Examples:

      eventwire events --actor RUS --recipient UKR --type ASSAULT --since 2022-12-01

      eventwire events --near Kyiv --km 100 --quad 4 --text drones

      eventwire events --story --type ASSAULT    # one row per real-world event

      eventwire events --format jsonl > events.jsonl
    """
    from eventwire.output import write
    from eventwire.store import iter_records

    _check_format(fmt)
    flt = _filter(actor, recipient, type_, since, until, limit, country, mode, quad, near, km, text,
                  story)
    with _open_read_only(db) as store:
        n = write(iter_records(store, flt), fmt, sys.stdout, out_console)
    err.print(f"{n} events", highlight=False)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder for parquet).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, parquet, geojson, plover-json or gdelt-csv.")] = "csv",
    db: DbOpt = Path("eventwire.duckdb"),
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = None,
    country: CountryOpt = None,
    mode: ModeOpt = None,
    quad: QuadOpt = None,
    near: NearOpt = None,
    km: KmOpt = 50.0,
    text: TextOpt = None,
    story: StoryOpt = False,
) -> None:
    """Export stored events in the formats other tools load.

    parquet writes a folder partitioned by year and month; gdelt-csv follows the
    GDELT 2.0 Events columns (tab-separated) so GDELT tooling reads it unchanged;
    plover-json is the PLOVER JSON record layout, one record per line.

    Examples:

      eventwire export --format parquet --output events/

      eventwire export --format gdelt-csv --output events.gdelt.csv --since 2022-12-01
    """
    from eventwire.store.export import ExportError
    from eventwire.store.export import export as do_export

    flt = _filter(actor, recipient, type_, since, until, limit, country, mode, quad, near, km, text,
                  story)
    with _open_read_only(db) as store:
        try:
            n = do_export(store, fmt, output, flt)
        except ExportError as exc:
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
    err.print(f"{n} events written to {output} ({fmt})", highlight=False)


@app.command()
def version() -> None:
    """Print the eventwire version."""
    out_console.print(__version__)


def _register_subcommands() -> None:
    from eventwire.api.cli import serve
    from eventwire.eval.commands import bench_app, eval_app
    from eventwire.geo.cli import gazetteer_app

    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
    app.add_typer(gazetteer_app, name="gazetteer")
    app.command()(serve)


_register_subcommands()

if __name__ == "__main__":  # pragma: no cover
    app()
