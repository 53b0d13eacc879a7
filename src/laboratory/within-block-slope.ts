/**
 * The slope of y on x within blocks: the least-squares coefficient of x in
 * lm(y ~ block + x) (R), i.e. the pooled within-block regression
 *   b = Σ_b Σ_i (x − x̄_b)(y − ȳ_b) / Σ_b Σ_i (x − x̄_b)²,
 *   residual SS = Σ_b Σ_i (y − ȳ_b)² − b² Σ_b Σ_i (x − x̄_b)²,  df = n − B − 1,
 *   se = sqrt(SS_res / df / Sxx_within),  t = b / se (two-sided P), interval b ± t_q · se.
 * Used for a dose or time trend with the independent experiment as block, so that
 * between-experiment differences (culture batch, ELISA run) leave the slope and its error.
 * Blocks with one observation, or with a single x value, add nothing to the slope (as in lm).
 */
import { InputError } from "../core/index";
import { tQuantile, tTwoSided } from "../distributions/index";

export interface WithinBlockSlope {
  slope: number;
  stdErr: number;
  t: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
  n: number;
  blocks: number;
}

/** Slope of y on x with a block term; see the file comment. Throws (naming `name`) without residual df or x variation within blocks. */
export function withinBlockSlope(y: ArrayLike<number>, x: ArrayLike<number>, block: readonly string[], confLevel = 0.95, name = "x"): WithinBlockSlope {
  const n = y.length;
  const index = new Map<string, number>();
  const code: number[] = [];
  for (let i = 0; i < n; i++) {
    let c = index.get(block[i]);
    if (c === undefined) {
      c = index.size;
      index.set(block[i], c);
    }
    code.push(c);
  }
  const b = index.size;
  const cnt = new Float64Array(b);
  const sx = new Float64Array(b);
  const sy = new Float64Array(b);
  for (let i = 0; i < n; i++) {
    cnt[code[i]]++;
    sx[code[i]] += x[i];
    sy[code[i]] += y[i];
  }
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - sx[code[i]] / cnt[code[i]];
    const dy = y[i] - sy[code[i]] / cnt[code[i]];
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const df = n - b - 1;
  if (df < 1) throw new InputError(name, null, n, `has ${n} observations in ${b} blocks: no residual degrees of freedom for a within-block slope`);
  if (!(sxx > 0)) throw new InputError(name, null, x[0], "does not vary within any block: the within-block slope is undefined");
  const slope = sxy / sxx;
  const ssRes = Math.max(0, syy - slope * sxy);
  const stdErr = Math.sqrt(ssRes / df / sxx);
  const t = stdErr === 0 ? (slope === 0 ? 0 : slope * Infinity) : slope / stdErr;
  const q = tQuantile(1 - (1 - confLevel) / 2, df);
  return { slope, stdErr, t, df, pValue: stdErr === 0 ? (slope === 0 ? 1 : 0) : tTwoSided(t, df), lower: slope - q * stdErr, upper: slope + q * stdErr, n, blocks: b };
}
