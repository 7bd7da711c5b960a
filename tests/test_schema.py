"""The JSON Schemas: valid themselves, linked from every YAML file, and matching the model."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from microsite.checks import schema
from microsite.content import load, model
from microsite.content.errors import ContentError
from microsite.content.yamlsrc import YamlDate, parse

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


def _errors(kind: str, data) -> bool:
    return any(True for _ in schema.validators(str(SCHEMAS))[kind].iter_errors(data))


def _files_with_kinds():
    roots = [ROOT / "data", ROOT / "tests" / "bad" / "data",
             *sorted((ROOT / "tests" / "hostile").glob("*/data"))]
    for root in roots:
        for folder, kind in load.FOLDERS.items():
            # Never through a link (one hostile file is a link to /dev/zero): validation refuses them.
            yield from ((path, kind) for path in sorted((root / folder).glob("*.yml")) if not path.is_symlink())


def test_the_fast_check_and_jsonschema_give_the_same_verdict_on_every_file():
    """`schema.valid` (fastjsonschema) lets a document skip jsonschema: on the real content,
    the bad files and the hostile ones, its verdict is jsonschema's."""
    verdicts, seen = set(), 0
    for path, kind in _files_with_kinds():
        try:
            doc = parse(path.read_text(encoding="utf-8"), path.name)
        except (UnicodeDecodeError, ContentError):
            continue  # not readable YAML: no schema check
        if doc.data is None:
            continue
        fast = schema.valid(doc.data, kind, SCHEMAS)
        assert fast == (not _errors(kind, doc.data)), path
        verdicts.add(fast)
        seen += 1
    assert verdicts == {True, False} and seen > 80


def _member() -> dict:
    doc = parse((ROOT / "data" / "members" / "abadan.yml").read_text(encoding="utf-8"), "abadan.yml")
    return doc.data


_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2, 10**6), st.floats(allow_nan=False),
              st.sampled_from(["", " ", "x", "ngo", "kgi", "2019-08-28", "2019-13-01", "TODO",
                               "https://example.org/", "javascript:alert(1)", "Абадан"]),
              st.builds(YamlDate, st.sampled_from(["2019-08-28", "2019-02-30", "2020-01-01"])),
              st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["kk", "ru", "en", "coalition", "joined",
                                                              "role", "x"]), inner, max_size=3)),
    max_leaves=6)


# Every place in a member's file where a value can go wrong (and one that does not exist).
PLACES = [("id",), ("type",), ("link",), ("new",), ("name",), ("name", "kk"), ("name", "ru"),
          ("name", "en"), ("memberships",), ("memberships", 0), ("memberships", 0, "coalition"),
          ("memberships", 0, "joined"), ("memberships", 0, "role"), ("memberships", 0, "role", "kk"),
          ("memberships", 0, "x")]


# Values where the two could most easily part: a date YAML read unquoted where text is meant, a
# date that is no day, empty and blank texts, yes/no and numbers where text is meant.
TRICKY = [YamlDate("2019-08-28"), YamlDate("2019-02-30"), "2019-02-30", "", " ", True, 0, 1.5, None,
          [], {}, {"kk": ""}, {"kk": YamlDate("2020-01-01"), "ru": "x"}]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=st.one_of(st.sampled_from(TRICKY), _VALUES), drop=st.booleans())
def test_the_fast_check_agrees_with_jsonschema_on_changed_documents(place, value, drop):
    """A real member with one value replaced (or removed) anywhere: the same verdict."""
    data = _member()
    data["memberships"][0]["role"] = {"kk": "мүше", "ru": "член"}
    node = data
    for key in place[:-1]:
        node = node[key]
    if drop and isinstance(node, dict):
        node.pop(place[-1], None)
    elif drop:
        del node[place[-1]]
    else:
        node[place[-1]] = value
    assert schema.valid(data, "member", SCHEMAS) == (not _errors("member", data)), (place, value)
