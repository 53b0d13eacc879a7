"""Executes one notebook with the project's tslab kernel, then (optionally) signs it and exports HTML.

Called by src/cli/reproduce.ts and the notebook test, with Debian's /usr/bin/python3 (Jupyter lives there).
Prints one JSON object on stdout: {"ok": true, ...} or {"ok": false, "cell": n, "message": ...}.
tslab sends no error text in its error replies, so the message of a failing cell is taken
from that cell's stderr stream output.
"""
import argparse
import json
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


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


def export_html(nb, html_path, template_dir, plotly_path, title):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[template_dir], template_name="offline")
    resources = {"metadata": {"name": title}}
    has_figure = any(
        "plotly-figure" in str(o.get("data", {}).get("text/html", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    if has_figure:
        with open(plotly_path, encoding="utf-8") as f:
            # A literal "</script" inside the library would end the inline script early.
            resources["plotly_js"] = f.read().replace("</script", "<\\/script")
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    # Links between notebooks point at .ipynb files (right inside Jupyter); in the exported
    # site they must point at the exported pages.
    body = re.sub(r'href="(\d\d-[A-Za-z0-9_-]+)\.ipynb(#[^"]*)?"', lambda m: 'href="%s.html%s"' % (m.group(1), m.group(2) or ""), body)
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(body)
    return has_figure


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True, help="where the executed notebook is written")
    parser.add_argument("--cwd", required=True, help="the kernel's working directory")
    parser.add_argument("--html", help="also export HTML here")
    parser.add_argument("--template-dir")
    parser.add_argument("--plotly")
    parser.add_argument("--sign", action="store_true", help="mark the executed notebook trusted in the Jupyter data dir")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=args.timeout,
        record_timing=False,  # no timestamps: re-execution must give identical files
        resources={"metadata": {"path": args.cwd}},
    )
    current = {"index": None}

    def remember(cell, cell_index, **kwargs):
        current["index"] = cell_index

    client.on_cell_execute = remember
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        index = current["index"]
        cell = nb.cells[index] if index is not None else None
        message = cell_message(cell) if cell is not None else ""
        result = {"ok": False, "cell": index, "code": first_line(cell.source) if cell else "", "message": message or str(exc).strip()}
        if isinstance(exc, CellTimeoutError):
            result["message"] = "timed out after %d s: %s" % (args.timeout, str(exc).strip()[:500])
        print(json.dumps(result))
        return 1

    nbformat.write(nb, args.output)
    if args.sign:
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(nb)
    figures = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            figures += str(output.get("data", {}).get("text/html", "")).count('class="plotly-figure"')
    if args.html:
        title = os.path.splitext(os.path.basename(args.input))[0]
        export_html(nb, args.html, args.template_dir, args.plotly, title)
    print(json.dumps({"ok": True, "cells": sum(1 for c in nb.cells if c.cell_type == "code"), "figures": figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
