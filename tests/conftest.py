"""Shared test fixtures: where ../shared is, and whether Chromium is required."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder (seed, corpus); skip when a clone has none."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent (a user's clone has no corpus)")
    return SHARED


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """A Chromium executable; skip without one, unless NQ18_REQUIRE_BROWSER=1 (CI)."""
    for name in (os.environ.get("NQ18_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    if os.environ.get("NQ18_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required here (NQ18_REQUIRE_BROWSER=1) but was not found")
    pytest.skip("no Chromium on this machine")


@pytest.fixture(scope="session")
def chromium(chromium_path) -> str:
    """The Chromium the printer would use: its headless shell where installed, else the full
    browser (skips without one, fails in CI: see above)."""
    from nq18lib.runner import pdf as report_pdf

    return report_pdf.find_browser()


@pytest.fixture(scope="session", autouse=True)
def project_cache(tmp_path_factory) -> Path:
    """The project's cache of parsed data (``NQ18_CACHE_DIR``) in a folder of the session, so
    tests, their runs and their kernels never write into the checkout."""
    folder = tmp_path_factory.mktemp("nq18-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NQ18_CACHE_DIR", str(folder))
        yield folder
