"""A "Join the declaration" issue (.github/ISSUE_TEMPLATE/join.yml) → data/members/<id>.yml.

GitHub renders an issue form as `### <label>` headings, each followed by the answer
(`_No response_` when empty, `- [X] <option>` for a ticked box). The body is untrusted text
written by anyone, and editable after the form: it is read strictly — exactly the form's
headings, once each and in order — and every answer is checked before anything is written. The
member file is then loaded with the content layer's own loader, so what reaches the pull request
is a file the site accepts. A request that cannot become a member file gets a refusal in Kazakh
and Russian (the applicant reads it as an issue comment), never a partial file.

Run by .github/workflows/join.yml:
    python -m microsite.tools.joinform --issue N --joined YYYY-MM-DD --out DIR   (body in $ISSUE_BODY)
Exit 0: the member file is written and DIR holds title.txt, body.md, commit.txt for the PR.
Exit 1: DIR/refusal.md says why, in both languages.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..checks import schema
from ..checks.hygiene import INVISIBLE
from ..checks.validate import listed_member
from ..content.errors import ContentError, ContentErrors
from ..content.load import read_site
from ..content.model import Site
from ..messages import texts
from ..pages.paths import RESERVED_IDS
from ..tools import new

ROOT = Path(__file__).resolve().parents[3]
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "join.yml"
NO_RESPONSE = "_No response_"
MAX_NAME = 200
MAX_LINK = 300
# Characters no organisation's or person's name needs, which Markdown or HTML would read as
# markup. (The site escapes names anyway; refusing them keeps review simple.)
MARKUP = set("<>[]{}`\\|")


class Refusal(Exception):
    """Why a request cannot become a member file: one line in Kazakh, one in Russian."""

    def __init__(self, kk: str, ru: str):
        self.kk, self.ru = kk, ru
        super().__init__(f"{kk} / {ru}")


@dataclass(frozen=True)
class Request:
    coalition: str
    type: str
    name_kk: str
    name_ru: str
    link: str
    contact: str


# -- the form ---------------------------------------------------------------------------------

def form_fields(form_path: Path = FORM) -> list[dict]:
    """The form's answerable fields in order: id, label, type, options, required."""
    form = yaml.safe_load(form_path.read_text(encoding="utf-8"))
    return [{"id": f["id"], "type": f["type"], "label": f["attributes"]["label"],
             "options": [o["label"] if isinstance(o, dict) else o
                         for o in f["attributes"].get("options", [])],
             "required": f.get("validations", {}).get("required", False)}
            for f in form["body"] if f["type"] != "markdown"]


def coalitions_in_form(form_path: Path = FORM) -> frozenset[str]:
    """The coalitions a reader can join through the form (none when the form is absent)."""
    if not form_path.is_file():
        return frozenset()
    field = next((f for f in form_fields(form_path) if f["id"] == "coalition"), None)
    return frozenset(option_id(o) for o in field["options"]) if field else frozenset()


def option_id(option: str) -> str:
    """'Саяси партия / Политическая партия (political-party)' → 'political-party'."""
    match = re.search(r"\(([a-z0-9-]+)\)\s*$", option)
    return match.group(1) if match else ""


def sections(body: str, fields: list[dict]) -> dict[str, str]:
    """{field id: raw answer} from the rendered issue body, refusing anything else."""
    labels = [f["label"] for f in fields]
    parts = re.split(r"^### +(.*?)[ \t]*$", body.replace("\r\n", "\n"), flags=re.M)
    found = parts[1::2]
    if parts[0].strip() or found != labels:
        raise Refusal("Өтінім формаға сәйкес емес: жаңа өтінімді «Декларацияға қосылу» формасы арқылы ашыңыз.",
                      "Заявка не соответствует форме: откройте новую заявку через форму «Присоединиться к декларации».")
    return {f["id"]: value.strip() for f, value in zip(fields, parts[2::2])}


# -- answers ----------------------------------------------------------------------------------

_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}  # controls, bidi marks, unassigned


def _single_line(value: str, label_kk: str, label_ru: str, limit: int) -> str:
    value = "" if value == NO_RESPONSE else value
    if "\n" in value:
        raise Refusal(f"«{label_kk}» бір жолда жазылуы керек.", f"«{label_ru}» должно быть в одну строку.")
    if any(unicodedata.category(ch) in _INVISIBLE for ch in value) or INVISIBLE.search(value):
        raise Refusal(f"«{label_kk}» ішінде көрінбейтін басқару таңбалары бар — оларды өшіріңіз.",
                      f"В поле «{label_ru}» есть невидимые управляющие символы — удалите их.")
    value = " ".join(value.split())
    if len(value) > limit:
        raise Refusal(f"«{label_kk}» тым ұзын ({len(value)} таңба, ең көбі {limit}).",
                      f"Поле «{label_ru}» слишком длинное ({len(value)} символов, не больше {limit}).")
    return value


def _name(value: str, lang_kk: str, lang_ru: str) -> str:
    name = _single_line(value, f"Атауы {lang_kk}", f"Название на {lang_ru}", MAX_NAME)
    if not any(ch.isalpha() for ch in name):
        raise Refusal(f"Атауы {lang_kk} жазылмаған.", f"Не указано название на {lang_ru}.")
    if MARKUP & set(name):
        shown = " ".join(sorted(MARKUP & set(name)))
        raise Refusal(f"Атауда рұқсат етілмеген таңбалар бар: {shown}",
                      f"В названии есть недопустимые символы: {shown}")
    return name


def _link(value: str) -> str:
    link = _single_line(value, "Сілтеме", "Ссылка", MAX_LINK)
    if link and not schema.web_link(link):  # validation's own rule, refused before a file is made
        raise Refusal("Сілтеме https:// деп басталатын сайт мекенжайы болуы керек.",
                      "Ссылка должна быть адресом сайта, начинающимся с https://.")
    return link


def _choice(value: str, field: dict, kk: str, ru: str) -> str:
    if value in ("", NO_RESPONSE):
        return ""
    if value not in field["options"]:
        raise Refusal(f"«{kk}» формадағы нұсқалардың бірі болуы керек.",
                      f"«{ru}» должно быть одним из вариантов формы.")
    return option_id(value)


def parse(body: str, fields: list[dict] | None = None) -> Request:
    """The request in an issue body, or a `Refusal` saying what to fix."""
    fields = fields or form_fields()
    by_id = {f["id"]: f for f in fields}
    raw = sections(body, fields)
    coalition = _choice(raw["coalition"], by_id["coalition"], "Коалиция", "Коалиция")
    who = _choice(raw["who"], by_id["who"], "Кім қосылады?", "Кто присоединяется?")
    kind = _choice(raw["type"], by_id["type"], "Ұйымның түрі", "Тип организации")
    if not coalition or not who:
        raise Refusal("Коалиция мен қосылушыны таңдаңыз.", "Выберите коалицию и кто присоединяется.")
    if who == "person":
        kind = "individual"
    elif not kind:
        raise Refusal("Ұйымның түрін таңдаңыз.", "Выберите тип организации.")
    consent = by_id["consent"]["options"][0]
    if not re.fullmatch(r"- \[[xX]\] " + re.escape(consent), raw["consent"]):
        raise Refusal("Жариялауға келісім берілмеген: онсыз сайтқа қоса алмаймыз.",
                      "Не дано согласие на публикацию: без него мы не можем добавить вас на сайт.")
    contact = _single_line(raw["contact"], "Байланыс", "Контакт", MAX_LINK)
    if not contact:
        raise Refusal("Тексеруге арналған байланыс жазылмаған.", "Не указан контакт для проверки.")
    return Request(coalition=coalition, type=kind, name_kk=_name(raw["name_kk"], "қазақша", "казахском"),
                   name_ru=_name(raw["name_ru"], "орысша", "русском"), link=_link(raw["link"]),
                   contact=contact)


# -- against the existing members -------------------------------------------------------------

def member_id(request: Request, site: Site, issue: int) -> str:
    base = new.slug(request.name_ru) or new.slug(request.name_kk) or f"member-{issue}"
    candidate, n = base, 2
    while candidate in site.members or candidate in RESERVED_IDS:  # `index` is the site's own
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# -- the member file --------------------------------------------------------------------------

def member_file(request: Request, mid: str, joined: dt.date, issue: int) -> tuple[str, str]:
    """(relative path, text) of the file `make new member` would write, noting the issue it came from."""
    values = {"id": mid, "type": request.type, "name_kk": request.name_kk, "name_ru": request.name_ru,
              "link": request.link, "coalition": request.coalition, "joined": joined.isoformat()}
    [(rel, text)] = new.render("member", values, note=f"Joined through the form: issue #{issue}").items()
    return rel, text


def _loader_problems(root: Path, rel: str, text: str) -> list[ContentError]:
    """What the content layer's own validation says of the new file, beside all the others."""
    with tempfile.TemporaryDirectory() as tmp:
        for folder in ("data", "docs"):
            shutil.copytree(root / folder, Path(tmp) / folder, symlinks=True)
        (Path(tmp) / rel).write_text(text, encoding="utf-8")
        _, problems = read_site(Path(tmp) / "data", Path(tmp) / "docs")
    return problems


def build(body: str, root: Path, issue: int, joined: dt.date) -> tuple[str, str]:
    """(relative path, YAML) of the new member file, or a `Refusal`; `ContentErrors` when the
    repository's own content is broken (not the applicant's doing)."""
    request = parse(body)
    site, problems = read_site(root / "data", root / "docs")
    if problems:
        raise ContentErrors(problems)
    if request.coalition not in site.coalitions:
        raise Refusal("Бұл коалиция сайтта жоқ.", "Этой коалиции нет на сайте.")
    # Validation's own test of "the same organisation": name, look-alike of it, or link.
    existing = listed_member(site, (request.name_kk, request.name_ru), request.link)
    if existing is not None:
        raise Refusal(f"Бұл қатысушы тізімде бар ({existing.path}).",
                      f"Этот участник уже есть в списке ({existing.path}).")
    mid = member_id(request, site, issue)
    rel, text = member_file(request, mid, joined, issue)
    # The site's own checks (placeholder names, mixed scripts…): what they refuse never reaches a PR.
    found = _loader_problems(root, rel, text)
    if found:
        said = {lang: "; ".join(texts(p.message, (lang,))[0] for p in found) for lang in ("kk", "ru")}
        raise Refusal(f"Өтінімді тексеру қатесі: {said['kk']}", f"Заявка не прошла проверку: {said['ru']}")
    return rel, text


def pr_texts(rel: str, text: str, issue: int) -> dict[str, str]:
    """Title, body and commit message: the member file shown as code, so names stay text."""
    mid = Path(rel).stem
    return {
        "title.txt": f"Қосылу / Присоединение: {mid} (#{issue})\n",
        "commit.txt": f"Add member {mid} from the join request #{issue}\n",
        "body.md": (f"Closes #{issue}\n\nA new member from the join form (the contact for verification "
                    f"is in the issue, not in this file):\n\n```yaml\n# {rel}\n{text}```\n"),
    }


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--issue", type=int, required=True)
    args.add_argument("--joined", type=dt.date.fromisoformat, required=True,
                      help="the date the request was approved")
    args.add_argument("--out", type=Path, required=True, help="folder for the PR texts or the refusal")
    args.add_argument("--root", type=Path, default=Path.cwd())
    opts = args.parse_args(argv)
    opts.out.mkdir(parents=True, exist_ok=True)
    try:
        rel, text = build(os.environ.get("ISSUE_BODY", ""), opts.root, opts.issue, opts.joined)
    except Refusal as refusal:
        (opts.out / "refusal.md").write_text(
            f"**Қазақша.** {refusal.kk}\n\n**Русский.** {refusal.ru}\n", encoding="utf-8")
        print(f"refused: {refusal}", file=sys.stderr)
        return 1
    except ContentErrors as err:  # the repository's own content is broken: not the applicant's fault
        print(err, file=sys.stderr)
        return 2
    (opts.root / rel).write_text(text, encoding="utf-8")
    for name, content in pr_texts(rel, text, opts.issue).items():
        (opts.out / name).write_text(content, encoding="utf-8")
    print(rel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
