/**
 * A trend with the experiment as the unit of replication: the least-squares slope of y on x
 * within each experiment (R: coef(lm(y ~ x, subset = experiment == e))[2]), then a one-sample
 * t test of the slopes across experiments (R: t.test(slopes)), on experiments − 1 df.
 *
 * Why not lm(y ~ experiment + x): that model lets experiments differ in level only, and counts
 * every dish as a replicate of one common slope. When experiments differ in their response
 * strength (a batch responds more strongly), the slope varies between experiments, and the
 * dishes of one experiment do not replicate that variation: the pooled within-block slope's
 * standard error is too small and its P value too small. The summary-statistic approach (one
 * slope per experiment) is the random-slope analysis for balanced designs, and valid whatever the
 * design (each experiment weighted equally). `pooled` gives the within-block slope beside it, for
 * comparison only.
 *
 * An experiment with fewer than 2 distinct x values has no slope and is left out (named in
 * `skipped`); fewer than 2 slopes, or slopes all equal, throw an InputError naming `name`.
 */
import { InputError } from "../core/index";
import { tTest } from "../stats/index";
import { withinBlockSlope } from "./within-block-slope";
import type { WithinBlockSlope } from "./within-block-slope";

export interface ExperimentSlope {
  experiment: string;
  slope: number;
  n: number;
}

export interface PerExperimentSlopes {
  /** Mean of the experiments' slopes, its standard error, t test (df = experiments − 1) and interval. */
  estimate: number;
  stdErr: number;
  t: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
  slopes: ExperimentSlope[];
  /** Experiments without a slope (fewer than 2 distinct x values). */
  skipped: string[];
  /** The within-experiment slope of lm(y ~ experiment + x), dishes as replicates (comparison only); null when it cannot be computed. */
  pooled: WithinBlockSlope | null;
}

/** Per-experiment slopes and their t test; see the file comment. */
export function perExperimentSlopes(y: ArrayLike<number>, x: ArrayLike<number>, experiment: readonly string[], confLevel = 0.95, name = "x"): PerExperimentSlopes {
  const order: string[] = [];
  const rows = new Map<string, number[]>();
  for (let i = 0; i < y.length; i++) {
    let r = rows.get(experiment[i]);
    if (r === undefined) {
      r = [];
      rows.set(experiment[i], r);
      order.push(experiment[i]);
    }
    r.push(i);
  }
  const slopes: ExperimentSlope[] = [];
  const skipped: string[] = [];
  for (const e of order) {
    const idx = rows.get(e) as number[];
    let mx = 0;
    let my = 0;
    for (const i of idx) {
      mx += x[i];
      my += y[i];
    }
    mx /= idx.length;
    my /= idx.length;
    let sxx = 0;
    let sxy = 0;
    for (const i of idx) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    if (!(sxx > 0)) skipped.push(e);
    else slopes.push({ experiment: e, slope: sxy / sxx, n: idx.length });
  }
  if (slopes.length < 2) {
    throw new InputError(name, null, slopes.length, `gives a slope in ${slopes.length} experiment${slopes.length === 1 ? "" : "s"} (2 or more values of ${name} needed in each): no test across experiments`);
  }
  const t = tTest(slopes.map((s) => s.slope), null, { confLevel });
  let pooled: WithinBlockSlope | null = null;
  try {
    pooled = withinBlockSlope(y, x, experiment, confLevel, name);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  return { estimate: t.estimate, stdErr: t.stdErr, t: t.t, df: t.df, pValue: t.pValue, lower: t.lower, upper: t.upper, slopes, skipped, pooled };
}
