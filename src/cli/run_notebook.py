"""Executes one notebook with the project's tslab kernel, then (optionally) signs it and exports HTML.

Called by src/cli/reproduce.ts and the notebook test, with Debian's /usr/bin/python3 (Jupyter lives there).
Prints one JSON object on stdout: {"ok": true, ...} or {"ok": false, "cell": n, "codeCell": k, "executionCount": e, "message": ...}
(n: the failing cell's index among all cells, 0-based; k: its number among the code cells, 1-based; e: its In [e] label).
tslab sends no error text in its error replies, so the message of a failing cell is taken
from that cell's stderr stream output.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "display", "nbconvert"))
sys.dont_write_bytecode = True  # no __pycache__ inside src/
import offline_html  # noqa: E402  (src/display/nbconvert/offline_html.py)
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def cache_relaxed_validators():
    """nbconvert validates the notebook after each of its 13 preprocessors with relax_add_props=True,
    and nbformat 5.5 compiles the JSON schema again for every such call (about 25 ms each, a third of
    an export's CPU). The relaxed validator of a schema version is compiled once here; the checks are
    the same."""
    from nbformat import validator

    original = validator.get_validator
    relaxed = {}

    def get_validator(version=None, version_minor=None, relax_add_props=False, name=None):
        if not relax_add_props:
            return original(version, version_minor, relax_add_props, name)
        key = (version, version_minor, name)
        if key not in relaxed:
            relaxed[key] = original(version, version_minor, True, name)
        return relaxed[key]

    validator.get_validator = get_validator


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def cell_message(cell):
    """What went wrong in a cell: tslab's stderr text, else the error output's name and value."""
    outputs = cell.get("outputs", [])
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if stderr.strip():
        return stderr.strip()
    if errors:
        return ("%s: %s" % (errors[0].get("ename", ""), errors[0].get("evalue", ""))).strip(": ")
    return ""


def export_html(nb, html_path, title):
    """The project's offline page (src/display/nbconvert/offline_html.py), as every other export makes it."""
    body, _ = offline_html.html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True, help="where the executed notebook is written")
    parser.add_argument("--cwd", required=True, help="the kernel's working directory")
    parser.add_argument("--html", help="also export HTML here")
    parser.add_argument("--sign", action="store_true", help="mark the executed notebook trusted in the Jupyter data dir")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    cache_relaxed_validators()
    # A batch run asks for no completions: the kernel need not make tslab's converter while idle (src/cli/tslab-kernel.ts).
    os.environ["TSLAB_IDLE_WARMUP"] = "off"
    nb = nbformat.read(args.input, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=args.timeout,
        # The kernel rebuilds the compiled src/ as it starts when src/ changed (src/cli/tslab-kernel.ts):
        # seconds usually, minutes on a busy machine, so more than nbclient's default minute.
        startup_timeout=args.timeout,
        record_timing=False,  # no timestamps: re-execution must give identical files
        resources={"metadata": {"path": args.cwd}},
    )
    current = {"index": None}
    # Where the time goes (seconds, wall clock): starting the kernel, and each code cell from
    # its execute request to its reply (tslab compiles the cell, reading the declarations of the
    # compiled src/ it imports for the first time, then runs it). Reported on stdout only, never written into the notebook.
    clock = {"started": time.monotonic(), "kernel": None, "cell": None}
    cell_seconds = []

    def kernel_ready(**kwargs):
        clock["kernel"] = time.monotonic() - clock["started"]

    def remember(cell, cell_index, **kwargs):
        current["index"] = cell_index
        clock["cell"] = time.monotonic()

    def code_cell_number(index):
        """1-based position among the notebook's code cells: what a Jupyter user counts (markdown cells aside)."""
        return sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")

    def executed(cell, cell_index, **kwargs):
        cell_seconds.append([cell_index, round(time.monotonic() - clock["cell"], 3), code_cell_number(cell_index)])

    client.on_notebook_start = kernel_ready
    client.on_cell_execute = remember
    client.on_cell_executed = executed
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        index = current["index"]
        cell = nb.cells[index] if index is not None else None
        message = cell_message(cell) if cell is not None else ""
        result = {"ok": False, "cell": index, "code": first_line(cell.source) if cell else "", "message": message or str(exc).strip()}
        if cell is not None:
            # How a Jupyter user finds the cell: its number among the code cells and its In [n] label.
            result["codeCell"] = code_cell_number(index)
            result["executionCount"] = cell.get("execution_count")
        if isinstance(exc, CellTimeoutError):
            result["message"] = "timed out after %d s: %s" % (args.timeout, str(exc).strip()[:500])
        print(json.dumps(result))
        return 1

    nbformat.write(nb, args.output)
    if args.sign:
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(nb)
    figures = offline_html.count_figures(nb)
    if args.html:
        title = os.path.splitext(os.path.basename(args.input))[0]
        export_html(nb, args.html, title)
    timing = {"kernel": round(clock["kernel"] or 0, 3), "cells": cell_seconds, "total": round(time.monotonic() - clock["started"], 3)}
    print(json.dumps({"ok": True, "cells": sum(1 for c in nb.cells if c.cell_type == "code"), "figures": figures, "timing": timing}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
