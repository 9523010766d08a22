"""The user's documentation stands alone: it links only to files that exist in the project, never to
the specs beside the repository, and the window's copy of the model page is the page itself."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER_FACING = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "resources").rglob("*.md")),
    *sorted((ROOT / "resources").rglob("*.desktop")),
]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_user_documentation_exists() -> None:
    for name in ("model.md", "interface.md", "install.md"):
        assert (ROOT / "docs" / name).is_file(), name


def test_nothing_a_user_reads_points_outside_the_project() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in USER_FACING
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "../shared" in line or "shared/" in line or "jss-model.md" in line
    ]
    assert offenders == []


def test_every_relative_link_leads_to_a_file_of_the_project() -> None:
    broken = []
    for path in USER_FACING:
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("#"):
                continue
            resolved = (path.parent / target.split("#")[0]).resolve()
            if not resolved.exists() or ROOT not in resolved.parents:
                broken.append(f"{path.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_the_readme_links_the_three_pages_and_puts_download_before_developers() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("docs/model.md", "docs/interface.md", "docs/install.md"):
        assert f"]({page})" in readme, page
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings.index("## Download") < headings.index("## For developers")


def test_the_model_page_shipped_in_the_package_is_docs_model_md() -> None:
    """The Help menu reads resources/docs/model.md (docs/ is not a package); after editing
    docs/model.md, copy it: cp docs/model.md resources/docs/model.md."""
    shipped = (ROOT / "resources" / "docs" / "model.md").read_bytes()
    assert shipped == (ROOT / "docs" / "model.md").read_bytes()
