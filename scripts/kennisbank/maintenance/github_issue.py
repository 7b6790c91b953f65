"""Keep exactly one GitHub issue "Onderhoudslijst" up to date with the output of `kennisbank onderhoud`.

Run by the weekly workflow (links.yml) with a token that may write issues and nothing else:

    python -m kennisbank.maintenance.github_issue --repo OWNER/NAME --body-file onderhoud.md

The issue is found by its label and exact title among open and closed issues; it is created once
and edited (and reopened when closed) afterwards, never opened a second time. Every call to the
GitHub API goes through `github`, which the tests replace. Standard library only, so the job that
holds the token installs nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

TITLE = "Onderhoudslijst"
LABEL = "onderhoud"
PER_PAGE = 100
# GitHub refuses issue bodies over 65,536 characters; the list is cut well below that.
BODY_LIMIT = 60000
CUT_NOTE = "\n\n_De lijst is ingekort: hij is te lang voor één issue. De hele lijst: `kennisbank onderhoud`._\n"

def github(method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """One call to the GitHub REST API with the workflow's token; the decoded JSON answer."""
    base = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    request = urllib.request.Request(
        base + path, method=method, data=None if body is None else json.dumps(body).encode("utf-8"),
        headers={
            "Authorization": f"Bearer {os.environ['GH_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https API address
        return json.loads(response.read() or b"null")


def find_issue(repo: str) -> dict[str, Any] | None:
    """The oldest issue (open or closed, not a pull request) with the label and the exact title."""
    query = urllib.parse.urlencode({"state": "all", "labels": LABEL, "per_page": PER_PAGE, "direction": "asc", "sort": "created"})
    page = 1
    while True:
        found = github("GET", f"/repos/{repo}/issues?{query}&page={page}", None)
        for issue in found:
            if issue.get("title") == TITLE and "pull_request" not in issue:
                return issue
        if len(found) < PER_PAGE:
            return None
        page += 1


def fitted(body: str) -> str:
    if len(body) <= BODY_LIMIT:
        return body
    return body[: body.rfind("\n", 0, BODY_LIMIT - len(CUT_NOTE))] + CUT_NOTE


def sync(repo: str, body: str) -> str:
    """Create the issue, or edit the one there is; 'aangemaakt' or 'bijgewerkt'."""
    text = fitted(body)
    issue = find_issue(repo)
    if issue is None:
        github("POST", f"/repos/{repo}/issues", {"title": TITLE, "body": text, "labels": [LABEL]})
        return "aangemaakt"
    change: dict[str, Any] = {"body": text}
    if issue.get("state") != "open":
        change["state"] = "open"
    github("PATCH", f"/repos/{repo}/issues/{issue['number']}", change)
    return "bijgewerkt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisbank.maintenance.github_issue")
    parser.add_argument("--repo", required=True, help="eigenaar/naam")
    parser.add_argument("--body-file", required=True, help="de lijst in Markdown (kennisbank onderhoud --format markdown)")
    args = parser.parse_args(argv)
    print(f"Issue {TITLE} {sync(args.repo, Path(args.body_file).read_text(encoding='utf-8'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
