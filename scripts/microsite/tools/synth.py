"""A large synthetic `Site` made from the real one, for the benchmark.

Every synthetic record is a real record with a numbered id and name, so texts keep the real
Kazakh and Russian lengths (statement bodies are the real statements'). Memberships are skewed
like a real network: one national hub that a third of all organisations join, the rest spread
over the other coalitions. Synthetic content lives only in the benchmark's temporary folder.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..content.model import Event, Member, Membership, Site, Statement, Text

HUB_SHARE = 3              # every third member also joins the first coalition (the national hub)
MAX_SIGNATORIES = 20


def numbered(text: Text, n: int) -> Text:
    return Text(**{lang: f"{getattr(text, lang)} {n}" if getattr(text, lang) else ""
                   for lang in ("kk", "ru")})


def _cycle(items: list, i: int):
    return items[i % len(items)]


def synthetic_site(real: Site, coalitions: int, members: int, statements: int, events: int) -> Site:
    base_c, base_m = list(real.coalitions.values()), list(real.members.values())
    base_s, base_e = list(real.statements.values()), list(real.events.values())
    start = dt.date(2019, 1, 1)

    cids = [f"{_cycle(base_c, i).id}-{i}" for i in range(coalitions)]
    site = Site()
    for i, cid in enumerate(cids):
        c = _cycle(base_c, i)
        site.coalitions[cid] = replace(
            c, id=cid, name=numbered(c.name, i), short_name=numbered(c.short_name, i) if c.short_name else Text(),
            # A few regional coalitions sit inside the hub, as Shymkent's sits in the national one.
            parent=cids[0] if i and i % 10 == 0 else "", path=f"data/coalitions/{cid}.yml")

    roster: dict[str, list[str]] = {cid: [] for cid in cids}
    for j in range(members):
        m = _cycle(base_m, j)
        mid = f"{m.id}-{j}"
        joined = [cids[j % coalitions]] + ([cids[0]] if j % HUB_SHARE == 0 and j % coalitions else [])
        role = m.memberships[0].role
        site.members[mid] = Member(
            id=mid, type=m.type, name=numbered(m.name, j), link=m.link, awaiting_review=m.awaiting_review,
            memberships=tuple(Membership(cid, start + dt.timedelta(days=j % 1500), role) for cid in joined),
            path=f"data/members/{mid}.yml")
        for cid in joined:
            roster[cid].append(mid)

    eids = []
    for k in range(events):
        e: Event = _cycle(base_e, k)
        eid = f"{e.id}-{k}"
        eids.append(eid)
        site.events[eid] = replace(e, id=eid, title=numbered(e.title, k), coalition=cids[k % coalitions],
                                   date=start + dt.timedelta(days=3 * k), path=f"data/events/{eid}.yml")

    for n in range(statements):
        s: Statement = _cycle(base_s, n)
        sid, cid = f"{s.id}-{n}", cids[n % coalitions]
        texts = {lang: replace(t, title=f"{t.title} {n}", path=f"docs/statements/{sid}.{lang}.md")
                 for lang, t in s.texts.items()}
        site.statements[sid] = Statement(
            id=sid, kind=s.kind, status=s.status, texts=texts, coalition=cid,
            event=eids[n % len(eids)] if s.event and eids else "",
            date=start + dt.timedelta(days=2 * n) if s.date else None,
            signatories=tuple(roster[cid][:MAX_SIGNATORIES]) if s.signatories else (), source=s.source)
    return site
