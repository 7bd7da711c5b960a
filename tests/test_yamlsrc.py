"""YAML with positions: what PyYAML alone would lose or crash on."""
from __future__ import annotations

import pytest
from microsite.content.errors import ContentError
from microsite.content.yamlsrc import YamlDate, parse, read


def test_positions_of_keys_and_values():
    doc = parse("id: x\nname:\n  kk: 'Атау'\n  ru: Название\nlist:\n  - a\n  - b\n", "f.yml")
    assert doc.keys[("name",)] == (2, 1)
    assert doc.marks[("name", "kk")] == (3, 7) and ("name", "kk") in doc.quoted
    assert doc.marks[("list", 1)] == (7, 5)


def test_plain_scalars_keep_what_was_typed():
    doc = parse("a: no\nb: 010\nc: 2019-08-28\nd: '2019-08-28'\ne: 1:20\n", "f.yml")
    assert doc.data["a"] is False and doc.raw[("a",)] == ("tag:yaml.org,2002:bool", "no")
    assert doc.data["b"] == 8 and doc.raw[("b",)][1] == "010"
    assert isinstance(doc.data["c"], YamlDate) and doc.data["c"] == "2019-08-28"
    assert not isinstance(doc.data["d"], YamlDate) and ("d",) not in doc.raw
    assert doc.data["e"] == 80 and doc.raw[("e",)][1] == "1:20"  # YAML 1.1 base 60


def test_keys_stay_text():
    assert parse("on: 1\nno: 2\n", "f.yml").data == {"on": 1, "no": 2}


def test_front_matter_lines_count_from_the_file():
    doc = parse("title: x\nkind: y\n", "s.md", line_offset=1)
    assert doc.marks[("kind",)] == (3, 7)


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: 2\na: 3\n", 3, "the field 'a' appears twice; keep one of them (the other is on line 1)"),
    ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "is not allowed here"),
    ("a: 1\n---\nb: 2\n", 2, "only one document per file"),
    ("[" * 100000, 1, "nested more than 20 levels deep"),   # libyaml's composer would crash here
    ("a: [1, 2\n", 1, "the bracket [ opened here is not closed"),
    ("a: !!set {x}\n", 1, "is not allowed here"),
])
def test_bad_yaml_is_one_content_error(text, line, words):
    with pytest.raises(ContentError) as err:
        parse(text, "f.yml")
    assert err.value.path == "f.yml" and err.value.line == line and words in err.value.message


@pytest.mark.parametrize("text, line, words, data", [
    # the parser stops at the end of the file; the editor looks where the quote opens
    ('a: "x\nb: y\nc: z\n', 1, 'the quote " opened here is not closed', {"a": "x", "b": "y", "c": "z"}),
    # the parser stops on the line below the one without a colon
    ("a: x\nb\nc: z\n", 2, "this line has no colon", {"a": "x", "c": "z"}),
    ("a:\n\tb: x\nc: y\n", 2, "a tab is used for indentation", {"a": {"b": "x"}, "c": "y"}),
    ("a: x: y\nb: z\n", 1, "a colon followed by a space inside the value of 'a'", {"a": "x: y", "b": "z"}),
    ("a: 'x' y\nb: z\n", 1, "text follows the closing quote", {"a": "'x' y", "b": "z"}),
    ("a: `x`\nb: z\n", 1, "a value cannot start with `", {"a": "`x`", "b": "z"}),
    ("a: [x, y\nb: z\n", 1, "the bracket [ opened here is not closed", {"a": ["x", "y"], "b": "z"}),
    ("a: 1\nb: 2\na: 3\nc: 4\n", 3, "the field 'a' appears twice", {"a": 1, "b": 2, "c": 4}),
])
def test_after_a_syntax_error_the_rest_of_the_file_is_read(text, line, words, data):
    doc = read(text, "f.yml")
    assert [p.line for p in doc.problems] == [line] and words in doc.problems[0].message
    assert doc.data == data and doc.readable


def test_every_syntax_error_of_a_file_at_once_and_front_matter_lines():
    doc = read("title: x\n\tkind: y\nplace: a: b\n", "s.md", line_offset=1)
    assert [(p.line, p.column) for p in doc.problems] == [(3, 1), (4, 9)]
    assert doc.partial and doc.data == {"title": "x", "kind": "y", "place": "a: b"}
