import type { DataFrame } from "danfojs-node";
import { Table } from "./schema";

/**
 * A danfojs-node DataFrame of a validated table, for display and grouping in
 * notebooks (columns in the table's order; dates stay YYYY-MM-DD strings).
 * danfojs is loaded on first use, so modules that only validate data stay light.
 *
 * @example
 * toDataFrame(loadCohort()).groupby(["arm"]).count().print();
 */
export function toDataFrame(table: Table): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const danfo: typeof import("danfojs-node") = require("danfojs-node");
  const columns: Record<string, Array<string | number>> = {};
  for (const name of Object.keys(table.columns)) columns[name] = table.columns[name].slice();
  return new danfo.DataFrame(columns);
}
