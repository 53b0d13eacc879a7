/**
 * A plotly figure as plain data: traces, layout and config, exactly what
 * `Plotly.newPlot(element, data, layout, config)` takes. Figure builders in
 * src/plots return this; the display module renders it in a notebook, and the
 * figure exporter renders the same object to SVG/PNG.
 */
export interface PlotlyFigure {
  // Plotly's trace and layout schemas are large and open-ended; kept as records here.
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}
