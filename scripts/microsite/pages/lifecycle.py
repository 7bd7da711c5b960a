"""A statement's life: draft → review → adopted → withdrawn or superseded.

The public site shows adopted statements and, with a notice, withdrawn and superseded ones (a
statement once adopted stays on record). Drafts and statements under review exist only in the
preview (`make serve`, the pull request's preview artifact), under a banner saying so.
"""
from __future__ import annotations

import dataclasses

from ..content.model import (
    PREVIEW_ONLY,
    PUBLISHED_STATUSES,
    Site,
    Statement,
    StatementText,
)
from . import (  # render imports this module too: used at call time only
    paths,
    render,
    words,
)

WORDS = {
    "kk": {
        "draft": "Жоба. Бұл мәлімдеме әлі қабылданбаған: ол тек алдын ала қарауда көрінеді, жария сайтта жоқ.",
        "review": "Талқылауда. Бұл мәлімдеме әлі қабылданбаған: ол тек алдын ала қарауда көрінеді, жария сайтта жоқ.",
        "withdrawn": "Бұл мәлімдеме кері қайтарылды",
        "superseded": "Бұл мәлімдеменің орнына жаңасы қабылданды",
        "successor": "Жаңа мәтін",
        "correction": "Түзету",
        "badge.draft": "жоба",
        "badge.review": "талқылауда",
        "badge.withdrawn": "кері қайтарылды",
        "badge.superseded": "ауыстырылды",
    },
    "ru": {
        "draft": "Проект. Это заявление ещё не принято: оно видно только в предварительном просмотре, на публичном сайте его нет.",
        "review": "На обсуждении. Это заявление ещё не принято: оно видно только в предварительном просмотре, на публичном сайте его нет.",
        "withdrawn": "Это заявление отозвано",
        "superseded": "Это заявление заменено новым",
        "successor": "Новый текст",
        "correction": "Исправление",
        "badge.draft": "проект",
        "badge.review": "на обсуждении",
        "badge.withdrawn": "отозвано",
        "badge.superseded": "заменено",
    },
}


def published(site: Site, preview: bool) -> Site:
    """The site to build: without drafts and statements under review, unless previewing."""
    if preview:
        return site
    kept = {sid: s for sid, s in site.statements.items() if s.status in PUBLISHED_STATUSES}
    return dataclasses.replace(site, statements=kept)


def notice(site: Site, s: Statement, page: str, lang: str) -> str:
    """The banner above a statement that is not (or no longer) simply adopted."""
    said = WORDS[lang]
    if s.status in PREVIEW_ONLY:
        return f'!!! danger ""\n\n    **{said[s.status]}**\n\n'
    if s.status == "withdrawn":
        when = f" ({words.date(s.withdrawn, lang)})" if s.withdrawn else ""
        return f'!!! warning ""\n\n    **{said["withdrawn"]}{when}.**\n\n'
    if s.status == "superseded":
        text = f"**{said['superseded']}.**"
        successor = site.statements.get(s.superseded_by)
        if successor is not None:  # a successor still in draft is not linked from the public site
            title = successor.text_for(lang).title
            link = paths.link(page, paths.statement_page(successor.id))
            text += f" {said['successor']}: [{render.esc(title)}]({link})"
        return f'!!! warning ""\n\n    {text}\n\n'
    return ""


def badge(s: Statement, lang: str) -> str:
    """A word after a title in lists: draft, under review, withdrawn, superseded."""
    word = WORDS[lang].get(f"badge.{s.status}")
    return f" <small>({word})</small>" if word else ""


def corrections(text: StatementText, lang: str) -> str:
    """«Түзету: date — reason» under an adopted text, one line per correction, oldest first."""
    if not text.corrections:
        return ""
    said = WORDS[lang]
    lines = "".join(f"- {said['correction']}: {words.date(c.date, lang)} — {render.esc(c.reason)}\n"
                     for c in sorted(text.corrections, key=lambda c: c.date))
    return f'\n<div class="ms-corrections" markdown>\n\n{lines}\n</div>\n'
