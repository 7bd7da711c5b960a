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
from . import paths, words
from .markup import esc


def published(site: Site, preview: bool) -> Site:
    """The site to build: without drafts and statements under review, unless previewing."""
    if preview:
        return site
    kept = {sid: s for sid, s in site.statements.items() if s.status in PUBLISHED_STATUSES}
    return dataclasses.replace(site, statements=kept)


def notice(site: Site, s: Statement, page: str, lang: str) -> str:
    """The banner above a statement that is not (or no longer) simply adopted."""
    if s.status in PREVIEW_ONLY:
        return f'!!! danger ""\n\n    **{words.t(lang, "lifecycle." + s.status)}**\n\n'
    if s.status == "withdrawn":
        when = f" ({words.date(s.withdrawn, lang)})" if s.withdrawn else ""
        return f'!!! warning ""\n\n    **{words.t(lang, "lifecycle.withdrawn")}{when}.**\n\n'
    if s.status == "superseded":
        text = f"**{words.t(lang, 'lifecycle.superseded')}.**"
        successor = site.statements.get(s.superseded_by)
        if successor is not None:  # a successor still in draft is not linked from the public site
            title = successor.text_for(lang).title
            link = paths.link(page, paths.statement_page(successor.id))
            text += f" {words.t(lang, 'lifecycle.successor')}: [{esc(title)}]({link})"
        return f'!!! warning ""\n\n    {text}\n\n'
    return ""


def badge(s: Statement, lang: str) -> str:
    """A word after a title in lists: draft, under review, withdrawn, superseded."""
    word = words.UI[lang].get(f"lifecycle.badge.{s.status}")
    return f" <small>({word})</small>" if word else ""


def corrections(text: StatementText, lang: str) -> str:
    """«Түзету: date — reason» under an adopted text, one line per correction, oldest first."""
    if not text.corrections:
        return ""
    word = words.t(lang, "lifecycle.correction")
    lines = "".join(f"- {word}: {words.date(c.date, lang)} — {esc(c.reason)}\n"
                    for c in sorted(text.corrections, key=lambda c: c.date))
    return f'\n<div class="ms-corrections" markdown>\n\n{lines}\n</div>\n'
