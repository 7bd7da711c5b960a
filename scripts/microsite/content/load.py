"""Reading `data/` (YAML) and `docs/` (Markdown + front matter) into a `Site`.

Every problem in every file is collected, not just the first: an editor fixes them all in one
round. Shapes and types are checked by the JSON Schemas in `data/schema/` (`schema.py`); what
no schema can say — text hygiene, links, cross-file rules — by `hygiene.py` and `validate.py`.
Records are built only from files that passed, and `load_site` refuses to return a site while
any problem remains, so the build never publishes half the content.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..checks import files, hygiene, schema, stamp, validate
from ..content import pickled
from ..content.errors import ContentError, ContentErrors
from ..content.model import (
    Coalition,
    Contacts,
    Correction,
    Direction,
    Event,
    Figure,
    Member,
    Membership,
    Person,
    Press,
    Site,
    Source,
    Statement,
    StatementText,
    Text,
)
from ..content.yamlsrc import Document, read
from ..messages import _
from ..pages import output, paths

FOLDERS = {"coalitions": "coalition", "members": "member", "events": "event"}
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/{kind}.schema.json"
ALLOWED_WORDS = "allowed-words.yml"
CHECKED = Path(".build") / "checked"  # below the project: what `make validate` checked (Loader.save)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
STATEMENT_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.(kk|ru)\.md$")


def relpath(path: Path, root: Path) -> str:
    """The path as messages show it (one printable line, whatever the file's name holds)."""
    full, base = str(path), str(root)
    if full.startswith(base + os.sep) and base not in ("", "."):  # what relative_to gives, cheaper
        return files.shown(full[len(base) + 1:].replace(os.sep, "/"))
    try:
        return files.shown(path.relative_to(root).as_posix())
    except ValueError:
        return files.shown(path.as_posix())


def read_text(path: Path, root: Path) -> str:
    """The file as text; a file in another encoding is named, with where its first odd byte is."""
    return decode(path.read_bytes(), path, root)


def decode(raw: bytes, path: Path, root: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(relpath(path, root), _("the file is not UTF-8 ({guess}); open it and save it again "
                                                 "with the UTF-8 encoding", guess=_guess_encoding(raw)), line, column) from None


def _guess_encoding(raw: bytes):
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("it looks like UTF-16")
    letters = [c for c in bytes(b for b in raw if b >= 0x80).decode("cp1251", "replace") if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if letters and cyrillic / len(letters) > 0.5:
        return _("it looks like Windows-1251 (Cyrillic)")
    return _("its encoding is unknown")


# -- records from checked data ------------------------------------------------------------------

def _text(value: dict | None) -> Text:
    return Text(**(value or {}))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _source(v: dict) -> Source:
    return Source(title=_text(v["title"]), publisher=v.get("publisher", ""),
                  date=_date(v.get("date")), url=v.get("url", ""))


def _langs(d: dict, key: str) -> tuple[str, ...]:
    return tuple(d.get(key, ()))


def coalition(d: dict, path: str) -> Coalition:
    founded, contacts = d.get("founded", {}), dict(d.get("contacts", {}))
    press = contacts.pop("press", None)
    return Coalition(
        id=d["id"], name=_text(d["name"]), short_name=_text(d.get("short_name")),
        logo=d.get("logo", ""), accent=d.get("accent", ""), kind=d["kind"], scope=d["scope"], place=_text(d["place"]), summary=_text(d["summary"]),
        founded_date=_date(founded.get("date")), founded_place=_text(founded.get("place")),
        parent=d.get("parent", ""),
        leaders=tuple(Person(_text(p["name"]), _text(p.get("role"))) for p in d.get("leaders", ())),
        figures=tuple(Figure(f["value"], _text(f["label"])) for f in d.get("figures", ())),
        directions=tuple(Direction(_text(x["title"]), _text(x.get("text")))
                         for x in d.get("directions", ())),
        contacts=Contacts(press=Press(_text(press["name"]), press.get("phone", ""),
                                      press.get("email", "")) if press else None, **contacts),
        sources=tuple(_source(s) for s in d.get("sources", ())),
        awaiting_review=_langs(d, "awaiting_review"),
        awaiting_translation=_langs(d, "awaiting_translation"), path=path)


def member(d: dict, path: str) -> Member:
    return Member(
        id=d["id"], type=d["type"], name=_text(d["name"]), link=d.get("link", ""),
        memberships=tuple(Membership(m["coalition"], _date(m.get("joined")), _text(m.get("role")))
                          for m in d["memberships"]),
        awaiting_review=_langs(d, "awaiting_review"),
        awaiting_translation=_langs(d, "awaiting_translation"), path=path)


def event(d: dict, path: str) -> Event:
    return Event(
        id=d["id"], title=_text(d["title"]), date=_date(d["date"]), place=_text(d["place"]),
        summary=_text(d.get("summary")), coalition=d.get("coalition", ""),
        organisers=tuple(_text(t) for t in d.get("organisers", ())),
        participants=_text(d.get("participants")),
        outcomes=tuple(_text(t) for t in d.get("outcomes", ())),
        sources=tuple(_source(s) for s in d.get("sources", ())),
        awaiting_review=_langs(d, "awaiting_review"),
        awaiting_translation=_langs(d, "awaiting_translation"), path=path)


BUILDERS = {"coalition": coalition, "member": member, "event": event}


def statement_text(d: dict, body: str, lang: str, path: str) -> StatementText:
    return StatementText(
        lang=lang, title=d["title"], body=body.strip() + "\n", path=path, place=d.get("place", ""),
        translated_from=d.get("translated_from", ""), awaiting_review=d.get("awaiting_review", False),
        corrections=tuple(Correction(_date(c["date"]), c["reason"]) for c in d.get("corrections", ())))


def statement(sid: str, versions: dict[str, tuple[dict, str, str]]) -> Statement:
    d = next(iter(versions.values()))[0]
    return Statement(
        id=sid, kind=d["kind"], status=d["status"],
        texts={lang: statement_text(meta, body, lang, path)
               for lang, (meta, body, path) in sorted(versions.items())},
        coalition=d.get("coalition", ""), event=d.get("event", ""), date=_date(d.get("date")),
        adopted=_date(d.get("adopted")), withdrawn=_date(d.get("withdrawn")),
        superseded_by=d.get("superseded_by", ""), signatories=tuple(d.get("signatories", ())),
        source=_source(d["source"]) if "source" in d else None,
        awaiting_translation=tuple(sorted({lang for meta, _, _ in versions.values()
                                           for lang in meta.get("awaiting_translation", ())})))


# -- reading files ------------------------------------------------------------------------------

def strings(data: Any, where: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in parsed YAML with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*where, index))
    elif isinstance(data, str):
        yield where, data


class Reader:
    """Reads and checks files one by one, keeping every problem found and the parsed documents for
    the rules across files. Knows nothing of other files: what they hold is `Loader`'s."""

    def __init__(self, data_dir: Path, docs_dir: Path, allowed_words: frozenset[str] = frozenset(),
                 links: frozenset[str] = frozenset()):
        self.data_dir, self.docs_dir = data_dir, docs_dir
        self.project = data_dir.parent
        self.problems: list[ContentError] = []
        self.documents: dict[str, Document] = {}   # by path: YAML files and front matter
        self.kinds: dict[str, str] = {}             # what each document describes
        self.allowed_words = allowed_words
        self.links = links                          # symbolic links (files.check): never read
        self.digests: dict[str, bytes] = {}         # of each file's bytes as read
        self.plain: dict[str, bool] = {}            # files whose texts need no hygiene check

    def rel(self, path: Path) -> str:
        return relpath(path, self.project)

    def text_of(self, path: Path) -> str | None:
        rel = self.rel(path)
        if linked(rel, self.links):
            return None  # a symbolic link: already reported, never read
        try:
            big = files.too_big(path, rel)
            if big:
                raise big
            raw = path.read_bytes()
            self.digests[rel] = digest(raw)
            text = decode(raw, path, self.project)
            self.plain[rel] = hygiene.plain_source(text)
            return text
        except ContentError as err:
            self.problems.append(err)
            return None

    def parse(self, text: str, rel: str, line_offset: int = 0) -> Document | None:
        """The document with what could be read of it (its problems kept), None if nothing."""
        doc = read(text, rel, line_offset)
        self.problems += doc.problems
        for offset, message in hygiene.yaml_source_problems(text):
            row, col = hygiene.position(text, offset)
            self.problems.append(ContentError(rel, message, line_offset + row, col))
        return doc if doc.readable else None

    def check_text(self, doc_path: str, text: str, line: int, column: int, quoted: bool = False,
                   markdown: bool = False) -> None:
        """Hygiene of one text that starts at (line, column) of its file. (Links in YAML are
        checked by the schema: link fields accept https:// and http:// only.)"""
        found = hygiene.text_problems(text, self.allowed_words)
        if markdown:
            # Past the limits the converter would fail or take minutes: say so instead.
            limits = hygiene.markdown_limits(text)
            try:
                with hygiene.time_limit(hygiene.MAX_SECONDS):
                    found += limits or hygiene.markdown_problems(text)
            except RecursionError:  # a nesting the limits do not foresee
                found.append((0, _("this text is nested too deep to be read (lists, quotes or HTML "
                                   "inside each other) — flatten it")))
            except hygiene.TooSlow:  # a pattern the limits do not foresee
                found.append((0, _("this text takes more than {seconds} s to read (real texts take "
                                   "milliseconds) — look for long runs of brackets, '<', '*' or '`' "
                                   "and remove them", seconds=hygiene.MAX_SECONDS)))
        for offset, message in found:
            row, col = hygiene.position(text, offset)
            col = col + column - 1 + quoted if row == 1 else col
            self.problems.append(ContentError(doc_path, message, line + row - 1, col))

    def schema_check(self, doc: Document, kind: str) -> list[ContentError]:
        errors = schema.check(doc, kind, self.data_dir / "schema")
        self.problems += errors
        return errors

    def check_strings(self, doc: Document) -> None:
        if self.plain.get(doc.path):
            return  # most files: one look at the whole file instead of one per text
        for where, value in strings(doc.data):
            self.check_text(doc.path, value, *doc.where(where), quoted=where in doc.quoted)

    def allowed_words_file(self, path: Path) -> frozenset[str] | None:
        """data/allowed-words.yml: the words, or None when the file cannot be used."""
        text = self.text_of(path)
        doc = self.parse(text, self.rel(path)) if text is not None else None
        if doc is None:
            return None
        if not (isinstance(doc.data, list) and all(isinstance(w, str) for w in doc.data)):
            self.problems.append(ContentError(doc.path, _("this file is a list of words, one per line "
                                              "starting with '- '")))
            return None
        return frozenset(doc.data)

    def record(self, path: Path, kind: str):
        text = self.text_of(path)
        doc = self.parse(text, self.rel(path)) if text is not None else None
        if doc is None:
            return None
        self.documents[doc.path], self.kinds[doc.path] = doc, kind
        expected = SCHEMA_LINE.format(kind=kind)
        if not text.startswith(expected):
            self.problems.append(ContentError(doc.path, _("the first line must be '{expected}' (it lets "
                                              "editors check the file while typing) — add it",
                                              expected=expected)))
        if not isinstance(doc.data, dict):
            self.problems.append(ContentError(doc.path, _("the file must contain fields (key: value "
                                              "lines), starting with 'id:'")))
            return None
        errors = self.schema_check(doc, kind) + doc.problems
        self.check_strings(doc)
        if isinstance(doc.data.get("id"), str) and doc.data["id"] in paths.RESERVED_IDS:
            self.problems.append(doc.error(("id",), _("'id: {id}' is a name the site uses for its own "
                                                     "pages — choose another id (and rename the file)",
                                                     id=doc.data["id"])))
        if isinstance(doc.data.get("id"), str) and doc.data["id"] != path.stem:
            self.problems.append(doc.error(("id",), _("'id: {id}' must match the file name "
                                           "'{file}' — rename the file to {id}.yml "
                                           "or change the id", id=doc.data["id"], file=path.name)))
        return None if errors else BUILDERS[kind](doc.data, doc.path)

    def statement_file(self, path: Path) -> tuple[dict, str, str] | None:
        """One language file of a statement: (front matter, text, path), or None if it failed."""
        parsed = self.front_matter(path)
        if parsed is None:
            return None
        rel = self.rel(path)
        doc, body, body_line = parsed
        self.check_text(rel, body, body_line, 1, markdown=True)
        errors = self.schema_check(doc, "statement") + doc.problems
        self.check_strings(doc)
        return None if errors else (doc.data, body, rel)

    def front_matter(self, path: Path, kind: str = "statement",
                     text: str | None = None) -> tuple[Document, str, int] | None:
        text, rel = text if text is not None else self.text_of(path), self.rel(path)
        if text is None:
            return None
        match = FRONT_MATTER.match(text)
        if not match:
            self.problems.append(ContentError(rel, _("the file must start with front matter: a line "
                                              "'---', the fields (title:, kind:, …), then another '---'")))
            return None
        doc = self.parse(match.group(1) or "", rel, line_offset=1)
        if doc is None:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(ContentError(rel, _("the front matter between the '---' lines must "
                                              "be fields (key: value)"), 2))
            return None
        self.documents[rel], self.kinds[rel] = doc, kind
        return doc, text[match.end():], text.count("\n", 0, match.end()) + 1

    def page(self, path: Path) -> None:
        """An editor's other page: the same hygiene and active-content checks as statements, and
        its front matter (optional) checked by data/schema/page.schema.json."""
        text = self.text_of(path)
        if text is None:
            return
        body, line = text, 1
        if text.startswith("---"):
            parsed = self.front_matter(path, "page", text)
            if parsed is None:
                return
            doc, body, line = parsed
            self.schema_check(doc, "page")
            self.check_strings(doc)
        self.check_text(self.rel(path), body, line, 1, markdown=True)


def linked(rel: str, links: frozenset[str]) -> bool:
    """Whether the file is a symbolic link, or below one (files.check found them)."""
    return bool(links) and any(rel == link or rel.startswith(f"{link}/") for link in links)


def listing(folder: Path) -> list[tuple[Path, bool]]:
    """(path, whether it is a folder) of everything in `folder`, in name order: what
    `sorted(folder.glob("*"))` and `is_dir()` give, without a Path comparison and a system call
    per file."""
    try:
        with os.scandir(folder) as entries:
            return [(Path(entry.path), entry.is_dir()) for entry in sorted(entries, key=lambda e: e.name)]
    except OSError:  # no such folder: nothing in it
        return []


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


# -- what changed since the last reading ---------------------------------------------------------

# A file changed again within its timestamp's resolution (coarse clock ticks of a few ms; one or
# two seconds on some file systems) after it was read may look unchanged: same time, same size.
# Files written this close to a reading are read again next time and compared byte for byte
# (git's "racily clean" entries): parsed again only if their bytes differ.
RACY_NS = 2_000_000_000


@dataclass
class Checked:
    """One file, read and checked on its own: its problems, documents and what it gives."""
    key: tuple | None                   # (kind, mtime, size, inode, mode, under a link); None: always again
    problems: list[ContentError]
    documents: dict[str, tuple[Document, str]]  # path → (document, kind)
    outcome: Any                        # the record, statement version or allowed words; None if none
    digest: bytes | None                # of the bytes read (None: not read)
    racy: bool = False                  # written just before the reading: compare the bytes next time
    local: dict[str, tuple] = field(default_factory=dict)   # rules of each document alone (validate.local)
    mixups: dict[str, tuple[ContentError, ...]] = field(default_factory=dict)   # warnings, by document


class Loader:
    """The content read once and kept: each call reads and checks again only the files changed,
    added or removed since the previous one, then runs the rules across files on the parsed
    documents. `read` gives what `read_site` gives, `site` what `load_site` gives (or raises
    the same `ContentErrors`); a long-running preview holds one.

    A file is the same while its (modification time, size, inode, mode) are; one written within
    `RACY_NS` of a reading is compared byte for byte at the next. Every file's checks depend on
    data/allowed-words.yml and the schemas too: when either changes, every file is checked
    again. Not for several threads at once (one call at a time)."""

    def __init__(self, data_dir: Path, docs_dir: Path):
        self.data_dir, self.docs_dir = data_dir, docs_dir
        self.project = data_dir.parent
        self.files: dict[str, Checked] = {}   # by path (as messages show it)
        self.context: tuple | None = None     # allowed words and schemas the files were checked with
        self.parsed: list[str] = []           # the files read and checked by the last call
        self.reads = self.parses = 0          # files read (again) / read and checked, in all calls
        self.links: frozenset[str] = frozenset()  # symbolic links found by the last call
        self.started = 0                      # when the last call began (time.time_ns)
        self.keep_at: Path | None = None      # where each reading that checked anything saves it
        self._keeping: int | None = None      # the process saving it (`_keep`)
        self.unsaved = True                   # checks made since the last save (or `restored`)

    @classmethod
    def restored(cls, data_dir: Path, docs_dir: Path, saved: Path) -> Loader:
        """A loader holding what an earlier process checked and `save`d at `saved` (nothing if
        it is missing, damaged, or was made by other code, another Python or other folders):
        `make validate` after one edit checks that file again, not all of them."""
        loader = cls(data_dir, docs_dir)
        try:
            with saved.open("rb") as file:
                if file.readline() != loader._saved_header():
                    return loader
                files, context = pickled.loads(file.read())
        except Exception:  # noqa: BLE001 — missing or damaged only means checking everything
            return loader
        # Unpickled only after the header matched: the file is this project's own, written in
        # its build folder (git-ignored) by the code the header names (as checks/stamp.py).
        loader.files, loader.context, loader.unsaved = files, context, False
        return loader

    def _keep(self) -> None:
        """Save at `keep_at` what was checked: in a forked process while this one runs the rules
        across files (saving 12 MB at 4,000 members is 0.2 s), else here."""
        self.kept()
        if _may_fork():
            self._keeping = _in_child(lambda: self.save(self.keep_at))
        else:
            self.save(self.keep_at)

    def kept(self) -> None:
        """Wait until what the last reading checked is saved (a failed save only means checking
        everything next time: `save` writes whole or not at all)."""
        if self._keeping is not None:
            os.waitpid(self._keeping, 0)
            self._keeping = None

    def save(self, path: Path) -> None:
        """Keep what was checked for the next process (`restored`); written whole or not at all."""
        output.write_whole(path, self._saved_header() + pickled.dumps((self.files, self.context)))

    def _saved_header(self) -> bytes:
        return f"{stamp.code_digest()} {sys.version} {self.data_dir} {self.docs_dir}".encode(
            "utf-8", "surrogateescape").replace(b"\n", b" ") + b"\n"

    def site(self) -> Site:
        """The whole site, or `ContentErrors` listing every problem: never half of it."""
        site, problems = self.read()
        if problems:
            raise ContentErrors(problems)
        return site

    def read(self, warnings: list[ContentError] | None = None) -> tuple[Site, list[ContentError]]:
        """The site made of every valid record, and every problem found (in file and line order);
        what is only probably wrong (`ContentWarning`) is added to `warnings` when given."""
        self.started, self.parsed = time.time_ns(), []
        # Symbolic links are refused and never read through; docs/' pages found on the way.
        found = files.check(self.project, self.data_dir, self.docs_dir)
        self.links = frozenset(found.links)
        problems = list(found.problems)

        words = self.data_dir / ALLOWED_WORDS
        allowed, kept = frozenset(), {}
        if words.is_file():
            kept = self._current([(words, "words", lambda reader: reader.allowed_words_file(words))])
            [entry] = kept.values()
            problems += entry.problems
            allowed = entry.outcome or frozenset()
        context = (allowed, self._schemas())
        if context != self.context:
            if self.context is not None and context[1] != self.context[1]:
                schema.forget()  # the schemas themselves changed
            self.files = {rel: entry for rel, entry in self.files.items() if entry.key and entry.key[0] == "words"}
            self.context = context

        # The folders listed, in reading order: problems of names, and the files to read.
        order: list[ContentError | tuple[Path, str, Any]] = []
        stems: dict[str, set[str]] = {}   # ids of every file found, valid or not
        for folder, kind in FOLDERS.items():
            stems[kind] = set()
            for path, is_dir in listing(self.data_dir / folder):
                if is_dir or path.suffix != ".yml":
                    order.append(ContentError(self._rel(path), _(
                        "only <id>.yml files are read in data/{folder}/ — rename it to {stem}.yml, or "
                        "move it elsewhere", folder=folder, stem=path.stem)))
                    continue
                stems[kind].add(path.stem)
                order.append((path, kind, lambda reader, path=path, kind=kind: reader.record(path, kind)))
        stems["statement"] = set()
        for path, is_dir in listing(self.docs_dir / "statements"):
            rel = self._rel(path)
            name = STATEMENT_FILE.match(path.name)
            if is_dir or rel in self.links or not path.name.endswith(".md"):
                continue  # pictures beside statements are docs/' files; links are refused
            if not name:
                order.append(ContentError(rel, _("a statement file is named <id>.kk.md or "
                                                 "<id>.ru.md (lowercase Latin id) — rename it")))
                continue
            sid, lang = name.groups()
            if sid in paths.RESERVED_IDS:
                order.append(ContentError(rel, _("'{id}' is a name the site uses for its own "
                                                 "pages (the list of statements) — give the statement "
                                                 "its own id: rename the file, e.g. to "
                                                 "my-statement.{lang}.md", id=sid, lang=lang)))
                continue
            stems["statement"].add(sid)
            order.append((path, "statement", lambda reader, path=path: reader.statement_file(path)))
        for path in found.pages.values():
            order.append((path, "page", lambda reader, path=path: reader.page(path)))

        with pickled.collector_paused():  # the documents read so far are no garbage
            current = self._current([item for item in order if isinstance(item, tuple)])
        entries = iter(current.values())
        documents, kinds, local, mixups = {}, {}, {}, {}
        records: dict[str, dict] = {kind: {} for kind in FOLDERS.values()}
        grouped: dict[str, dict[str, tuple[dict, str, str]]] = {}
        failed: set[str] = set()
        for item in order:
            if isinstance(item, ContentError):
                problems.append(item)
                continue
            path, kind, _check = item
            entry = next(entries)
            problems += entry.problems
            for rel, (doc, doc_kind) in entry.documents.items():
                documents[rel], kinds[rel] = doc, doc_kind
            local.update(entry.local)
            mixups.update(entry.mixups)
            if kind in records and entry.outcome is not None:
                records[kind][entry.outcome.id] = entry.outcome
            elif kind == "statement":
                sid, lang = STATEMENT_FILE.match(path.name).groups()
                if entry.outcome is None:
                    failed.add(sid)
                else:
                    grouped.setdefault(sid, {})[lang] = entry.outcome
        gone = set(self.files) - current.keys() - kept.keys()
        for rel in gone:  # deleted, renamed, or no longer read
            del self.files[rel]
        self.unsaved |= bool(self.parsed or gone)
        if self.keep_at is not None and self.unsaved:
            self._keep()  # beside the rules across files, which need not wait for it
            self.unsaved = False

        site = Site(coalitions=records["coalition"], members=records["member"], events=records["event"],
                    statements={sid: statement(sid, versions) for sid, versions in grouped.items()
                                if sid not in failed})
        problems += validate.rules(site, documents, kinds, stems, local)
        if warnings is not None:
            warnings += sorted((w for rel in documents for w in mixups[rel]), key=lambda p: (p.path, p.line, p.column))
        unique = {(p.path, p.line, p.column, p.message): p for p in problems}
        return site, sorted(unique.values(), key=lambda p: (p.path, p.line, p.column))

    def _rel(self, path: Path) -> str:
        return relpath(path, self.project)

    def _schemas(self) -> tuple:
        found = []
        for path in sorted((self.data_dir / "schema").glob("*.schema.json")):
            st = path.stat()
            found.append((path.name, st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(found)

    def _current(self, items: list[tuple[Path, str, Any]]) -> dict[str, Checked]:
        """Each file's checks (path, kind, the Reader method checking it) by path, in the order
        given: kept from an earlier call if the file is the same, else done now; many files are
        checked by two processes."""
        rels = [self._rel(path) for path, _kind, _check in items]
        done: dict[str, Checked] = {}
        stale: list[tuple[str, Path, str, Any, tuple | None]] = []
        for rel, (path, kind, check) in zip(rels, items):
            try:
                st = os.lstat(path)
                key = (kind, st.st_mtime_ns, st.st_size, st.st_ino, st.st_mode, linked(rel, self.links))
            except OSError:
                key = None
            entry = self.files.get(rel)
            if entry is not None and key is not None and entry.key == key and self._same(entry, path, key):
                done[rel] = entry
            else:
                stale.append((rel, path, kind, check, key))
        for rel, entry in self._check(stale):
            done[rel] = self.files[rel] = entry
            self.parses += 1
            self.reads += 1
            self.parsed.append(rel)
        return {rel: done[rel] for rel in rels}

    def _same(self, entry: Checked, path: Path, key: tuple) -> bool:
        """Whether a file with an unchanged key is the same; one written just before it was read
        may have changed again within its clock tick: its bytes are compared."""
        if not entry.racy:
            return True
        if entry.digest is None:
            return False
        self.reads += 1
        try:
            same = digest(path.read_bytes()) == entry.digest
        except OSError:
            return False
        entry.racy = same and key[1] >= self.started - RACY_NS
        return same

    def _check(self, stale: list) -> list[tuple[str, Checked]]:
        """Read and check the stale files: many of them (a first reading) in two processes, the
        rest here, when this process may fork (2 cores, no other thread)."""
        share = len(stale) * CHILD_SHARE // 100 if len(stale) >= PARALLEL_FROM and _may_fork() else 0
        if not share:
            return [(item[0], self._check_one(*item[1:])) for item in stale]
        reading, writing = os.pipe()

        def theirs_into_pipe():  # in the child: its share, pickled into the pipe
            os.close(reading)
            data = pickled.dumps([(item[0], self._check_one(*item[1:])) for item in stale[:share]])
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(data)

        pid = _in_child(theirs_into_pipe)
        os.close(writing)
        mine = [(item[0], self._check_one(*item[1:])) for item in stale[share:]]
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        theirs = pickled.loads(data) if status == 0 else None
        if theirs is None:  # the child failed: its share is done here, as it would have been
            theirs = [(item[0], self._check_one(*item[1:])) for item in stale[:share]]
        return theirs + mine

    def _check_one(self, path: Path, kind: str, check, key: tuple | None) -> Checked:
        reader = Reader(self.data_dir, self.docs_dir, self.context[0] if self.context and kind != "words"
                        else frozenset(), self.links)
        outcome = check(reader)
        rel = self._rel(path)
        return Checked(key, reader.problems, {p: (d, reader.kinds[p]) for p, d in reader.documents.items()},
                       outcome, reader.digests.get(rel),
                       racy=key is not None and key[1] >= self.started - RACY_NS,
                       local={p: validate.local(d) for p, d in reader.documents.items()},
                       mixups={p: tuple(validate.mixups_in(d, reader.allowed_words))
                               for p, d in reader.documents.items()})


# A first reading of many files is shared with a second process (os.fork: the checks are CPU
# work in Python, one core each); the child's results come back pickled (with the collector
# paused that is cheap): half each was fastest at 40 / 4,000 / 400 (1.30–1.39 s against
# 1.42 s for 55%, 1.51–1.55 s for 60%).
PARALLEL_FROM = 400
CHILD_SHARE = 50


def _in_child(work) -> int:
    """Fork: the child does `work` and is gone (status 0 if it was done, 1 if not, never
    returning into the parent's code); the parent gets the child's pid."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    return pid


def _may_fork() -> bool:
    """Forking is safe only with this one thread (a preview's server threads may hold locks)."""
    return (hasattr(os, "fork") and threading.active_count() == 1
            and len(os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else ()) >= 2)


def read_site(data_dir: Path, docs_dir: Path,
              warnings: list[ContentError] | None = None) -> tuple[Site, list[ContentError]]:
    """The site made of every valid record, and every problem found (in file and line order);
    what is only probably wrong (`ContentWarning`) is added to `warnings` when given."""
    return Loader(data_dir, docs_dir).read(warnings)


def load_site(data_dir: Path, docs_dir: Path) -> Site:
    """The whole site, or `ContentErrors` listing every problem: never half of it."""
    return Loader(data_dir, docs_dir).site()
