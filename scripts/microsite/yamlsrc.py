"""YAML read into plain data plus the line and column of every key and value.

Built from PyYAML's event stream (libyaml when present), not its object constructor, because:
- editors need every message to name a line, and JSON Schema errors name a path: `marks` joins them;
- PyYAML silently keeps the last of two equal keys (data lost): here it is an error;
- YAML 1.1 reads `no`, `010`, `87011234567`, `2019-08-28` as a boolean, an octal number, an integer
  and a date: the raw text of every such plain scalar is kept, so messages quote what was typed;
- nesting is walked with an explicit stack: libyaml's composer crashes (segfault) on deep nesting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

from .errors import ContentError

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

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """The closest known position of `path` (its key when `key`), walking up if needed."""
        table = self.keys if key else self.marks
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.marks.get(path, (1, 1)))

    def error(self, path: Path, message: str, key: bool = False) -> ContentError:
        return ContentError(self.path, message, *self.where(path, key))


def _scalar(event: yaml.ScalarEvent, doc: Document, where: Path) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    if tag == "tag:yaml.org,2002:str":
        return event.value
    if tag == "tag:yaml.org,2002:timestamp":
        doc.raw[where] = (tag, event.value)
        return YamlDate(event.value)
    if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        if tag != "tag:yaml.org,2002:null" or event.value:
            doc.raw[where] = (tag, event.value)
        return _CONSTRUCT.construct_object(node)
    raise _tag_error(event, doc)


def _tag_error(event, doc: Document) -> ContentError:
    return ContentError(doc.path, f"the tag '{event.tag}' is not allowed here; remove it "
                        "(plain text, lists and key: value lines only)", *_pos(event, doc))


def _pos(event, doc: Document) -> tuple[int, int]:
    return event.start_mark.line + 1 + doc.line_offset, event.start_mark.column + 1


def parse(text: str, path: str, line_offset: int = 0) -> Document:
    """Parse one YAML document; raise `ContentError` (never anything else) on bad input."""
    doc = Document(path, line_offset=line_offset)
    try:
        _build(yaml.parse(text, Loader=Loader), doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 1
        problem = " ".join(str(exc.problem or exc.context).split())
        raise ContentError(path, f"this is not valid YAML ({problem}); "
                           "check indentation, colons and quotes", line,
                           mark.column + 1 if mark else 1) from None
    except (yaml.YAMLError, ValueError) as exc:  # libyaml reports some problems without a mark
        problem = " ".join(str(exc).split())
        raise ContentError(path, f"this is not valid YAML ({problem}); check indentation, colons "
                           "and quotes") from None
    return doc


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
            if name in container:
                first = doc.keys[(*where, name)][0]
                raise ContentError(doc.path, f"the field '{name}' appears twice; keep one of them "
                                   f"(the other is on line {first})", *_pos(event, doc))
            stack[-1][2] = name
            doc.keys[(*where, name)] = _pos(event, doc)
            return None
        child = (*where, key)
        container[key] = value
        doc.marks[child] = _pos(event, doc)
        stack[-1][2] = _NO_KEY
        return child

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ContentError(doc.path, "only one document per file: remove the second '---' "
                                   "and what follows, or move it to its own file", *_pos(event, doc))
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentError(doc.path, "anchors and aliases (& and *) are not supported; write "
                               "the value out in full", *_pos(event, doc))
        elif isinstance(event, yaml.ScalarEvent):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                put(event.value, event)  # keys stay text: `on:` is not `true:`
            else:
                where = _child_path(stack)
                if event.style in ("'", '"'):
                    doc.quoted.add(where)
                put(_scalar(event, doc, where), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY:
                raise ContentError(doc.path, "a key must be a plain word followed by a colon",
                                   *_pos(event, doc))
            if not event.implicit:
                raise _tag_error(event, doc)
            if len(stack) >= MAX_DEPTH:
                raise ContentError(doc.path, f"nested more than {MAX_DEPTH} levels deep; check the "
                                   "indentation", *_pos(event, doc))
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            where = put(container, event)
            stack.append([container, where, _NO_KEY])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()


_NO_KEY = object()


def _child_path(stack: list[list]) -> Path:
    if not stack:
        return ()
    container, where, key = stack[-1]
    return (*where, len(container)) if isinstance(container, list) else (*where, key)
