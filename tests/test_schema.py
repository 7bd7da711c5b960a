"""The JSON Schemas: valid themselves, linked from every YAML file, and matching the model."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator
from microsite.checks import schema
from microsite.content import load, model
from microsite.content.errors import ContentError
from microsite.content.yamlsrc import parse

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


def test_inlined_references_report_the_same_problems():
    """`validators` inlines `$ref`s for speed: every real bad file gets the same messages as
    with jsonschema resolving the references itself."""
    from jsonschema import FormatChecker
    from referencing import Registry, Resource
    raw = {p.name: Resource.from_contents(json.loads(p.read_text(encoding="utf-8")))
           for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources(raw.items())
    plain = {kind: schema._Validator(raw[f"{kind}.schema.json"].contents, registry=registry,
                                     format_checker=FormatChecker(["date"])) for kind in schema.KINDS}
    inlined = schema.validators(str(SCHEMAS))
    assert "$ref" not in json.dumps(inlined["member"].schema["properties"]["name"])
    bad = ROOT / "tests" / "bad" / "data"
    checked = 0
    for folder, kind in load.FOLDERS.items():
        for path in sorted((bad / folder).glob("*.yml")):
            try:
                doc = parse(path.read_text(encoding="utf-8"), path.name)
            except (UnicodeDecodeError, ContentError):
                continue  # not readable YAML: no schema check to compare

            def messages(validator):  # as editors read them
                return sorted(str(schema._message(doc, e)) for e in validator.iter_errors(doc.data))
            assert messages(inlined[kind]) == messages(plain[kind]), path.name
            checked += bool(messages(plain[kind]))
    assert checked >= 5
