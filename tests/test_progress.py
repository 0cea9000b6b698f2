"""Progress of a run: reports done / total, failures and time left, a line per report."""

from __future__ import annotations

import re

from nq18lib.runner.run import _Progress


def test_a_line_per_report_when_its_last_step_is_done(capsys):
    progress = _Progress({"a/x": 2, "b/x": 2, "c/x": 1}, rich=False)
    progress.advance("a/x", "ok a/x 1.0 s")
    assert capsys.readouterr().err == ""  # its PDF is still to come
    progress.advance("a/x", "PDF 0.2 s")
    progress.advance("b/x", "failed b/x 0.5 s", failed=True)  # a failed build ends it
    progress.advance("c/x", "ok c/x 0.3 s")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("nq18: [1/3] ok a/x 1.0 s, PDF 0.2 s (ETA ")
    assert "[2/3] failed b/x 0.5 s (1 failed, ETA " in lines[1]
    assert re.search(r"\[3/3\] ok c/x 0\.3 s \(1 failed, ETA 0:00\)$", lines[2])
    assert progress.done == 3 and progress.failed == 1


def test_eta_is_the_time_per_report_done_times_the_reports_left(monkeypatch):
    progress = _Progress({f"r{i}": 1 for i in range(5)}, rich=False)
    assert progress.eta() == "?"
    progress.started -= 30
    progress.done = 1
    assert progress.eta() == "2:00"
