"""YAML read into plain data plus the line and column of every key and value.

Built from PyYAML's event stream (libyaml when present), not its object constructor, because:
- editors need every message to name a line, and JSON Schema errors name a path: `marks` joins them;
- PyYAML silently keeps the last of two equal keys (data lost): here it is an error;
- YAML 1.1 reads `no`, `010`, `87011234567`, `2019-08-28` as a boolean, an octal number, an integer
  and a date: the raw text of every such plain scalar is kept, so messages quote what was typed;
- nesting is walked with an explicit stack: libyaml's composer crashes (segfault) on deep nesting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import yaml
from yaml.resolver import Resolver

from ..content.errors import ContentError
from ..messages import _

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 20        # our records nest four levels; deeper is a mistake or an attack
_RESOLVER = Resolver()
_CONSTRUCT = yaml.SafeLoader("")  # only its scalar constructors are used


class YamlDate(str):
    """An unquoted YYYY-MM-DD: kept as its text, remembered as something YAML reads as a date."""


Path = tuple  # a location in the data: keys and list indexes, as JSON Schema errors give them


@dataclass
class Document:
    path: str
    data: Any = None
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)  # value → (line, column)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)   # key of a value
    raw: dict[Path, tuple[str, str]] = field(default_factory=dict)    # plain non-text → (tag, text)
    quoted: set[Path] = field(default_factory=set)  # values written in quotes
    line_offset: int = 0  # front matter starts below the opening '---'
    problems: list[ContentError] = field(default_factory=list)  # all found, in the order read
    partial: bool = False   # a line could not be read (see `read`): missing fields may be there
    readable: bool = True   # False: nothing of the file could be read

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The closest known position of `path` (its key when `key`), walking up if needed."""
        table = self.keys if key else self.marks
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.marks.get(path, (1, 1)))

    def error(self, path: Path, message: str, key: bool = False) -> ContentError:
        return ContentError(self.path, message, *self.where(path, key))


def nodes(data: Any, where: Path = (),
          stop: Callable[[Path, Any], bool] = lambda where, value: False) -> Iterator[tuple[Path, Any]]:
    """Every value of parsed data (YAML, or JSON: the schemas) with its path, each before what
    it holds; a value for which `stop(path, value)` is true is given but not entered. The one walk
    over parsed data: validation's texts and names, the schemas' messages for the catalogues."""
    yield where, data
    if stop(where, data):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from nodes(value, (*where, key), stop)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from nodes(value, (*where, index), stop)


def _scalar(event: yaml.ScalarEvent, doc: Document, where: Path) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == "tag:yaml.org,2002:str":  # nearly every value: no node made
        return event.value
    if tag == "tag:yaml.org,2002:timestamp":
        doc.raw[where] = (tag, event.value)
        return YamlDate(event.value)
    if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        if tag != "tag:yaml.org,2002:null" or event.value:
            doc.raw[where] = (tag, event.value)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return _CONSTRUCT.construct_object(node)
    doc.problems.append(_tag_error(event, doc))
    return event.value  # read on as text: the file's other problems are still found


def _tag_error(event, doc: Document) -> ContentError:
    return ContentError(doc.path, _("the tag '{tag}' is not allowed here; remove it "
                                    "(plain text, lists and key: value lines only)", tag=event.tag),
                        *_pos(event, doc))


def _pos(event, doc: Document) -> tuple[int, int]:
    return event.start_mark.line + 1 + doc.line_offset, event.start_mark.column + 1


def parse(text: str, path: str, line_offset: int = 0) -> Document:
    """Parse one YAML document; raise its first problem as `ContentError` (never anything else)."""
    doc = read(text, path, line_offset)
    if doc.problems:
        raise doc.problems[0]
    return doc


MAX_REPAIRS = 20


def read(text: str, path: str, line_offset: int = 0) -> Document:
    """One YAML document with every problem found in it (`Document.problems`), never raising.

    After a syntax error the line concerned is mended (a tab turned into spaces, a value put in
    quotes, a quote closed) or, failing that, left out, and the rest is read again: the file's
    other problems are found in the same round. Such a document is `partial`: what is missing
    from it may only be missing because a line could not be read."""
    lines = text.split("\n")
    syntax: list[ContentError] = []
    for _attempt in range(MAX_REPAIRS):
        doc = Document(path, line_offset=line_offset, partial=bool(syntax))
        try:
            _build(yaml.parse("\n".join(lines), Loader=Loader), doc)
        except yaml.MarkedYAMLError as exc:
            error, mended = syntax_error(exc, lines, path, line_offset)
            syntax.append(error)
            if mended == lines:
                return _broken(path, line_offset, syntax)
            lines = mended
            continue
        except (yaml.YAMLError, ValueError) as exc:  # libyaml reports some problems without a mark
            syntax.append(ContentError(path, _("this is not valid YAML ('{problem}'); check indentation, "
                                               "colons and quotes", problem=" ".join(str(exc).split()))))
            return _broken(path, line_offset, syntax)
        except _Stop as stop:  # a problem after which nothing more can be read
            doc.problems.append(stop.error)
            return _broken(path, line_offset, syntax + doc.problems)
        doc.problems[:0] = syntax
        return doc
    return _broken(path, line_offset, syntax)


def _broken(path: str, line_offset: int, problems: list[ContentError]) -> Document:
    return Document(path, line_offset=line_offset, problems=problems, partial=True, readable=False)


class _Stop(Exception):
    def __init__(self, error: ContentError):
        self.error = error


# -- syntax errors in editors' words ------------------------------------------------------------
# libyaml's messages name the parser's state ("mapping values are not allowed in this context");
# each class gets its own explanation and fix, at the line the editor should look at (for an
# unclosed quote or bracket, or a key without a colon, that is the line where it began, often
# above the parser's). No library words these, so this table is ours.

KEY_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:\-\[\]{}][^:#]*?):[ \t]+(\S.*?)\s*$")
LIST_ITEM = re.compile(r"^(\s*)(-)\s+(\S.*?)\s*$")  # `- value`: groups as KEY_VALUE's


def _quoted(value: str) -> str:
    """`value` as one YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_value(line: str) -> str | None:
    match = KEY_VALUE.match(line)
    if not match:
        return None
    return f"{match.group(1)}{match.group(2)}: {_quoted(match.group(3))}"


def _unclosed_quote(lines: list[str], last: int) -> int | None:
    """The first line up to `last` whose value opens a quote that neither it nor the lines down
    to `last` close (a value may rightly go on over lines, its quotes then balance)."""
    for number, line in enumerate(lines[:last + 1]):
        match = KEY_VALUE.match(line) or LIST_ITEM.match(line)
        if not match:
            continue
        value = match.group(3)
        if value[:1] in "\"'" and (len(value) < 2 or not _closes(value)):
            quote = value[0]
            rest = "\n".join([value, *lines[number + 1:last + 1]])
            count = (len(re.findall(r'(?<!\\)"', rest)) if quote == '"'
                     else rest.replace("''", "").count("'"))
            if count % 2:
                return number
    return None


def _closes(value: str) -> bool:
    quote = value[0]
    if quote == "'":
        rest = value[1:].replace("''", "")
        return "'" in rest
    return re.search(r'(?<!\\)"', value[1:]) is not None


def _untabbed(lines: list[str], row: int) -> str:
    """The line as it was probably meant: indented like the line above (two more below a key
    that opens a block), tabs inside it as spaces."""
    line = lines[row]
    body = line.lstrip(" \t").replace("\t", " ")
    if "\t" not in line[:len(line) - len(line.lstrip(" \t"))]:
        return line.replace("\t", " ")
    above = lines[n] if (n := _previous_line(lines, row)) is not None else ""
    indent = len(above) - len(above.lstrip(" "))
    return " " * (indent + (2 if above.rstrip().endswith(":") else 0)) + body


def _previous_line(lines: list[str], row: int) -> int | None:
    """The nearest line above `row` that holds something (not blank, not a comment)."""
    return next((n for n in range(row - 1, -1, -1) if lines[n].strip()
                 and not lines[n].lstrip().startswith("#")), None)


def _first_column(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], path: str,
                 offset: int) -> tuple[ContentError, list[str]]:
    """The editor's message for a libyaml error, and the lines mended to read on (the line
    concerned repaired, or left out)."""
    mark = exc.problem_mark or exc.context_mark
    row = min(mark.line, len(lines) - 1) if mark else 0
    column = mark.column + 1 if mark else 1
    context = exc.context_mark.line if exc.context_mark else row
    problem, where = exc.problem or "", exc.context or ""
    line = lines[row] if lines else ""
    char = line[mark.column] if mark and mark.column < len(line) else ""

    def at(number: int, message, col: int | None = None, mended_line: str | None = None):
        mended = list(lines)
        if mended_line is None:
            mended[number] = ""  # left out: the rest is read without it
        else:
            mended[number] = mended_line
        return (ContentError(path, message, number + 1 + offset,
                             col if col is not None else _first_column(lines[number])), mended)

    if "tab" in problem or (char == "\t" and "cannot start any token" in problem):
        tab_row = row if "\t" in line else next((n for n in range(row, -1, -1) if "\t" in lines[n]), row)
        return at(tab_row, _("a tab is used for indentation — YAML accepts only spaces: replace the tab "
                             "with spaces (two per level)"), lines[tab_row].find("\t") + 1,
                  _untabbed(lines, tab_row))
    unclosed = _unclosed_quote(lines, row)
    if unclosed is not None:  # (a line up to this one: where the editor should look)
        opened = lines[unclosed]
        quote = KEY_VALUE.match(opened) or LIST_ITEM.match(opened)
        mark_char = quote.group(3)[0]
        return at(unclosed, _("the quote {quote} opened here is not closed — add the closing {quote} "
                              "at the end of the value", quote=mark_char),
                  opened.find(mark_char) + 1, opened.rstrip() + mark_char)
    if "found unexpected end of stream" in problem and "quoted scalar" in where:
        return at(context, _("the quote opened here is not closed — add the closing quote at the end "
                             "of the value"), exc.context_mark.column + 1)
    if "mapping values are not allowed" in problem:
        before = line[:mark.column] if mark else line
        if KEY_VALUE.match(before + ": x"):  # `key: value: more`: a colon inside the value
            key_value = KEY_VALUE.match(line)
            if key_value and ":" in before:
                return at(row, _("a colon followed by a space inside the value of '{field}' — put the "
                                 "whole value in quotes: {field}: \"…\"", field=key_value.group(2).strip()),
                          column, _quote_value(line))
        previous = _previous_line(lines, row)
        if previous is not None and ":" not in lines[previous] and not lines[previous].lstrip().startswith("-"):
            return at(previous, _("this line has no colon — write the field's name, a colon and a "
                                  "space, then its value: 'name: value'"))
        return at(row, _("this line is indented more than the line above it, so it reads as the "
                         "continuation of that line — give it the same number of spaces as the "
                         "fields beside it"))
    if "could not find expected ':'" in problem:
        return at(context, _("this line has no colon — write the field's name, a colon and a space, "
                             "then its value: 'name: value'"))
    if "cannot start any token" in problem or "anchor" in where or "alias" in where or (
            "block scalar" in where):
        shown = char if "cannot start any token" in problem else (
            line[exc.context_mark.column] if exc.context_mark else char)
        return at(row, _("a value cannot start with {char} — put the whole value in quotes: "
                         "\"{char}…\"", char=shown), column, _quote_value(line))
    if "unknown escape character" in problem:
        return at(row, _("a backslash (\\) inside double quotes starts a special character — write "
                         "it twice (\\\\), or use single quotes around the value"), column,
                  line.replace("\\", "\\\\"))
    if "flow sequence" in where or "flow mapping" in where:
        bracket = "[" if "sequence" in where else "{"
        closing = "]" if bracket == "[" else "}"
        start = exc.context_mark.line
        return at(start, _("the bracket {open} opened here is not closed — add {close} at the end of "
                           "the value; if the brackets are part of the text, put the whole value in "
                           "quotes", open=bracket, close=closing), exc.context_mark.column + 1,
                  lines[start].rstrip() + closing)
    if "block sequence entries are not allowed" in problem:
        return at(row, _("a list item ('- ') cannot follow a field's name on the same line — put each "
                         "item on its own line below the field, indented"), column)
    if "did not find expected key" in problem or "expected <block end>" in problem or (
            "did not find expected '-'" in problem):
        value = KEY_VALUE.match(line)
        if value and value.group(3)[:1] in "\"'" and mark and mark.column > line.find(value.group(3)):
            return at(row, _("text follows the closing quote — put the whole value in quotes, "
                             "with the other kind of quote or «» inside: '{field}: \"…\"'",
                             field=value.group(2).strip()), column, _quote_value(line))
        if value and value.group(3)[:1] in "*&!":
            return at(row, _("a value cannot start with {char} — put the whole value in quotes: "
                             "\"{char}…\"", char=value.group(3)[0]), column, _quote_value(line))
        if line.lstrip().startswith("- "):
            return at(row, _("this list item is not lined up with the items above it — give every "
                             "'- ' of one list the same number of spaces"))
        return at(row, _("this line's indentation does not match the lines above — line it up with "
                         "the fields it belongs with (the same number of spaces)"))
    return at(row, _("this is not valid YAML ('{problem}'); check indentation, colons and quotes",
                     problem=" ".join(f"{where} {problem}".split())), column)


def _build(events, doc: Document) -> None:
    # Each stack entry: [container, its path, pending key (mappings)]
    stack: list[list] = []
    documents = 0

    def put(value: Any, event) -> Path | None:
        if not stack:
            doc.data = value
            doc.marks[()] = _pos(event, doc)
            return ()
        container, where, key = stack[-1]
        if isinstance(container, list):
            child = (*where, len(container))
            container.append(value)
            doc.marks[child] = _pos(event, doc)
            return child
        if key is _NO_KEY:  # this value is a key
            name = value
            if name in container or (*where, name) in doc.keys:
                first = doc.keys[(*where, name)][0]
                doc.problems.append(ContentError(doc.path, _(
                    "the field '{name}' appears twice; keep one of them (the other is on line {first})",
                    name=name, first=first), *_pos(event, doc)))
                name = _Duplicate(name)  # its value is read (for its own problems), then dropped
            else:
                doc.keys[(*where, name)] = _pos(event, doc)
            stack[-1][2] = name
            return None
        child = (*where, key)
        if isinstance(key, _Duplicate):
            stack[-1][2] = _NO_KEY
            return (*where, key)
        container[key] = value
        doc.marks[child] = _pos(event, doc)
        stack[-1][2] = _NO_KEY
        return child

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                doc.problems.append(ContentError(doc.path, _(
                    "only one document per file: remove the second '---' and what follows, or move "
                    "it to its own file"), *_pos(event, doc)))
                return
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            doc.problems.append(ContentError(doc.path, _(
                "anchors and aliases (& and *) are not supported; write the value out in full"),
                *_pos(event, doc)))
            if isinstance(event, yaml.AliasEvent):
                put(None, event)
                continue
        if isinstance(event, yaml.ScalarEvent):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                put(event.value, event)  # keys stay text: `on:` is not `true:`
            else:
                where = _child_path(stack)
                if event.style in ("'", '"'):
                    doc.quoted.add(where)
                put(_scalar(event, doc, where), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                raise _Stop(ContentError(doc.path, _("a key must be a plain word followed by a colon"),
                                         *_pos(event, doc)))
            if not event.implicit:
                doc.problems.append(_tag_error(event, doc))
            if len(stack) >= MAX_DEPTH:
                raise _Stop(ContentError(doc.path, _("nested more than {depth} levels deep; check the "
                                                     "indentation", depth=MAX_DEPTH), *_pos(event, doc)))
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            where = put(container, event)
            stack.append([container, where, _NO_KEY])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()


_NO_KEY = object()


class _Duplicate:
    """The second occurrence of a key: its value is read (for its own problems) under a path of
    its own, then dropped."""

    def __init__(self, name: str):
        self.name = name

    def __str__(self) -> str:
        return self.name


def _child_path(stack: list[list]) -> Path:
    if not stack:
        return ()
    container, where, key = stack[-1]
    return (*where, len(container)) if isinstance(container, list) else (*where, key)
