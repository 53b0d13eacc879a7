"""Executes one notebook with the project's tslab kernel, then (optionally) signs it and exports HTML.

Called by src/cli/jupyter.ts runNotebook (reproduce, the tests), with Debian's /usr/bin/python3 (Jupyter lives there):
either for one notebook (--input ...), or with --serve as one long-lived runner for many (see serve()).
A one-notebook run prints one JSON object on stdout: {"ok": true, ...} or {"ok": false, "cell": n, "codeCell": k, "executionCount": e, "message": ...}
(n: the failing cell's index among all cells, 0-based; k: its number among the code cells, 1-based; e: its In [e] label).
The message of a failing cell is its error output's traceback (the text Jupyter shows under the
cell; the project's kernel sends a failed cell's error as an iopub `error` message, as IPython
does), else its stderr stream output (a kernel that prints its errors there).
"""
import argparse
import asyncio
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
    """What went wrong in a cell: its error output's traceback as Jupyter shows it (else its name and
    value), else the cell's stderr text."""
    outputs = cell.get("outputs", [])
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if errors:
        traceback = "\n".join(errors[0].get("traceback") or []).strip()
        return traceback or ("%s: %s" % (errors[0].get("ename", ""), errors[0].get("evalue", ""))).strip(": ")
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    return stderr.strip()


def export_html(nb, html_path, title):
    """The project's offline page (src/display/nbconvert/offline_html.py), as every other export makes it."""
    body, _ = offline_html.html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(body)


# jupyter_client's message when the kernel exits before answering its first request.
KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info"
# How many times a notebook's kernel is started when it dies before answering (see run_job).
KERNEL_START_ATTEMPTS = 3


async def run_job(job):
    """Executes one notebook as `job` says (input, output, cwd, html, sign, timeout; env: the kernel's
    environment, or None for this process's own) and returns the result object printed for it."""
    timeout = job["timeout"]
    nb = nbformat.read(job["input"], as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=timeout,
        # The kernel rebuilds the compiled src/ as it starts when src/ changed (src/cli/tslab-kernel.ts):
        # seconds usually, minutes on a busy machine, so more than nbclient's default minute.
        startup_timeout=timeout,
        record_timing=False,  # no timestamps: re-execution must give identical files
        resources={"metadata": {"path": job["cwd"]}},
    )
    current = {"index": None}
    # Where the time goes (seconds, wall clock): starting the kernel, and each code cell from
    # its execute request to its reply (tslab compiles the cell, reading the declarations of the
    # compiled src/ it imports for the first time, then runs it). Reported on stdout only, never written into the notebook.
    clock = {"started": job.get("started", time.monotonic()), "kernel": None, "cell": None}
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
        # The kernel's environment (DATA_DIR and the like) per notebook, when one runner serves several.
        env = dict(job["env"] if job.get("env") is not None else os.environ)
        # A batch run asks for no completions: the kernel need not make tslab's converter while idle (src/cli/tslab-kernel.ts).
        env["TSLAB_IDLE_WARMUP"] = "off"
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                await client.async_execute(env=env)
                break
            except RuntimeError as exc:
                # A kernel that could not listen on a port Jupyter chose for it exits at once
                # (exitOnBindFailure, src/cli/tslab-patches.ts): start it again on new ports. No cell
                # has run then, so the notebook is as it was read.
                if current["index"] is not None or not str(exc).startswith(KERNEL_DIED_AT_START) or attempt == KERNEL_START_ATTEMPTS:
                    raise
                sys.stderr.write("run_notebook: %s: %s; starting the kernel again (attempt %d of %d)\n" % (job["input"], exc, attempt + 1, KERNEL_START_ATTEMPTS))
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
            result["message"] = "timed out after %d s: %s" % (timeout, str(exc).strip()[:500])
        return result

    nbformat.write(nb, job["output"])
    if job.get("sign"):
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(nb)
    figures = offline_html.count_figures(nb)
    if job.get("html"):
        title = os.path.splitext(os.path.basename(job["input"]))[0]
        export_html(nb, job["html"], title)
    timing = {"kernel": round(clock["kernel"] or 0, 3), "cells": cell_seconds, "total": round(time.monotonic() - clock["started"], 3)}
    return {"ok": True, "cells": sum(1 for c in nb.cells if c.cell_type == "code"), "figures": figures, "timing": timing}


# Lines of the --serve protocol on stdout start with this (a kernel may write to the same stdout).
SERVE_PREFIX = "run_notebook: "


async def serve():
    """One runner for many notebooks (src/cli/jupyter.ts runNotebook): reads one JSON job per line on
    stdin ({"id", "input", "output", "cwd", "html", "sign", "timeout", "env"}, or {"cancel": id}),
    runs each as soon as it arrives (the caller decides how many run at a time), and answers each with
    SERVE_PREFIX + {"id", "result"} on stdout, the object a one-notebook run prints. It saves each
    notebook the runner's start (Python, nbclient, nbconvert: about 0.55 s of CPU). At the end of
    stdin, running notebooks are stopped (their kernels shut down) and it exits."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    tasks = {}
    cancelled = set()

    def reply(message):
        sys.stdout.write(SERVE_PREFIX + json.dumps(message) + "\n")
        sys.stdout.flush()

    async def one(job):
        try:
            result = await run_job(job)
        except asyncio.CancelledError:
            result = None
        except Exception as exc:  # a bad notebook file, an unwritable output: that job fails, the runner goes on
            result = {"ok": False, "cell": None, "message": "notebook runner: %s: %s" % (type(exc).__name__, exc)}
        if job["id"] in cancelled:
            result = {"ok": False, "cell": None, "message": "interrupted"}
        tasks.pop(job["id"], None)
        reply({"id": job["id"], "result": result})

    while True:
        line = await reader.readline()
        if not line:
            break
        message = json.loads(line)
        if "cancel" in message:
            task = tasks.get(message["cancel"])
            if task is not None:
                cancelled.add(message["cancel"])
                task.cancel()
            continue
        message["started"] = time.monotonic()
        tasks[message["id"]] = asyncio.ensure_future(one(message))
    for job_id, task in list(tasks.items()):
        cancelled.add(job_id)
        task.cancel()
    await asyncio.gather(*tasks.values(), return_exceptions=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", action="store_true", help="run the notebooks given as JSON lines on stdin (see serve)")
    parser.add_argument("--input")
    parser.add_argument("--output", help="where the executed notebook is written")
    parser.add_argument("--cwd", help="the kernel's working directory")
    parser.add_argument("--html", help="also export HTML here")
    parser.add_argument("--sign", action="store_true", help="mark the executed notebook trusted in the Jupyter data dir")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    cache_relaxed_validators()
    if args.serve:
        asyncio.run(serve())
        return 0
    if not (args.input and args.output and args.cwd):
        parser.error("--input, --output and --cwd are required (or --serve)")
    job = {"input": args.input, "output": args.output, "cwd": args.cwd, "html": args.html, "sign": args.sign, "timeout": args.timeout, "env": None, "started": time.monotonic()}
    result = asyncio.run(run_job(job))
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
