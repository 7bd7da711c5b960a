"""JSON Schema checks of YAML records and statement front matter, in editors' words.

The schemas in `data/schema/` are the single description of every field: editors' tools (VS Code
with the YAML extension) read them through each file's `# yaml-language-server: $schema=` line,
and this module checks with the `jsonschema` library (first with `fastjsonschema`, which only
says whether a document is valid, ten times faster). Only the wording of messages is ours.
"""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

import fastjsonschema
import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from ..content.errors import ContentError
from ..content.yamlsrc import Document, YamlDate
from ..messages import _

KINDS = ("coalition", "member", "event", "statement", "page")
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "data" / "schema"


def _text_only(validator, enabled, instance, schema):
    # YAML reads an unquoted 2019-08-28 as a date; where text is meant, make the editor quote it.
    if enabled and isinstance(instance, YamlDate):
        yield jsonschema.ValidationError("x-text")


_Validator = jsonschema.validators.extend(Draft202012Validator, {"x-text": _text_only})


_ANNOTATIONS = {"description", "title", "$comment"}


def _inline_refs(node, schemas: dict[str, dict], base: str):
    """`node` with each plain `{"$ref": …}` replaced by the schema it points to. The same checks
    and messages; jsonschema resolving every reference on every value was half the time of
    validating 4,000 member files (the editors' files keep their `$schema` line unchanged)."""
    if isinstance(node, list):
        return [_inline_refs(item, schemas, base) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and set(node) - {"$ref"} <= _ANNOTATIONS:
        name, _hash, pointer = node["$ref"].partition("#")
        target = schemas[name or base]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        return _inline_refs(target, schemas, name or base)
    return {key: _inline_refs(value, schemas, base) for key, value in node.items()}


@lru_cache(maxsize=4)
def validators(schema_dir: str) -> dict[str, Draft202012Validator]:
    folder = Path(schema_dir)
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.schema.json")}
    resources = {name: Resource.from_contents(_inline_refs(contents, schemas, name))
                 for name, contents in schemas.items()}
    registry = Registry().with_resources(resources.items())  # for any reference left in place
    return {kind: _Validator(resources[f"{kind}.schema.json"].contents, registry=registry,
                             format_checker=FormatChecker(["date"]))
            for kind in KINDS}


@lru_cache(maxsize=1)
def _web() -> re.Pattern:
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    return re.compile(common["$defs"]["web"]["pattern"])


def web_link(value: str) -> bool:
    """A web link as the schemas define one (common.schema.json's `web`): make new and the join
    form refuse, in their own words, what validation would refuse (the whole text: no newline)."""
    return _web().fullmatch(value) is not None


def _fast_schema(node):
    """A schema for fastjsonschema (draft 7: the keywords our schemas use mean the same there):
    `x-text` as a format of that name, no `$schema` (2020-12, which it does not know)."""
    if isinstance(node, list):
        return [_fast_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _fast_schema(value) for key, value in node.items() if key != "$schema"}
    if out.pop("x-text", False):
        out["format"] = "x-text"
    return out


@lru_cache(maxsize=4)
def fast_validators(schema_dir: str) -> dict:
    """Per kind, a compiled check that says only *whether* a document is valid: ten times
    faster than jsonschema (0.06 against 0.49 s for 4,880 files), and nearly every file is. A
    document it refuses is checked again by jsonschema, which says what is wrong and where
    (tests hold the two to the same verdicts). The same formats: jsonschema's own date check."""
    # fastjsonschema writes Python code from the schema and runs it: the schemas are this
    # repository's files, like the code that reads them (a pull request can change both).
    dates = FormatChecker(["date"])
    formats = {"date": lambda value: dates.conforms(value, "date"),
               "x-text": lambda value: not isinstance(value, YamlDate)}
    return {kind: fastjsonschema.compile(_fast_schema(validator.schema), formats=formats)
            for kind, validator in validators(schema_dir).items()}


def forget() -> None:
    """The schemas changed (a preview's reading): both checks are made again from the files."""
    validators.cache_clear()
    fast_validators.cache_clear()


def valid(data, kind: str, schema_dir: Path) -> bool:
    """Whether `data` passes the `kind` schema (fast: no messages)."""
    try:
        fast_validators(str(schema_dir))[kind](data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check(doc: Document, kind: str, schema_dir: Path) -> list[ContentError]:
    """Every schema error; for a partly read document (`doc.partial`: a line of the file could not
    be read) none for a missing field, which may be on that line."""
    if valid(doc.data, kind, schema_dir):
        return []
    validator = validators(str(schema_dir))[kind]
    errors = sorted((e for e in validator.iter_errors(doc.data) if not (doc.partial and e.validator == "required")),
                    key=lambda e: doc.where(tuple(e.absolute_path)))
    return [_message(doc, err) for err in errors if not _misspelt(err, errors)]


def _misspelt(err: jsonschema.ValidationError, errors: list) -> bool:
    """A required field that is only misspelt (`nmae:`) gets one message, the spelling one."""
    if err.validator != "required":
        return False
    missing = [k for k in err.validator_value if k not in err.instance]
    typos = [k for k in err.instance if k not in err.schema.get("properties", {})]
    return any(difflib.get_close_matches(m, typos, n=1) for m in missing)


def field_name(path: tuple) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else _("the file")


_READ_AS = {
    "tag:yaml.org,2002:bool": _("yes/no (true/false)"),
    "tag:yaml.org,2002:int": _("a number"),
    "tag:yaml.org,2002:float": _("a number"),
    "tag:yaml.org,2002:timestamp": _("a date"),
}


def _message(doc: Document, err: jsonschema.ValidationError) -> ContentError:
    path = tuple(err.absolute_path)
    name = field_name(path)
    hint = err.schema.get("errorMessage", "") if isinstance(err.schema, dict) else ""
    keyword, instance = err.validator, err.instance

    if keyword == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        key = extra[0] if extra else ""
        close = difflib.get_close_matches(key, allowed, n=1)
        fix = (_("did you mean '{close}'?", close=close[0]) if close else
               _("allowed here: {fields}", fields=", ".join(f"'{a}'" for a in allowed)))
        return doc.error((*path, key), _("unknown field '{key}' — {fix}", key=key, fix=fix), key=True)
    if keyword == "required":
        missing = [k for k in err.validator_value if k not in instance][0]
        if path:
            return doc.error(path, _("the required field '{missing}' is missing in '{name}' — add it",
                                     missing=missing, name=name), key=True)
        return doc.error(path, _("the required field '{missing}' is missing — add it", missing=missing))
    if keyword in ("type", "x-text"):
        return doc.error(path, _type_message(doc, path, name, err))
    if keyword == "enum":
        choices = [str(c) for c in err.validator_value]
        close = difflib.get_close_matches(str(instance), choices, n=1)
        fix = (_("did you mean '{close}'?", close=close[0]) if close else
               _("use one of: {choices}", choices=", ".join(f"'{c}'" for c in choices)))
        return doc.error(path, _("'{name}: {value}' is not known — {fix}", name=name, value=instance, fix=fix))
    if keyword in ("minLength", "minProperties", "minItems"):
        return doc.error(path, _("'{name}' is empty — {fix}", name=name,
                                 fix=_hint(hint) or _("fill it in or remove the line")))
    if keyword == "uniqueItems":
        return doc.error(path, _("'{name}' lists the same item twice — keep one", name=name))
    if keyword in ("pattern", "format"):
        return doc.error(path, _("'{name}: {value}' — {fix}", name=name, value=instance,
                                 fix=_hint(hint) or _("it does not have the expected form")))
    return doc.error(path, _("'{name}' does not have the expected form — compare it with the "
                             "other files of this kind", name=name))


def _hint(hint: str):
    """A schema's `errorMessage`, in the editor's language: the schemas give it in English
    (the msgid); `tools.guides.extract` collects them from the schemas for the catalogues."""
    return _(hint) if hint else ""


def _type_message(doc: Document, path: tuple, name: str, err: jsonschema.ValidationError):
    expected = err.validator_value if err.validator == "type" else "string"
    if err.instance is None:
        return _("'{name}' is empty — write its value after the colon, or remove the line", name=name)
    if expected == "object":
        if "errorMessage" in err.schema:
            return _("'{name}' must be a group of fields indented below it; {fix}", name=name,
                     fix=_hint(err.schema["errorMessage"]))
        return _("'{name}' must be a group of fields indented below it", name=name)
    if expected == "array":
        return _("'{name}' must be a list: each item on its own line starting with '- '", name=name)
    raw = doc.raw.get(path)
    if expected == "string" and raw:
        tag, text = raw
        octal = tag.endswith(":int") and text.lstrip("+-").startswith("0") and text.strip("+-0")
        if octal:
            return _("'{name}: {text}' was read as {read_as} (a leading zero makes YAML read it as an "
                     "octal number), not as text — put it in quotes: {name}: \"{text}\"",
                     name=name, text=text, read_as=_READ_AS[tag])
        return _("'{name}: {text}' was read as {read_as}, not as text — put it in quotes: "
                 "{name}: \"{text}\"", name=name, text=text, read_as=_READ_AS[tag])
    if expected == "boolean":
        return _("'{name}' must be true or false", name=name)
    return _("'{name}' must be text; put it in quotes", name=name)
