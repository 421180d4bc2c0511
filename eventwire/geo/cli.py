"""`eventwire gazetteer …`: use a full GeoNames dump instead of the packaged gazetteer.

Registered by eventwire/cli.py with ``app.add_typer(gazetteer_app, name="gazetteer")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

gazetteer_app = typer.Typer(help="Build a gazetteer from a GeoNames dump you downloaded.",
                            no_args_is_help=True)


@gazetteer_app.callback()
def gazetteer_group() -> None:
    """Gazetteers: the packaged one is used unless $EVENTWIRE_GAZETTEER names another."""


@gazetteer_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="GeoNames files: allCountries.zip or citiesNNN.zip, and optionally "
             "admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip, countryInfo.txt.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Gazetteer file to write.")
                      ] = Path("gazetteer.bin"),
    min_population: Annotated[int, typer.Option(
        help="Leave out populated places smaller than this.")] = 0,
) -> None:
    """Build a gazetteer file from GeoNames dump files; use it with $EVENTWIRE_GAZETTEER.

    Example:

      eventwire gazetteer import allCountries.zip admin1CodesASCII.txt \\
          alternateNamesV2.zip -o ~/geonames.bin
      export EVENTWIRE_GAZETTEER=~/geonames.bin
    """
    from eventwire.geo.gazetteer import ENV_PATH
    from eventwire.geo.importer import import_geonames

    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise typer.BadParameter(f"no such file: {', '.join(missing)}")
    counts = import_geonames(files, output, min_population=min_population)
    size = output.stat().st_size / 1e6
    typer.echo(f"{output}: {counts['places']} places, {counts['names']} names, {size:.1f} MB")
    typer.echo(", ".join(f"{k} {v}" for k, v in counts.items() if k not in ("places", "names")))
    typer.echo(f"use it with: export {ENV_PATH}={output.resolve()}")
