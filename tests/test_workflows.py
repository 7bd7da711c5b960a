"""The GitHub workflows: actionlint and zizmor (offline) find nothing, and the rules we rely on
hold — pinned actions, read-only pull-request runs, untrusted text only through `env:`."""
from __future__ import annotations

import base64
import json
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


# -- lock.yml: branch code never runs where the writable token is --------------------------------

def _step(job: dict, name_start: str) -> dict:
    return next(s for s in job["steps"] if s.get("name", "").startswith(name_start))


def test_the_lock_is_built_read_only_and_pushed_by_a_job_that_runs_no_branch_code():
    flow = workflow("lock.yml")
    assert list(flow["on"]) == ["workflow_dispatch"] and flow["permissions"] == {}
    build, push = flow["jobs"]["build"], flow["jobs"]["push"]
    assert set(flow["jobs"]) == {"build", "push"}
    # The job that runs the branch's Makefile and scripts can read, nothing more.
    assert build["permissions"] == {"contents": "read"}
    assert "make lock" in [s.get("run") for s in build["steps"]]
    upload = next(s for s in build["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "statements.lock.json" and upload["with"]["name"] == "statements-lock"
    # The job with the writable token: no checkout, one action (the download), and scripts that
    # name no file of the workspace and start no interpreter on one.
    assert push["permissions"] == {"contents": "write"} and push["needs"] == "build"
    assert "container" not in push
    assert [u.split("@")[0] for u in uses({"jobs": {"p": push}})] == ["actions/download-artifact"]
    download = next(s for s in push["steps"] if "uses" in s)
    assert download["with"]["path"].startswith("${{ runner.temp }}")
    scripts = "\n".join(s.get("run", "") for s in push["steps"])
    for forbidden in ("make", "python", "GITHUB_WORKSPACE", "./", "scripts/", "source ", ". /", "npm", "pip",
                      "checkout", "git clone", "git fetch", "bash ", "sh "):
        assert not re.search(rf"(^|[\s;|&(]){re.escape(forbidden)}", scripts), forbidden
    assert all(not s.get("working-directory") for s in push["steps"])


VALIDATE_ENV = {"PATH": "/usr/bin:/bin"}


def _validate_artifact(folder: Path) -> subprocess.CompletedProcess:
    """The push job's check, run as the runner runs it (bash -e), on an artifact folder."""
    script = _step(workflow("lock.yml")["jobs"]["push"], "Check it is")["run"]
    return subprocess.run(["bash", "-e", "-c", script], env={**VALIDATE_ENV, "LOCK_DIR": str(folder)},
                          capture_output=True, text=True, timeout=60)


def test_the_push_job_takes_statements_lock_json_alone_and_only_as_json(tmp_path):
    lock_text = (ROOT / "statements.lock.json").read_text(encoding="utf-8")

    def artifact(name: str, files: dict[str, str], link: str = "") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for rel, text in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8")
        if link:
            (folder / "statements.lock.json").symlink_to(link)
        return folder

    assert _validate_artifact(artifact("good", {"statements.lock.json": lock_text})).returncode == 0
    bad = {
        "extra": artifact("extra", {"statements.lock.json": lock_text, "Makefile": "all:\n"}),
        "nested": artifact("nested", {"statements.lock.json": lock_text, ".github/workflows/x.yml": "x"}),
        "renamed": artifact("renamed", {"lock.json": lock_text}),
        "not-json": artifact("not-json", {"statements.lock.json": "#!/bin/sh\nrm -rf /\n"}),
        "array": artifact("array", {"statements.lock.json": "[1, 2]"}),
        "symlink": artifact("symlink", {}, link="/etc/passwd"),
        "empty": artifact("empty", {}),
    }
    for name, folder in bad.items():
        result = _validate_artifact(folder)
        assert result.returncode != 0, name
        assert "::error::" in result.stdout, name


def _commit(tmp_path: Path, branch_head: str, current_lock: bytes | None, new_lock: bytes) -> tuple[int, list[str]]:
    """The push job's commit step with a stand-in `gh` (GitHub's API) that records its calls."""
    lock_dir = tmp_path / "lock"
    lock_dir.mkdir(parents=True)
    (lock_dir / "statements.lock.json").write_bytes(new_lock)
    blob = subprocess.run(["git", "hash-object", "--stdin"], input=current_lock, capture_output=True,
                          check=True).stdout.decode().strip() if current_lock is not None else ""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "gh").write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> {calls}\n'
        'case "$*" in\n'
        f'  *git/ref/heads/*) echo {branch_head} ;;\n'
        f'  *"contents/statements.lock.json?ref="*) [ -n "{blob}" ] && echo {blob} || exit 1 ;;\n'
        f'  "api -X PUT"*) cat > {tmp_path}/body.json; echo newcommit ;;\n'
        "esac\n", encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    script = _step(workflow("lock.yml")["jobs"]["push"], "Commit it")["run"]
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_TOKEN": "t", "BRANCH": "editors/appeal",
           "BUILT_FROM": "a" * 40, "LOCK_DIR": str(lock_dir), "GITHUB_REPOSITORY": "org/site",
           "RUNNER_TEMP": str(tmp_path)}
    result = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    return result.returncode, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def test_the_push_job_commits_only_a_changed_lock_to_an_unmoved_branch(tmp_path):
    old, new = b'{"a": {}}\n', (ROOT / "statements.lock.json").read_bytes()
    code, calls = _commit(tmp_path / "moved", "b" * 40, old, new)
    assert code != 0 and not any("PUT" in c for c in calls), "the branch moved: nothing is pushed"
    code, calls = _commit(tmp_path / "same", "a" * 40, new, new)
    assert code == 0 and not any("PUT" in c for c in calls), "nothing changed: nothing is pushed"
    code, calls = _commit(tmp_path / "changed", "a" * 40, old, new)
    assert code == 0 and calls[-1] == "api -X PUT repos/org/site/contents/statements.lock.json --input - --jq .commit.sha"
    body = json.loads((tmp_path / "changed" / "body.json").read_text(encoding="utf-8"))
    assert base64.b64decode(body["content"]) == new and body["branch"] == "editors/appeal"
    assert body["sha"] == subprocess.run(["git", "hash-object", "--stdin"], input=old, capture_output=True,
                                         check=True).stdout.decode().strip()
    code, calls = _commit(tmp_path / "first", "a" * 40, None, new)  # no lock on the branch yet
    body = json.loads((tmp_path / "first" / "body.json").read_text(encoding="utf-8"))
    assert code == 0 and "sha" not in body
