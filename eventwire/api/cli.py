"""`eventwire serve`: the JSON API and the web UI in one local process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

TOKEN_ENV = "EVENTWIRE_TOKEN"


def serve(
    db: Annotated[Path, typer.Option(help="The event store to serve.")] = Path("eventwire.duckdb"),
    host: Annotated[str, typer.Option(
        help="Interface to bind; the default is this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help=f"Accept POST /articles with this bearer token (or set {TOKEN_ENV}); "
             "without one the server is read-only.", show_default=False)] = None,
) -> None:
    """Serve the store as a JSON API (docs at /docs) and the web UI at /.

    Read-only unless a token is given (prefer EVENTWIRE_TOKEN: a --token shows in ps).

    Binds 127.0.0.1 by default; put a TLS proxy in front before using --host 0.0.0.0.

    Examples:

      eventwire serve --db news.duckdb

      EVENTWIRE_TOKEN=s3cret eventwire serve --db news.duckdb --port 8080
    """
    import uvicorn

    from eventwire.api import create_app

    if not db.is_file():
        raise typer.BadParameter(
            f"no store at {db}: create it with `eventwire ingest FILE... --db {db}`",
            param_hint="--db")
    token = token or os.environ.get(TOKEN_ENV) or None
    app = create_app(db, token=token)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"eventwire {'read-write' if token else 'read-only'} on http://{shown}:{port}/ "
               f"(API docs: http://{shown}:{port}/docs), store {db}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
