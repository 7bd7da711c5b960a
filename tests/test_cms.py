"""/admin/'s configuration is generated from the schemas: every schema field is a form field with
the schema's required fields, options and patterns; labels in Kazakh and Russian; the Kazakh
interface translates every string Decap defines; the page's policy and files."""
from __future__ import annotations

import html as html_module
import json
import re
import subprocess

import pytest
from conftest import ROOT
from microsite.content.model import LANGS
from microsite.pages import cms

SCHEMAS = cms.schemas(ROOT)
KINDS = {name: kind for name, kind, _folder in cms.COLLECTIONS}
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def resolve(prop: dict) -> dict:
    ref = prop.get("$ref", "")
    if "#/$defs/" in ref:
        return {**SCHEMAS["common"]["$defs"][ref.rsplit("/", 1)[1]], **prop}
    return prop


def walk(schema: dict, fields: list[dict], where: str):
    """Pairs (path, schema property, form field): fails on a property the form lacks."""
    by_name = {f["name"]: f for f in fields}
    for name, prop in schema.get("properties", {}).items():
        assert name in by_name, f"{where}.{name} is in the schema but not in the form"
        field, prop = by_name[name], resolve(prop)
        yield f"{where}.{name}", prop, field
        inner = prop.get("items", prop)
        inner = resolve(inner) if isinstance(inner, dict) else {}
        if "properties" in inner and "fields" in field:
            yield from walk(inner, field["fields"], f"{where}.{name}")


@pytest.fixture(scope="module", params=LANGS)
def config(request):
    return cms.config(ROOT, request.param)


def test_every_schema_field_is_in_the_form_with_its_rules(config):
    checked = 0
    for collection in config["collections"]:
        schema = SCHEMAS[KINDS[collection["name"]]]
        required = set(schema["required"])
        for path, prop, field in walk(schema, collection["fields"], collection["name"]):
            checked += 1
            top = path.count(".") == 1
            if top:
                assert field["required"] == (field["name"] in required), path
            if "enum" in prop:
                assert [o["value"] for o in field["options"]] == prop["enum"], path
            if "pattern" in prop and field["widget"] in ("string", "text"):
                assert field["pattern"][0] == prop["pattern"], path
            if prop.get("minItems"):
                assert field["min"] == prop["minItems"], path
    assert checked > 100


def test_a_field_missing_from_the_form_fails_the_check():
    schema = {**SCHEMAS["member"], "properties": {**SCHEMAS["member"]["properties"],
                                                  "motto": {"$ref": "common.schema.json#/$defs/text"}}}
    fields = cms.config(ROOT, "kk")["collections"][1]["fields"]
    with pytest.raises(AssertionError, match="member.motto is in the schema but not in the form"):
        list(walk(schema, fields, "member"))


def test_relations_memberships_and_signatories():
    fields = {c["name"]: {f["name"]: f for f in c["fields"]} for c in cms.config(ROOT, "kk")["collections"]}
    coalition = {f["name"]: f for f in fields["members"]["memberships"]["fields"]}["coalition"]
    assert (coalition["widget"], coalition["collection"], coalition["value_field"]) == ("relation", "coalitions", "id")
    signatories = fields["statements"]["signatories"]
    assert (signatories["widget"], signatories["collection"], signatories.get("multiple")) == ("relation", "members", True)


def test_statements_side_by_side_facts_shared_texts_per_language():
    config = cms.config(ROOT, "kk")
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["kk", "ru"], "default_locale": "kk"}
    assert config["publish_mode"] == "editorial_workflow"
    statements = {f["name"]: f for f in config["collections"][2]["fields"]}
    for name in ("kind", "status", "coalition", "date", "adopted", "signatories"):
        assert statements[name]["i18n"] == "duplicate", name
    for name in ("title", "place", "body", "corrections"):
        assert statements[name]["i18n"] is True, name
    assert statements["body"]["modes"][0] == "raw"


@pytest.mark.parametrize("lang", LANGS)
def test_labels_hints_and_options_are_in_the_interface_language(lang):
    text = json.dumps(cms.config(ROOT, lang)["collections"], ensure_ascii=False)
    labels = re.findall(r'"(?:label|label_singular|hint)": "([^"]*)"', text)
    assert labels and all(CYRILLIC.search(label) for label in labels), \
        [label for label in labels if not CYRILLIC.search(label)]
    other = "ru" if lang == "kk" else "kk"
    assert cms.WORDS[lang]["members"] in text and cms.WORDS[other]["members"] not in text


def test_every_label_and_option_has_both_languages():
    common = SCHEMAS["common"]
    for table in ("x-labels", "x-options"):
        for key, words in common[table].items():
            assert CYRILLIC.search(words["kk"]) and CYRILLIC.search(words["ru"]), (table, key)


def decap_english() -> dict:
    """The English strings of the installed Decap (its locales package is ES modules)."""
    module = ROOT / "node_modules" / "decap-cms-locales" / "dist" / "esm" / "en" / "index.js"
    out = subprocess.run(["node", "--input-type=module", "-e",
                          f"import en from {json.dumps(str(module))}; console.log(JSON.stringify(en))"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def keys(tree: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in tree.items():
        out.update(keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key: value})
    return out


def test_the_kazakh_interface_translates_every_decap_string():
    english = keys(decap_english())
    kazakh = keys(json.loads(cms.KK_LOCALE.read_text(encoding="utf-8")))
    assert kazakh.keys() == english.keys()
    for key, text in kazakh.items():
        # The same placeholders (their order follows Kazakh word order).
        assert sorted(set(re.findall(r"%\{\w+\}", text))) == sorted(set(re.findall(r"%\{\w+\}", english[key]))), key
        words = re.sub(r"%\{\w+\}|GitHub|GitLab|Gitea|Forgejo|Bitbucket|Azure|Netlify Identity|Git Gateway|"
                       r"git-gateway|Identity|config\.yml|Markdown|Ctrl\+Enter|D MMMM|[^A-Za-z]", " ", text).split()
        assert not words, (key, words)  # no English left
        # Every string with words has Kazakh ones (a date pattern and a name excepted).
        bare = re.sub(r"%\{\w+\}", "", text)
        assert CYRILLIC.search(text) or bare in ("D MMMM", "Markdown") or not re.search(r"\w", bare), key


def test_the_page_policy_is_strict_and_offline():
    page = cms.admin_files(ROOT, local_backend="http://127.0.0.1:9999/api/v1")
    html = page["admin/index.html"].decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(d.strip().split(" ", 1) for d in html_module.unescape(policy).split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # no inline script, no other host
    assert directives["connect-src"] == "'self' https://api.github.com http://127.0.0.1:9999"
    assert "<script>" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"""(?:src|href)="(?:https?:)?//""", html)  # nothing from a CDN


def test_the_admin_files_are_the_bundle_and_generated_settings():
    files = cms.admin_files(ROOT)
    assert {"admin/index.html", "admin/decap-cms.js", "admin/js-yaml.min.js", "admin/microsite-cms.js",
            "admin/settings.kk.json", "admin/settings.ru.json", "admin/admin.css"} <= files.keys()
    assert not any(name.endswith(".map") for name in files)
    chunks = [n for n in files if re.fullmatch(r"admin/\d+\.decap-cms\.js", n)]
    assert chunks  # loaded on demand from the same folder
    kk = json.loads(files["admin/settings.kk.json"])
    ru = json.loads(files["admin/settings.ru.json"])
    assert kk["phrases"]["auth"]["login"] == "Кіру" and ru["phrases"] is None  # Decap ships Russian
    assert kk["config"]["locale"] == "kk" and ru["config"]["locale"] == "ru"


def test_adopted_statements_are_locked_in_the_form():
    lock = json.loads((ROOT / "statements.lock.json").read_text(encoding="utf-8"))
    locked = cms.locked(ROOT)
    assert locked.keys() == lock.keys()
    sid = next(iter(lock))
    for lang, text in lock[sid]["texts"].items():
        assert locked[sid]["texts"][lang]["body"] == text["body"]
        assert locked[sid]["texts"][lang]["corrections"] == len(text["corrections"])


def test_production_signs_in_through_github_and_the_relay():
    backend = cms.config(ROOT, "kk", "https://github.com/example/microsite", "main",
                         auth_url="https://auth.example.org/")["backend"]
    assert backend["name"] == "github" and backend["repo"] == "example/microsite"
    assert backend["base_url"] == "https://auth.example.org" and backend["branch"] == "main"


def test_no_page_or_picture_can_take_the_place_of_admin(tmp_path):
    from conftest import copy_project
    from microsite.content.load import read_site
    project = copy_project(tmp_path)
    (project / "docs" / "admin.kk.md").write_text("---\ntitle: x\n---\n\nМәтін.\n", encoding="utf-8")
    (project / "docs" / "admin").mkdir()
    (project / "docs" / "admin" / "decap.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    _site, problems = read_site(project / "data", project / "docs")
    assert {p.path for p in problems} >= {"docs/admin.kk.md", "docs/admin/decap.png"}, problems
