"""/admin/: the editors' forms (Decap CMS), generated from `data/schema/*.schema.json`.

Engine-free: `admin_files` returns every file of /admin/ (path below the built site → bytes);
the build writes them. What the form asks is derived from the same schemas `make validate`
checks (fields, required fields, enums, patterns), labels and hints come from the schemas too
(`x-labels`, `x-options`, `x-hint` in common.schema.json, in Kazakh and Russian), so the form and
validation cannot drift apart: `tests/test_cms.py` fails when a schema field has no form field.

Why Decap CMS, served from the site (README, "Editing in the browser"): its editorial workflow
turns every save into a branch and a pull request (Sveltia CMS 0.221 has no local backend and
ignores `local_backend`), and `decap-server` runs that workflow offline on a git clone.
Decap rewrites YAML when it saves (comments dropped, YAML 1.2 quoting); so it saves through our
own formats (`cms.js`: `microsite-<kind>`), which write the schema line and quote every text,
the form this project already reads.
"""
from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..checks.lock import FACTS, LOCK_FILE
from ..checks.validate import NEUTRAL
from ..content.load import FOLDERS, SCHEMA_LINE
from ..content.model import DEFAULT_LANG, LANGS
from . import words

ADMIN = "admin"
# decap-server's address on the editor's (or the test's) machine: `make cms`.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
# The CMS is a tool of this checkout's code (package-lock.json), not of the content being built:
# a copy of the content (the tests' projects) is built with the same bundle.
NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
DECAP = "decap-cms/dist"  # decap-cms.js and the chunks it loads on demand (*.decap-cms.js)
JS_YAML = "js-yaml/dist/js-yaml.min.js"
OUR_JS = Path(__file__).with_name("cms.js")
KK_LOCALE = Path(__file__).resolve().parents[1] / "locale" / "kk" / "decap-cms.json"
TEMPLATE = "overrides/admin/index.html"

# Collections: (name, kind, folder). Statements are Markdown with front matter, one file per
# language (`<id>.kk.md` / `<id>.ru.md`): Decap's i18n `multiple_files` shows them side by side.
COLLECTIONS = (("coalitions", "coalition", "data/coalitions"), ("members", "member", "data/members"),
               ("statements", "statement", "docs/statements"), ("events", "event", "data/events"))
assert {kind for _n, kind, folder in COLLECTIONS if folder.startswith("data/")} == set(FOLDERS.values())

# Which collection an id field points to, by the field's name.
RELATIONS = {"coalition": "coalitions", "parent": "coalitions", "event": "events",
             "signatories": "members"}
# Longer texts get a text area instead of a line.
LONG = {"summary", "text", "participants", "outcomes", "reason"}

# The words of /admin/ that Decap's own translation does not cover: words.UI's "admin.*" keys.
WORDS = {lang: {key.removeprefix("admin."): text for key, text in words.UI[lang].items() if key.startswith("admin.")}
         for lang in LANGS}
COMMIT_MESSAGES = {
    "create": "Жаңа жазба / Новая запись: {{collection}} «{{slug}}»",
    "update": "Өзгерту / Изменение: {{collection}} «{{slug}}»",
    "delete": "Жою / Удаление: {{collection}} «{{slug}}»",
    "uploadMedia": "Файл қосу / Добавление файла: {{path}}",
    "deleteMedia": "Файл жою / Удаление файла: {{path}}",
}

# The policy of /admin/ (a <meta> like every page's, csp.py): as strict as Decap allows.
POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    # Decap's bundle, its chunks, js-yaml and our script: files of the site; no inline script.
    # 'unsafe-eval': Decap checks its configuration with ajv, which compiles each JSON Schema
    # into a function (`new Function`); without it Decap refuses to start. No inline script and
    # no other host may run, so an injected <script> or handler is still blocked.
    "script-src": ["'self'", "'unsafe-eval'"],
    # Decap styles its React components with Emotion, which inserts <style> elements at run
    # time: they cannot carry a hash known in advance.
    "style-src": ["'self'", "'unsafe-inline'"],
    # The generated configuration; GitHub's API in production; decap-server on 127.0.0.1 when
    # the editor (or the test) runs it locally (Decap uses it only when served from 127.0.0.1).
    "connect-src": ["'self'", "https://api.github.com"],
    # Decap's icons are data: SVG; previews of pictures are blob: URLs; the signed-in
    # editor's avatar comes from GitHub.
    "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
    "font-src": ["'self'", "data:"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}


def policy(local_backend: str = LOCAL_BACKEND) -> str:
    directives = {k: list(v) for k, v in POLICY.items()}
    origin = "/".join(local_backend.split("/")[:3])
    directives["connect-src"].append(origin)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


# -- the form, from the schemas -------------------------------------------------------------------

def schemas(root: Path) -> dict[str, dict]:
    folder = root / "data" / "schema"
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.schema.json"))}


class Form:
    """Decap fields for one interface language, from the schemas."""

    def __init__(self, found: dict[str, dict], lang: str):
        self.common, self.lang = found["common"], lang
        self.defs, self.labels = self.common["$defs"], self.common["x-labels"]
        self.options = self.common["x-options"]

    def label(self, name: str) -> str:
        return self.labels[name][self.lang]

    def _def(self, prop: dict) -> tuple[str, dict]:
        """The shared definition a property refers to (name and schema), if any."""
        ref = prop.get("$ref", "")
        if "#/$defs/" in ref:
            name = ref.rsplit("/", 1)[1]
            return name, {**self.defs[name], **{k: v for k, v in prop.items() if k != "$ref"}}
        return "", prop

    def hint(self, name: str, prop: dict) -> dict:
        hint = self.labels[name].get(f"hint_{self.lang}") or prop.get("x-hint", {}).get(self.lang)
        return {"hint": hint} if hint else {}

    def field(self, name: str, prop: dict, required: bool) -> dict:
        kind, prop = self._def(prop)
        base = {"name": name, "label": self.label(name), "required": required,
                **self.hint(name, prop)}
        if kind == "text":
            return {**base, "widget": "object", "collapsed": False,
                    "fields": [self.line(lang, name in LONG) for lang in LANGS]}
        if kind == "texts":
            return {**base, "widget": "list", "summary": f"{{{{fields.{self.lang}}}}}",
                    "fields": [self.line(lang, name in LONG) for lang in LANGS]}
        if kind in ("source", "sources"):
            source = self.defs["source"]
            fields = [self.field(k, v, k in source["required"]) for k, v in source["properties"].items()]
            widget = "object" if kind == "source" else "list"
            return {**base, "widget": widget, "fields": fields, "collapsed": True}
        if kind == "langs":
            return {**base, "widget": "select", "multiple": True,
                    "options": [{"label": self.options[v][self.lang], "value": v} for v in prop["items"]["enum"]]}
        if name in RELATIONS and (kind == "id" or prop.get("items", {}).get("$ref", "").endswith("/id")):
            target = RELATIONS[name]
            shown = "title" if target == "events" else "name"
            base.pop("hint", None)  # the id's spelling: the editor picks, never types it
            return {**base, "widget": "relation", "collection": target, "value_field": "id",
                    "search_fields": [f"{shown}.kk", f"{shown}.ru", "id"],
                    "display_fields": [f"{shown}.{self.lang}"], "options_length": 200,
                    **({"multiple": True} if prop.get("type") == "array" else {})}
        if "enum" in prop:
            return {**base, "widget": "select",
                    "options": [{"label": self.options[v][self.lang], "value": v} for v in prop["enum"]]}
        if prop.get("type") == "boolean":
            return {**base, "widget": "boolean", "default": False}
        if prop.get("type") == "array":
            item = prop["items"]
            fields = [self.field(k, v, k in item.get("required", ())) for k, v in item["properties"].items()]
            return {**base, "widget": "list", "fields": fields, "collapsed": False,
                    **({"min": prop["minItems"]} if "minItems" in prop else {})}
        if prop.get("type") == "object":
            fields = [self.field(k, v, k in prop.get("required", ())) for k, v in prop["properties"].items()]
            return {**base, "widget": "object", "fields": fields, "collapsed": True}
        pattern = {"pattern": [prop["pattern"], self.defs[kind]["x-hint"][self.lang] if kind
                               else prop.get("x-hint", {}).get(self.lang, self.label(name))]} \
            if "pattern" in prop else {}
        return {**base, "widget": "text" if name in LONG else "string", **pattern}

    def line(self, lang: str, long: bool) -> dict:
        return {"name": lang, "label": self.label(lang), "required": False,
                "widget": "text" if long else "string"}

    def fields(self, schema: dict) -> list[dict]:
        return [self.field(k, v, k in schema.get("required", ())) for k, v in schema["properties"].items()]


def _i18n(field: dict, how) -> dict:
    """Decap accepts only `i18n: true` on an object or list: its inner fields say how."""
    if "fields" not in field:
        return {**field, "i18n": how}
    return {**field, "i18n": True, "fields": [_i18n(f, how) for f in field["fields"]]}


def _statement_fields(form: Form, schema: dict) -> list[dict]:
    """A statement's front matter in both languages side by side: its facts the same in both
    files (`validate.NEUTRAL`, copied by Decap), the rest per language; the text last."""
    fields = [{"name": "id", "label": form.label("id"), "widget": "string", "required": False,
               "i18n": "duplicate", "pattern": [form.defs["id"]["pattern"], form.defs["id"]["x-hint"][form.lang]],
               "hint": form.labels["statement_id"][f"hint_{form.lang}"]}]
    for f in form.fields(schema):
        fields.append(_i18n(f, "duplicate" if f["name"] in NEUTRAL else True))
    # Raw Markdown first: the rich-text mode rewrites Markdown (list markers, escapes), which
    # would change an adopted text's hash without anyone changing a word.
    fields.append({"name": "body", "label": form.label("body"), "widget": "markdown",
                   "modes": ["raw", "rich_text"], "i18n": True, "required": True})
    return fields


def collections(root: Path, lang: str) -> list[dict]:
    found = schemas(root)
    form = Form(found, lang)
    said = WORDS[lang]
    result = []
    for name, kind, folder in COLLECTIONS:
        schema = found[kind]
        common = {"name": name, "label": said[name], "label_singular": said[kind],
                  "folder": folder, "create": True, "delete": False, "format": f"microsite-{kind}",
                  # The site's own preview (`make serve`, the pull request's artifact) shows pages.
                  "editor": {"preview": False}}
        if kind == "statement":
            result.append({**common, "extension": "md", "slug": "{{fields.id}}",
                           "identifier_field": "title", "summary": "{{title}}",
                           "i18n": True, "fields": _statement_fields(form, schema)})
        else:
            shown = "title" if kind == "event" else "name"
            result.append({**common, "extension": "yml", "slug": "{{fields.id}}",
                           "identifier_field": "id", "summary": f"{{{{{shown}.{lang}}}}}",
                           "fields": form.fields(schema)})
    return result


def config(root: Path, lang: str, repository: str = "", branch: str = "main",
           local_backend: str = LOCAL_BACKEND, auth_url: str = "") -> dict:
    """Decap's configuration (`CMS.init`), in the interface language `lang`."""
    repo = "/".join(repository.rstrip("/").split("/")[-2:]) if repository else ""
    return {
        "load_config_file": False,
        "locale": lang,
        # Production: GitHub through an OAuth relay (CONTRIBUTING, "Signing in to /admin/").
        "backend": {"name": "github", "branch": branch, **({"repo": repo} if repo else {}),
                    **({"base_url": auth_url.rstrip("/")} if auth_url else {}),
                    "auth_scope": "public_repo", "squash_merges": True,
                    # Commits and pull requests in both languages (reviewers read them).
                    "commit_messages": COMMIT_MESSAGES},
        "local_backend": {"url": local_backend},
        # Every save is a branch and a pull request; publishing merges it (review first).
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets",
        "public_folder": "/assets",
        "i18n": {"structure": "multiple_files", "locales": list(LANGS), "default_locale": DEFAULT_LANG},
        "collections": collections(root, lang),
    }


def locked(root: Path) -> dict:
    """What the form refuses to change without a correction entry: the lock file's facts."""
    path = root / LOCK_FILE
    lock = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {sid: {"facts": {k: entry.get(k) for k in FACTS if k != "source"},
                  "texts": {lang: {"title": t["title"], "place": t["place"], "body": t["body"],
                                   "corrections": len(t["corrections"])}
                            for lang, t in entry["texts"].items()}}
            for sid, entry in lock.items()}


def settings(root: Path, lang: str, repository: str = "", branch: str = "main",
             local_backend: str = LOCAL_BACKEND, auth_url: str = "") -> dict:
    """Everything cms.js needs for one interface language."""
    found = schemas(root)
    return {"config": config(root, lang, repository, branch, local_backend, auth_url),
            "words": WORDS[lang], "locked": locked(root),
            "schema_lines": {kind: SCHEMA_LINE.format(kind=kind) for _n, kind, folder in COLLECTIONS
                             if folder.startswith("data/")},
            "phrases": json.loads(KK_LOCALE.read_text(encoding="utf-8")) if lang == "kk" else None,
            "x": {"required_texts": {kind: [k for k in found[kind].get("required", ())
                                            if found[kind]["properties"][k].get("$ref", "").endswith("/text")]
                                     for _n, kind, _f in COLLECTIONS}}}


def _bundle() -> dict[str, bytes]:
    """Decap's bundle and the chunks it loads, and js-yaml, from node_modules (`make` installs
    them from package-lock.json): no CDN at run time."""
    modules = NODE_MODULES
    decap = modules / DECAP
    if not (decap / "decap-cms.js").is_file():
        raise FileNotFoundError(f"{decap / 'decap-cms.js'} is missing: run `make site` (it runs npm ci)")
    out = {f"{ADMIN}/{p.name}": p.read_bytes() for p in sorted(decap.glob("*decap-cms.js"))}
    licence = decap / "decap-cms.js.LICENSE.txt"
    if licence.is_file():
        out[f"{ADMIN}/{licence.name}"] = licence.read_bytes()
    out[f"{ADMIN}/js-yaml.min.js"] = (modules / JS_YAML).read_bytes()
    return out


def admin_files(root: Path, repository: str = "", branch: str = "main",
                local_backend: str = LOCAL_BACKEND, langs: tuple[str, ...] = LANGS,
                auth_url: str = "") -> dict[str, bytes]:
    """Every file of /admin/: path below the built site → content."""
    env = Environment(loader=FileSystemLoader(root / Path(TEMPLATE).parent),
                      autoescape=select_autoescape(default=True))
    html = env.get_template(Path(TEMPLATE).name).render(
        policy=policy(local_backend), words=WORDS[DEFAULT_LANG], langs=[(l, words.LANG_NAMES[l]) for l in langs])
    out = {f"{ADMIN}/index.html": html.encode("utf-8"),
           f"{ADMIN}/microsite-cms.js": OUR_JS.read_bytes(),
           f"{ADMIN}/admin.css": (root / Path(TEMPLATE).parent / "admin.css").read_bytes()}
    for lang in langs:
        data = settings(root, lang, repository, branch, local_backend, auth_url)
        out[f"{ADMIN}/settings.{lang}.json"] = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return out | _bundle()
