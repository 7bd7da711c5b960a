"""The JSON Schemas: valid themselves, linked from every YAML file, and matching the model."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from microsite import load, model, schema
from microsite.yamlsrc import parse

SCHEMAS = ROOT / "data" / "schema"


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schemas_are_valid_json_schema(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("folder, kind", sorted(load.FOLDERS.items()))
def test_every_yaml_file_names_its_schema_on_the_first_line(folder, kind):
    files = sorted((ROOT / "data" / folder).glob("*.yml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
        assert (path.parent / first.split("=", 1)[1]).resolve() == SCHEMAS / f"{kind}.schema.json"


def test_choices_in_schemas_are_the_models():
    member = json.loads((SCHEMAS / "member.schema.json").read_text())
    coalition = json.loads((SCHEMAS / "coalition.schema.json").read_text())
    statement = json.loads((SCHEMAS / "statement.schema.json").read_text())
    assert tuple(member["properties"]["type"]["enum"]) == model.MEMBER_TYPES
    assert tuple(coalition["properties"]["kind"]["enum"]) == model.COALITION_KINDS
    assert tuple(coalition["properties"]["scope"]["enum"]) == model.SCOPES
    assert tuple(statement["properties"]["kind"]["enum"]) == model.STATEMENT_KINDS
    assert tuple(statement["properties"]["status"]["enum"]) == model.STATEMENT_STATUSES


def test_cross_file_references_resolve_and_dates_are_checked():
    doc = parse("id: x\ntype: ngo\nname: {kk: А, ru: Б}\nmemberships:\n  - coalition: kgi\n"
                "    joined: 2019-13-01\n", "data/members/x.yml")
    [error] = schema.check(doc, "member", SCHEMAS)
    assert (error.line, error.column) == (6, 13) and "must exist in the calendar" in error.message
