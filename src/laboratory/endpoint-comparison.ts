/**
 * End points at sacrifice (claims C17, C18): microvessel density (CD31+ vessels per
 * high-power field in the out-of-field tumor) and serum VEGF, irradiated versus sham,
 * and the correlation between the two across mice.
 *
 * - Group comparison of each measure: Welch's t test, irradiated − sham, in the
 *   measure's own units (R: t.test(y ~ group)); both are averages (of fields, of ELISA
 *   wells), near normal within a group, and the difference in vessels/HPF or pg/ml is
 *   what a reader wants. The Wilcoxon rank-sum test (R: wilcox.test, exact without
 *   ties) is given as a check that does not assume normality.
 * - Correlation across all mice with both values: Pearson r with Fisher-z interval and
 *   t test (R: cor.test), Spearman rho as a rank check, and the least-squares line of
 *   microvessel density on serum VEGF (R: lm(mvd ~ serum)). Pooling both groups lets the
 *   group difference itself carry part of the correlation: two groups that differ in both
 *   measures give a pooled r near ±1 with no association at all within either group. So
 *   the within-group Pearson r of each group is reported, and the group-adjusted (partial)
 *   correlation, the pooled within-group r with its t test and Fisher-z interval
 *   (partialCorrelation; R: the t test of serum in lm(mvd ~ group + serum)). Claim C18
 *   judges the partial correlation (laboratory-claims.ts).
 * Serum VEGF is human VEGF (from the human tumor cells), measured by a human-specific ELISA.
 * Missing values (an unstained tumor, a lost serum sample) throw unless
 * `missing: "drop"`; each measure then uses the mice that have it.
 *
 * @example
 * const e = endpointComparison(loadEndpoint().fields, { missing: "drop" });
 * e.mvd.test?.pValue; e.correlation.pearson.r;
 */
import { InputError, requireLength, requireSameLength, isMissing, labelColumn } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { correlation, linearRegression, partialCorrelation, tTest, wilcoxonTest } from "../stats/index";
import { CONTROL_GROUP, TREATED_GROUP, firstAppearance, mean, sd } from "./columns";
import type { EndpointColumns } from "./columns";
import { requireConfLevel } from "../stats/input";

export interface EndpointComparisonOptions {
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface MeasureComparison {
  measure: "mvd_per_hpf" | "serum_vegf_pg_ml";
  groups: { group: string; n: number; mean: number; sd: number | null; median: number }[];
  /** Welch, irradiated − sham (null without 2+ mice in both groups). */
  test: { difference: number; lower: number; upper: number; t: number; df: number; pValue: number } | null;
  /** Irradiated mean / sham mean. */
  ratio: number | null;
  wilcoxon: { w: number; pValue: number; exact: boolean } | null;
  missing: number;
}

export interface EndpointCorrelation {
  /** Mice with both values. */
  n: number;
  pearson: { r: number; lower: number | null; upper: number | null; t: number; df: number; pValue: number };
  spearman: { rho: number; pValue: number };
  /** Least-squares line mvd = intercept + slope · serum VEGF. */
  fit: { intercept: number; slope: number; rSquared: number; pValue: number };
  /** Pearson r within each group (null below 3 mice or without variation), with its interval. */
  withinGroup: { group: string; n: number; r: number | null; lower: number | null; upper: number | null; pValue: number | null }[];
  /** Group-adjusted (partial) correlation; null (with partialNote) when it cannot be computed. */
  partial: { r: number; lower: number; upper: number; t: number; df: number; pValue: number; n: number } | null;
  partialNote: string | null;
}

export interface EndpointComparisonResult {
  method: "Welch t test irradiated vs sham (Wilcoxon rank-sum check); Pearson correlation of serum VEGF and microvessel density";
  confLevel: number;
  groups: string[];
  mvd: MeasureComparison;
  serumVegf: MeasureComparison;
  correlation: EndpointCorrelation;
  /** Mice missing either measure (left out of the correlation). */
  dropped: number;
}

/** Group comparisons of microvessel density and serum VEGF, and their correlation; see the file comment. */
export function endpointComparison(columns: EndpointColumns, options: EndpointComparisonOptions = {}): EndpointComparisonResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  if (columns === null || typeof columns !== "object") throw new InputError("columns", null, columns, "must be an object of columns");
  const policy = options.missing === undefined ? "error" : options.missing;
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, options.missing, 'must be "error" or "drop"');
  requireLength("group", columns.group);
  requireLength("mvd_per_hpf", columns.mvd_per_hpf);
  requireLength("serum_vegf_pg_ml", columns.serum_vegf_pg_ml);
  requireSameLength({ group: columns.group, mvd_per_hpf: columns.mvd_per_hpf, serum_vegf_pg_ml: columns.serum_vegf_pg_ml });
  const n = columns.group.length;
  const group = labelColumn("group", columns.group);
  const read = (name: "mvd_per_hpf" | "serum_vegf_pg_ml"): (number | null)[] => {
    const col = columns[name];
    const out: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (isMissing(v)) {
        if (policy === "error") throw new InputError(name, i, v, 'is missing (pass { missing: "drop" } to drop such rows)');
        out.push(null);
      } else if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(name, i, v, "must be a finite number");
      else out.push(v);
    }
    return out;
  };
  const mvd = read("mvd_per_hpf");
  const serum = read("serum_vegf_pg_ml");
  const present = firstAppearance(group);
  const groups = [CONTROL_GROUP, TREATED_GROUP].filter((x) => present.indexOf(x) >= 0).concat(present.filter((x) => x !== CONTROL_GROUP && x !== TREATED_GROUP));

  const compare = (measure: MeasureComparison["measure"], values: (number | null)[]): MeasureComparison => {
    const of = (gr: string): number[] => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (group[i] === gr && values[i] !== null) out.push(values[i] as number);
      return out;
    };
    const summaries = groups.map((gr) => {
      const v = of(gr);
      const s = v.slice().sort((a, b) => a - b);
      const m = s.length;
      return { group: gr, n: m, mean: m > 0 ? mean(v) : NaN, sd: sd(v), median: m === 0 ? NaN : m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2 };
    });
    const treated = of(TREATED_GROUP);
    const control = of(CONTROL_GROUP);
    let test: MeasureComparison["test"] = null;
    let wilcoxon: MeasureComparison["wilcoxon"] = null;
    if (treated.length >= 2 && control.length >= 2) {
      const w = tTest(treated, control, { confLevel });
      test = { difference: w.estimate, lower: w.lower, upper: w.upper, t: w.t, df: w.df, pValue: w.pValue };
      const r = wilcoxonTest(treated, control);
      wilcoxon = { w: r.statistic, pValue: r.pValue, exact: r.exact };
    }
    const mc = control.length > 0 ? mean(control) : NaN;
    return { measure, groups: summaries, test, ratio: treated.length > 0 && mc > 0 ? mean(treated) / mc : null, wilcoxon, missing: values.filter((v) => v === null).length };
  };

  const xs: number[] = [];
  const ys: number[] = [];
  const gs: string[] = [];
  for (let i = 0; i < n; i++) {
    if (mvd[i] === null || serum[i] === null) continue;
    xs.push(serum[i] as number);
    ys.push(mvd[i] as number);
    gs.push(group[i]);
  }
  const c = correlation(xs, ys, { confLevel });
  const fit = linearRegression(xs, ys);
  const withinGroup = groups.map((gr) => {
    const x = xs.filter((_, i) => gs[i] === gr);
    const y = ys.filter((_, i) => gs[i] === gr);
    if (x.length < 3 || new Set(x).size < 2 || new Set(y).size < 2) return { group: gr, n: x.length, r: null, lower: null, upper: null, pValue: null };
    const cg = correlation(x, y, { confLevel });
    return { group: gr, n: x.length, r: cg.pearson.r, lower: cg.pearson.lower, upper: cg.pearson.upper, pValue: cg.pearson.pValue };
  });
  let partial: EndpointCorrelation["partial"] = null;
  let partialNote: string | null = null;
  try {
    const pc = partialCorrelation(xs, ys, { group: gs }, { confLevel });
    if (pc.lower === null || pc.upper === null) partialNote = `no interval for the group-adjusted correlation: ${pc.n} mice`;
    else partial = { r: pc.r, lower: pc.lower, upper: pc.upper, t: pc.t, df: pc.df, pValue: pc.pValue, n: pc.n };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    partialNote = `no group-adjusted correlation: ${error.message}`;
  }
  let dropped = 0;
  for (let i = 0; i < n; i++) if (mvd[i] === null || serum[i] === null) dropped++;
  return {
    method: "Welch t test irradiated vs sham (Wilcoxon rank-sum check); Pearson correlation of serum VEGF and microvessel density",
    confLevel,
    groups,
    mvd: compare("mvd_per_hpf", mvd),
    serumVegf: compare("serum_vegf_pg_ml", serum),
    correlation: {
      n: c.n,
      pearson: { r: c.pearson.r, lower: c.pearson.lower, upper: c.pearson.upper, t: c.pearson.t, df: c.pearson.df, pValue: c.pearson.pValue },
      spearman: { rho: c.spearman.rho, pValue: c.spearman.pValue },
      fit: { intercept: fit.intercept, slope: fit.slope, rSquared: fit.rSquared, pValue: fit.pSlope },
      withinGroup,
      partial,
      partialNote,
    },
    dropped,
  };
}
