"""A notebook's code cells run in one execute request, their outputs split by markers.

nbclient sends one execute request per cell and waits for its reply and its output; each
request costs the kernel its dispatch, its busy and idle status, its input echo and reply
(measured: about 6 ms of the kernel and 3 ms of the worker a cell, some 0.25 core-s a
report of 25 cells). :func:`execute_cells` sends the whole list instead: the kernel side
(:data:`RUN_SOURCE`, installed with the reset) runs each cell with the shell's own
``run_cell``, as a request would (history, execution counter, display hook, traceback), then
flushes the streams and publishes a marker (:data:`MARK`). The client side files every
output message under the cell being run with nbclient's own ``process_message``, and moves
to the next cell at each marker. Cells are skipped, allowed to fail and numbered as
nbclient does, so a report has the same bytes either way (``tests/test_worker.py``).
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

MARK = "application/x-nq18-cell-done"
"""The MIME type of the display message that ends a cell's output (never kept)."""

RUN_SOURCE = f'''

def run_cells(cells):
    """Run (source, errors allowed) pairs as requests would run them, a marker after each."""
    shell = get_ipython()
    for number, (source, allowed) in enumerate(cells):
        result = shell.run_cell(source, store_history=True)
        _sys.stdout.flush()
        _sys.stderr.flush()
        shell.display_pub.publish({{{MARK!r}: {{"cell": number, "ok": result.success}}}}, {{}})
        if not result.success and not allowed:
            return
'''
"""The kernel side, appended to the reset module (``_nq18_kernel``) of :mod:`runner.worker`."""

POLL = 1.0
"""Seconds between checks that the kernel is alive while no message comes."""


def runnable_cells(client: Any, nb: Any) -> list[tuple[int, Any]]:
    """Return the (index, cell) pairs nbclient would execute: code, not blank, not skipped."""
    return [
        (index, cell)
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and cell.source.strip()
        and client.skip_cells_with_tag not in cell.metadata.get("tags", [])
    ]


def allows_errors(client: Any, cell: Any) -> bool:
    """Whether a failing cell lets the notebook go on (nbclient's rule)."""
    return (not client.force_raise_errors) and (
        client.allow_errors or "raises-exception" in cell.metadata.get("tags", [])
    )


async def execute_cells(client: Any, deadline: float, timeout: float) -> None:
    """Execute ``client.nb``'s cells in the client's kernel in one request, outputs in place.

    ``deadline`` is a :func:`time.monotonic` time: past it the run raises nbclient's
    ``CellTimeoutError`` (``timeout`` is the seconds it names). A cell that fails and does not
    allow errors raises ``CellExecutionError`` after its outputs are in; a kernel that dies
    raises ``DeadKernelError``. The kernel must have :data:`RUN_SOURCE` installed.
    """
    from nbclient.client import timestamp
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    kc = client.kc
    client.reset_execution_trackers()
    cells = runnable_cells(client, client.nb)
    if not cells:
        return
    plan = [(cell.source, allows_errors(client, cell)) for _, cell in cells]
    msg_id = kc.execute(
        f"__import__('sys').modules['_nq18_kernel'].run_cells({plan!r})",
        silent=True,
        store_history=False,
    )
    position, failed = 0, None
    _begin(client, cells[0][1])
    started = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            cell = cells[min(position, len(cells) - 1)][1]
            raise CellTimeoutError.error_from_timeout_and_cell(
                "Cell execution timed out", int(timeout), cell
            )
        try:
            msg = await kc.iopub_channel.get_msg(timeout=min(POLL, left))
        except Empty:
            if not await kc.is_alive():
                raise DeadKernelError("Kernel died") from None
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status":
            if content["execution_state"] == "idle":
                break
            started = started or timestamp(msg)
            continue
        index, cell = cells[min(position, len(cells) - 1)]
        if kind == "display_data" and MARK in content.get("data", {}):
            done = timestamp(msg)
            cell.execution_count = position + 1
            cell.metadata["execution"] = {
                "iopub.execute_input": started or done,
                "iopub.status.busy": started or done,
                "iopub.status.idle": done,
                "shell.execute_reply": done,
            }
            started = done
            if not content["data"][MARK]["ok"] and not plan[position][1]:
                failed = cell
            position += 1
            if position < len(cells):
                _begin(client, cells[position][1])
            continue
        client.process_message(msg, cell, index)
    reply = await client.async_wait_for_reply(msg_id)
    if reply is not None and reply["content"].get("status") != "ok":
        content = reply["content"]
        raise RuntimeError(f"the kernel could not run the cells: {content.get('evalue', '')}")
    if failed is not None:
        raise CellExecutionError.from_cell_and_msg(failed, _error_of(failed))


def _begin(client: Any, cell: Any) -> None:
    """Clear a cell's outputs before its first message (as nbclient does)."""
    cell.outputs = []
    client.clear_before_next_output = False


def _error_of(cell: Any) -> dict[str, Any]:
    """Return the content of a cell's last error output (what the failed reply would say)."""
    for output in reversed(cell.outputs):
        if output.get("output_type") == "error":
            return {
                "ename": output.get("ename", ""),
                "evalue": output.get("evalue", ""),
                "traceback": list(output.get("traceback", [])),
            }
    return {"ename": "Error", "evalue": "the cell failed without a traceback", "traceback": []}
