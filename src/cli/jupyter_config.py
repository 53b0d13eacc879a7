"""The project's Jupyter settings. src/cli/setup.sh writes .jupyter/config/jupyter_notebook_config.py
and .jupyter/config/jupyter_nbconvert_config.py, two lines each that run this file; the project's
scripts point Jupyter there (JUPYTER_CONFIG_DIR), so `npm run notebook`, `npm run export`,
`npm run reproduce` and plain `jupyter nbconvert` with that variable all get:

1. HTML export that works offline (src/display/nbconvert/offline_html.py): the offline template,
   plotly.js inlined once, links between notebooks to the exported pages. This is also what the
   Notebook's File > Download as > HTML uses.
2. Trust that survives editing. Jupyter Notebook 6 signs a notebook when it saves it, over the
   content it is about to write. The notebooks are nbformat 4.5, whose cells carry ids, but the
   Notebook 6 page gives new cells none; nbformat then adds random ids while writing, after the
   signature was computed, so the saved file no longer matches its signature and opens "Not
   Trusted", its figures stripped. The pre-save hook below gives every cell without an id a
   deterministic one before the signature is computed.

Runs inside a Jupyter config file: `c` is the config object.
"""
import hashlib
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_NBCONVERT_DIR = os.path.join(os.path.dirname(_HERE), "display", "nbconvert")
if _NBCONVERT_DIR not in sys.path:
    sys.path.insert(0, _NBCONVERT_DIR)
sys.dont_write_bytecode = True  # no __pycache__ inside src/

import offline_html  # noqa: E402  (src/display/nbconvert/offline_html.py)


def fill_missing_cell_ids(model, **kwargs):
    """Pre-save hook: a deterministic id for each cell that has none (nbformat 4.5 notebooks only).

    The id is a hash of the cell's type, source and position, made unique within the notebook,
    so saving the same content twice writes the same file.
    """
    if model.get("type") != "notebook":
        return
    nb = model.get("content") or {}
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) < (4, 5):
        return
    cells = nb.get("cells", [])
    taken = {c.get("id") for c in cells if c.get("id")}
    for index, cell in enumerate(cells):
        if cell.get("id"):
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        seed = "%s\0%d\0%s" % (cell.get("cell_type", ""), index, text)
        salt = 0
        while True:
            candidate = hashlib.sha256(("%s\0%d" % (seed, salt)).encode("utf-8")).hexdigest()[:8]
            if candidate not in taken:
                break
            salt += 1
        cell["id"] = candidate
        taken.add(candidate)


def configure(c):
    offline_html.configure_html_export(c)
    c.FileContentsManager.pre_save_hook = fill_missing_cell_ids
    # A kernel may rebuild the compiled src/ before it answers (src/cli/tslab-kernel.ts): a whole
    # rebuild can take a minute on a busy 2-core machine, Jupyter's default wait for a (re)start.
    c.MappingKernelManager.kernel_info_timeout = 300


configure(c)  # noqa: F821  (c is defined by the Jupyter config loader)
