"""The project's HTML export, for every way a page is made: `npm run reproduce`, `npm run export`,
Jupyter's File > Download as > HTML and plain `jupyter nbconvert --to html` under the project's
Jupyter config (.jupyter/config, written by src/cli/setup.sh, loads src/cli/jupyter_config.py).

- The template is `offline/` beside this file: JupyterLab's look without the two CDN scripts
  (require.js, MathJax).
- OfflinePlotly inlines plotly.js (node_modules/plotly.js-dist-min) once in the page head when the
  notebook shows a figure, so the page draws every figure from disk with no network.
- NotebookLinksToPages points links between the study's notebooks (`02-overall-survival.ipynb#x`)
  at the exported pages (`02-overall-survival.html#x`), which sit side by side.

Used with Debian's /usr/bin/python3 (Jupyter lives there).
"""
import os
import re

from nbconvert.preprocessors import Preprocessor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PLOTLY_JS = os.path.join(REPO, "node_modules", "plotly.js-dist-min", "plotly.min.js")
TEMPLATE_NAME = "offline"
FIGURE_MARK = 'class="plotly-figure"'


def _html_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                yield output


def has_figure(nb):
    """True when a code cell's output holds a figure made by src/display's show()."""
    return any(FIGURE_MARK in str(o["data"]["text/html"]) for o in _html_outputs(nb))


def count_figures(nb):
    return sum(str(o["data"]["text/html"]).count(FIGURE_MARK) for o in _html_outputs(nb))


class OfflinePlotly(Preprocessor):
    """Puts plotly.js into resources["plotly_js"] (the offline template inlines it) when the notebook has a figure."""

    def preprocess(self, nb, resources):
        if has_figure(nb):
            if not os.path.exists(PLOTLY_JS):
                raise RuntimeError("%s is missing: run `npm run setup` in %s first" % (PLOTLY_JS, REPO))
            with open(PLOTLY_JS, encoding="utf-8") as f:
                # A literal "</script" inside the library would end the inline script early.
                resources["plotly_js"] = f.read().replace("</script", "<\\/script")
        return nb, resources


_LINK_MD = re.compile(r"\]\((\d\d-[A-Za-z0-9_-]+)\.ipynb(#[^)\s]*)?\)")
_LINK_HTML = re.compile(r'href="(\d\d-[A-Za-z0-9_-]+)\.ipynb(#[^"]*)?"')


class NotebookLinksToPages(Preprocessor):
    """Links to a sibling notebook (NN-name.ipynb) in markdown and HTML outputs point at its page (NN-name.html)."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = _LINK_MD.sub(lambda m: "](%s.html%s)" % (m.group(1), m.group(2) or ""), cell.source)
        for output in _html_outputs(nb):
            html = output["data"]["text/html"]
            text = "".join(html) if isinstance(html, list) else html
            output["data"]["text/html"] = _LINK_HTML.sub(lambda m: 'href="%s.html%s"' % (m.group(1), m.group(2) or ""), text)
        return nb, resources


def configure_html_export(c):
    """Makes the offline template and both preprocessors the default for HTML export in config `c`."""
    c.HTMLExporter.extra_template_basedirs = [HERE]
    c.HTMLExporter.template_name = TEMPLATE_NAME
    c.HTMLExporter.preprocessors = [OfflinePlotly, NotebookLinksToPages]
    # Exporters built on HTMLExporter keep their own templates (the settings above would reach them).
    c.SlidesExporter.template_name = "reveal"
    c.SlidesExporter.preprocessors = []


def html_exporter():
    """An HTMLExporter set up as configure_html_export says, for scripts."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    configure_html_export(c)
    return HTMLExporter(config=c)
