"""The GitHub workflows: actionlint and zizmor (offline) find nothing, and the rules we rely on
hold — pinned actions, read-only pull-request runs, untrusted text only through `env:`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def run(tool: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return run("zizmor", "--offline", "--no-progress", "--format", "plain", str(path))


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_actionlint_finds_nothing():
    assert shutil.which("shellcheck"), "actionlint checks run: scripts with shellcheck; `make tools` installs it"
    result = run("actionlint", "-no-color", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = zizmor(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_both_tools_catch_an_injectable_workflow(tmp_path):
    """The checks above can fail: a pull_request_target workflow echoing the PR title."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    assert run("actionlint", "-no-color", str(bad)).returncode != 0
    found = zizmor(tmp_path / ".github")
    assert found.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in found.stdout, found.stdout


def uses(data: dict):
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                yield step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_untrusted_text_reaches_scripts_only_through_env(path):
    for job in workflow(path.name)["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}: use env:"


def test_pull_requests_run_read_only_and_never_with_pull_request_target():
    for path in WORKFLOWS:
        triggers = workflow(path.name)["on"]
        assert not {"pull_request_target", "workflow_run"} & set(triggers), path.name
    pr = workflow("pull-request.yml")
    assert list(pr["on"]) == ["pull_request"]
    assert pr["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pr["jobs"].values())
    steps = [s.get("run", "") + s.get("uses", "") for s in pr["jobs"]["check"]["steps"]]
    order = ["make --silent review", "make validate", "make test", "make site PREVIEW=true DIRECTORY_URLS=false",
             "upload-artifact"]
    found = [next(i for i, s in enumerate(steps) if want in s) for want in order]
    assert found == sorted(found)


def test_deploy_grants_pages_rights_to_the_deploy_job_only():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages" and publish["needs"] == "build"
    assert any("upload-pages-artifact" in u for u in uses(deploy))
    assert [u.split("@")[0] for u in uses({"jobs": {"d": publish}})] == ["actions/deploy-pages"]


def test_dependabot_watches_pip_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}


def test_codeowners_routes_each_coalitions_statements(site_model):
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for s in site_model.statements.values():
        if not s.coalition:
            continue
        for text in s.texts.values():
            # GitHub applies the last matching rule.
            owners = [r[1:] for r in rules if _codeowners_match(r[0], text.path)][-1]
            assert f"@coalitions/{s.coalition}-maintainers" in owners, text.path


def _codeowners_match(pattern: str, path: str) -> bool:
    regex = re.escape(pattern.lstrip("/")).replace(r"\*", "[^/]*")
    return re.fullmatch(regex + ("(/.*)?" if not pattern.endswith("*") else ""), path) is not None


FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_are_well_formed_and_in_both_languages(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path.name == "config.yml":
        assert form == {"blank_issues_enabled": False}
        return
    assert set(form) <= {"name", "description", "title", "labels", "body", "assignees", "projects"}
    for key in ("name", "description", "title"):
        assert re.search(r"[әғқңөұүһі].* / .*[а-я]", form[key], re.I), f"{key}: Kazakh / Russian"
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z_]+", i) for i in ids)
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        if item["type"] != "markdown":
            assert " / " in item["attributes"]["label"], item["id"]
        if item["type"] in ("dropdown", "checkboxes"):
            assert item["attributes"]["options"]
