"""schemathesis against our own OpenAPI schema: generated requests (valid and invalid) to
every operation; no 5xx, and every answer conforms to the schema it documents.

Hypothesis drives schemathesis's per-operation strategies directly: its pytest loader for
fixture-built schemas (``from_fixture``) does not run under pytest 9.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.api import create_app

TOKEN = "fuzz-token"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "12"))  # per operation and mode: the whole schema runs in well under a minute

# the operations, read from the app's own schema (building the app opens no store);
# invalid requests exist only for operations that take some input
_PATHS = create_app(Path("unused.duckdb")).openapi()["paths"]
OPERATIONS = sorted((method.upper(), path) for path, item in _PATHS.items() for method in item)
CASES = [(method, path, mode) for method, path in OPERATIONS
         for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode is GenerationMode.POSITIVE or {"parameters", "requestBody"}
         & set(_PATHS[path][method.lower()])]


@pytest.fixture(scope="module")
def api_schema(api_store: Path, tmp_path_factory: pytest.TempPathFactory):
    # a copy with ingest on, so POST /articles is exercised without touching api_store
    copy = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(api_store, copy)
    app = create_app(copy, token=TOKEN, max_body=20_000)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.gate.close()


def test_the_schema_lists_every_endpoint():
    assert {path for _, path in OPERATIONS} >= {
        "/health", "/events", "/events/{event_id}", "/articles/{article_id}", "/actors",
        "/timeline", "/network", "/places", "/articles"}


@pytest.mark.parametrize("method,path,mode", CASES)
def test_operation_conforms_and_never_500s(api_schema, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)

    run()
