/**
 * Does secreted VEGF rise with radiation dose, in each cell line (claim C13)?
 *
 * Per line, at one harvest time, a test for linear trend across the doses
 * (linearTrendTest: one-way ANOVA linear contrast with the dose values as scores and
 * the pooled within-dose variance; R: the ".L" row of summary(lm(y ~ dose_factor)) with
 * contr.poly(k, scores = doses)), on log2 VEGF. Log scale because ELISA error is
 * multiplicative (the SD grows with the mean), so log values have a common variance
 * across doses as the contrast assumes, and the slope reads as a relative change:
 * 2^slope − 1 per Gy. Two-sided P; "increases" = slope > 0 and P < alpha.
 *
 * The time: the latest harvest time at which every line has two or more doses (or
 * `hours`), where secreted VEGF has accumulated longest; the same test at every other
 * time is in `byTime` (at the time of irradiation itself no rise is expected).
 *
 * @example
 * const d = secretionDoseTrend(loadVegfSecretion().fields);
 * d.lines.map((l) => [l.cellLine, l.percentPerGy, l.pValue]);
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { linearTrendTest } from "../stats/index";
import type { Alternative } from "../stats/index";
import { distinctSorted, latestCommonTime, log2Column, mean, pick, readInVitro, sd } from "./columns";
import type { SecretionColumns } from "./columns";

export interface SecretionDoseTrendOptions {
  /** Harvest time of the headline test (default: the latest time every line has 2+ doses). */
  hours?: number;
  alternative?: Alternative;
  /** Significance level of the "increases" flags (default 0.05). */
  alpha?: number;
  missing?: MissingPolicy;
}

export interface DoseTrendLine {
  cellLine: string;
  hours: number;
  doses: number[];
  n: number[];
  /** Mean and SD of VEGF (pg/ml) per dose. */
  mean: number[];
  sd: (number | null)[];
  /** 2^mean(log2 VEGF) per dose. */
  geometricMean: number[];
  /** Linear-contrast slope of log2 VEGF per Gy, and as a percentage change per Gy. */
  slopeLog2PerGy: number;
  percentPerGy: number;
  /** Geometric mean at the highest dose over that at the lowest. */
  foldHighestVsLowest: number;
  t: number;
  df: number;
  pValue: number;
  /** P of the regression of log2 VEGF on dose (lack of fit in its error term). */
  regressionPValue: number;
  increases: boolean;
}

export interface SecretionDoseTrendResult {
  method: "Linear trend of log2 secreted VEGF across doses per cell line (ANOVA linear contrast, dose scores)";
  alternative: Alternative;
  alpha: number;
  hours: number;
  hoursRule: "latest time with every line at 2+ doses" | "given";
  lines: DoseTrendLine[];
  /** The same test per line at every time with 2+ doses (null where it cannot be computed, e.g. no replicates). */
  byTime: { cellLine: string; hours: number; slopeLog2PerGy: number | null; percentPerGy: number | null; pValue: number | null }[];
  dropped: number;
}

/** Dose trend test of secreted VEGF per line; see the file comment. */
export function secretionDoseTrend(columns: SecretionColumns, options: SecretionDoseTrendOptions = {}): SecretionDoseTrendResult {
  const alternative = options.alternative === undefined ? "two.sided" : options.alternative;
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be between 0 and 1");
  const data = readInVitro(columns, ["vegf_pg_ml"], options.missing);
  const raw = data.values.vegf_pg_ml;
  const y = log2Column("vegf_pg_ml", raw, data.rows);
  let hours: number;
  let hoursRule: SecretionDoseTrendResult["hoursRule"];
  if (options.hours !== undefined) {
    hours = options.hours;
    hoursRule = "given";
    for (const l of data.lines) {
      const doses = new Set<number>();
      data.line.forEach((x, k) => {
        if (x === l && data.hours[k] === hours) doses.add(data.dose[k]);
      });
      if (doses.size < 2) throw new InputError("hours", null, hours, `has fewer than 2 doses for cell line ${JSON.stringify(l)}`);
    }
  } else {
    hours = latestCommonTime(data, 2);
    hoursRule = "latest time with every line at 2+ doses";
  }
  const rowsOf = (line: string, h: number): number[] => {
    const out: number[] = [];
    for (let k = 0; k < data.line.length; k++) if (data.line[k] === line && data.hours[k] === h) out.push(k);
    return out;
  };
  const lines = data.lines.map((cellLine): DoseTrendLine => {
    const idx = rowsOf(cellLine, hours);
    const yy = pick(y, idx);
    const dd = pick(data.dose, idx);
    const tr = linearTrendTest(yy, dd, { alternative });
    const doses = tr.doses;
    const byDose = doses.map((d) => idx.filter((k) => data.dose[k] === d));
    const geometricMean = tr.means.map((m) => Math.pow(2, m));
    return {
      cellLine,
      hours,
      doses,
      n: tr.n,
      mean: byDose.map((b) => mean(pick(raw, b))),
      sd: byDose.map((b) => sd(pick(raw, b))),
      geometricMean,
      slopeLog2PerGy: tr.contrast.slope,
      percentPerGy: (Math.pow(2, tr.contrast.slope) - 1) * 100,
      foldHighestVsLowest: geometricMean[geometricMean.length - 1] / geometricMean[0],
      t: tr.contrast.t,
      df: tr.contrast.df,
      pValue: tr.contrast.pValue,
      regressionPValue: tr.regression.pValue,
      increases: tr.contrast.slope > 0 && tr.contrast.pValue < alpha,
    };
  });
  const byTime: SecretionDoseTrendResult["byTime"] = [];
  for (const cellLine of data.lines) {
    for (const h of distinctSorted(data.hours)) {
      const idx = rowsOf(cellLine, h);
      if (new Set(idx.map((k) => data.dose[k])).size < 2) continue;
      try {
        const tr = linearTrendTest(pick(y, idx), pick(data.dose, idx), { alternative });
        byTime.push({ cellLine, hours: h, slopeLog2PerGy: tr.contrast.slope, percentPerGy: (Math.pow(2, tr.contrast.slope) - 1) * 100, pValue: tr.contrast.pValue });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        byTime.push({ cellLine, hours: h, slopeLog2PerGy: null, percentPerGy: null, pValue: null });
      }
    }
  }
  return {
    method: "Linear trend of log2 secreted VEGF across doses per cell line (ANOVA linear contrast, dose scores)",
    alternative,
    alpha,
    hours,
    hoursRule,
    lines,
    byTime,
    dropped: data.dropped,
  };
}
