"""The weekly workflow's issue "Onderhoudslijst": created once, edited afterwards, never a second one.

The GitHub API is replaced by an in-memory one at the module's single call point, `github`.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import REPO
from kennisbank.maintenance import github_issue as sync

REPOSITORY = "kennisbank-initiatieven/kennisbank"


class FakeGitHub:
    """Issues of one repository, answering the three calls the module makes, with paging."""

    def __init__(self, issues: list[dict[str, Any]] | None = None) -> None:
        self.issues = issues or []
        self.calls: list[tuple[str, str]] = []

    def __call__(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        self.calls.append((method, path))
        url = urlsplit(path)
        assert url.path.startswith(f"/repos/{REPOSITORY}/issues")
        if method == "GET":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            assert query["state"] == "all"
            chosen = [i for i in self.issues if query["labels"] in i["labels"]]
            size, page = int(query["per_page"]), int(query["page"])
            return [dict(i) for i in chosen[(page - 1) * size : page * size]]
        if method == "POST":
            assert body is not None
            issue = {"number": len(self.issues) + 1, "state": "open", **body}
            self.issues.append(issue)
            return issue
        if method == "PATCH":
            number = int(re.fullmatch(r".*/issues/(\d+)", url.path).group(1))  # type: ignore[union-attr]
            issue = next(i for i in self.issues if i["number"] == number)
            issue.update(body or {})
            return issue
        raise AssertionError(method)

    def lists(self) -> list[dict[str, Any]]:
        return [i for i in self.issues if i["title"] == sync.TITLE]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    api = FakeGitHub()
    monkeypatch.setattr(sync, "github", api)
    return api


def test_created_once_then_edited(fake: FakeGitHub) -> None:
    assert sync.sync(REPOSITORY, "week 1") == "aangemaakt"
    assert sync.sync(REPOSITORY, "week 2") == "bijgewerkt"
    assert sync.sync(REPOSITORY, "week 3") == "bijgewerkt"
    assert [(i["body"], i["labels"], i["state"]) for i in fake.lists()] == [("week 3", [sync.LABEL], "open")]
    assert [m for m, _ in fake.calls].count("POST") == 1


def test_a_closed_list_is_reopened_not_duplicated(fake: FakeGitHub) -> None:
    fake.issues.append({"number": 1, "title": sync.TITLE, "labels": [sync.LABEL], "state": "closed", "body": "oud"})
    assert sync.sync(REPOSITORY, "nieuw") == "bijgewerkt"
    assert [(i["number"], i["state"], i["body"]) for i in fake.lists()] == [(1, "open", "nieuw")]


def test_found_on_a_later_page_among_other_labelled_issues(fake: FakeGitHub) -> None:
    fake.issues.extend({"number": n, "title": f"Iets anders {n}", "labels": [sync.LABEL], "state": "open", "body": ""} for n in range(1, 151))
    fake.issues.append({"number": 151, "title": "Onderhoudslijst (oud)", "labels": [sync.LABEL], "state": "open", "body": ""})
    fake.issues.append({"number": 152, "title": sync.TITLE, "labels": [sync.LABEL], "state": "open", "body": "oud", "pull_request": {}})
    fake.issues.append({"number": 153, "title": sync.TITLE, "labels": [sync.LABEL], "state": "open", "body": "oud"})
    assert sync.sync(REPOSITORY, "nieuw") == "bijgewerkt"
    assert fake.issues[-1]["body"] == "nieuw" and fake.issues[-2]["body"] == "oud"
    assert [m for m, _ in fake.calls] == ["GET", "GET", "PATCH"]


def test_a_long_list_is_cut_to_what_github_accepts(fake: FakeGitHub) -> None:
    body = "".join(f"- punt {n}\n" for n in range(20000))
    sync.sync(REPOSITORY, body)
    text = fake.lists()[0]["body"]
    assert len(text) <= 65536 and text.endswith(sync.CUT_NOTE) and "- punt 0\n" in text


def test_cli_reads_the_body_file(fake: FakeGitHub, tmp_path, capsys) -> None:
    (tmp_path / "lijst.md").write_text("## Lijst\n", encoding="utf-8")
    assert sync.main(["--repo", REPOSITORY, "--body-file", str(tmp_path / "lijst.md")]) == 0
    assert "Onderhoudslijst aangemaakt" in capsys.readouterr().out and fake.lists()[0]["body"] == "## Lijst\n"


def test_workflow_gives_issue_rights_to_the_issue_job_only() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["issue"]["permissions"] == {"contents": "read", "issues": "write"}
    assert all("issues" not in job["permissions"] for name, job in jobs.items() if name != "issue")
    issue_steps = " ".join(str(step) for step in jobs["issue"]["steps"])
    assert "kennisbank.maintenance.github_issue" in issue_steps and "pip install" not in issue_steps
    link_steps = " ".join(str(step) for step in jobs["links"]["steps"])
    assert "actions/cache/restore@" in link_steps and "actions/cache/save@" in link_steps and "git push" not in link_steps
