"""What a build is asked for, from the deployment's environment: the same variables mkdocs.yml
reads (`!ENV`), so `python -m microsite stage`/`finish`/`build` and the engine agree."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .pages import views
from .tools import joinform

STAGE_DIR = Path(".build") / "stage"  # below the project: one tree per language + shared/


@dataclass(frozen=True)
class Settings:
    root: Path
    site_url: str = ""     # SITE_URL: absolute links, sitemaps; empty in a local preview
    preview: bool = False  # PREVIEW: drafts and statements under review too, under a banner
    repository: str = ""   # REPOSITORY_URL: the join form and "edit this page"
    branch: str = "main"   # REPOSITORY_BRANCH
    cms_auth: str = ""     # CMS_AUTH_URL: the OAuth relay /admin/ signs editors in through

    @classmethod
    def from_env(cls, root: Path, env=os.environ) -> Settings:
        return cls(root=root, site_url=env.get("SITE_URL", ""),
                   preview=env.get("PREVIEW", "false").strip().lower() in ("1", "true", "yes"),
                   repository=env.get("REPOSITORY_URL", ""), branch=env.get("REPOSITORY_BRANCH") or "main",
                   cms_auth=env.get("CMS_AUTH_URL", ""))

    @property
    def stage_dir(self) -> Path:
        return self.root / STAGE_DIR

    def repo(self) -> views.Repository:
        return views.Repository(self.repository, self.branch, joinform.coalitions_in_form(
            self.root / ".github" / "ISSUE_TEMPLATE" / "join.yml"))
