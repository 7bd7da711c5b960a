"""The first content keeps the seeds' words: every paragraph of an original-language statement
stands verbatim in its seed (../shared/seeds/). Translations of ours are marked, not checked here."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_OF = {
    "kgi-founding": "000_", "kgi-declaration": "000_", "amanat-press-release": "001_",
    "shymkent-coalition-founded": "002_", "kostanay-civil-forum-2023-report": "003_",
    "peoples-coalition-15-organisations": "004_",
}


def normal(text: str) -> str:
    """Spacing only: runs of white space, a space before a comma, <…> around a bare URL."""
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"[\u00a0\s]+", " ", text).replace(" ,", ",")
    return text.replace("\\", "").strip()


def paragraphs(body: str):
    """The body's text pieces, with Markdown's own marks (headings, list and quote marks,
    emphasis, link brackets) taken off."""
    for block in re.split(r"\n\s*\n", body):
        for line in block.split("\n") if re.match(r"\s*(?:[-*]|\d+\.)\s", block) else [block]:
            line = re.sub(r"^\s*(?:(?:#+|>|[-*]|\d+[.)])(?:\s+|$))+", "", line, flags=re.M)
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
            line = line.replace("**", "").replace("__", "")
            line = normal(line)
            if len(line) > 3:
                yield line


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_original_texts_are_the_seeds_words(site_model):
    assert set(SEED_OF) == set(site_model.statements)
    missing = []
    for sid, statement in site_model.statements.items():
        seed = next(SEEDS.glob(SEED_OF[sid] + "*.txt")).read_text(encoding="utf-8")
        # The seeds' numbered lists restart oddly ("1. 1. 2."); compare text, not numbering.
        seed = normal(re.sub(r"(?m)^\s*\d+[.)]\s+", "", seed))
        for lang, text in statement.texts.items():
            if text.awaiting_review or text.translated_from:
                continue
            for piece in paragraphs(text.body):
                if piece not in seed:
                    missing.append(f"{text.path}: «{piece[:90]}»")
    assert not missing, "not in the seed:\n" + "\n".join(missing)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_contacts_and_links_come_from_the_seeds(site_model):
    """No invented phone, email or address: each one stands in a seed (phones by their digits,
    +7 and the domestic 8 being the same number)."""
    seeds = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    digits = re.sub(r"\D", "", seeds)
    found = []
    for c in site_model.coalitions.values():
        k = c.contacts
        found += [(c.path, v) for v in (k.email, k.website, k.facebook, k.telegram,
                                        k.press and k.press.email) if v]
        found += [(c.path, "tel:" + v) for v in (k.phone, k.hotline, k.press and k.press.phone) if v]
        found += [(c.path, s.url) for s in c.sources if s.url]
    found += [(m.path, m.link) for m in site_model.members.values() if m.link]
    assert found
    for path, value in found:
        if value.startswith("tel:"):
            number = re.sub(r"\D", "", value)
            assert number in digits or "8" + number[1:] in digits, f"{path}: {value}"
        else:
            assert value in seeds, f"{path}: {value} is in no seed"
