/**
 * Tumor volume at the end of the experiment, irradiated versus sham mice, per site
 * (claim C16), and whether each tumor ended smaller than it started (regression).
 *
 * - Final volume: the volume on the last measurement day of the site (the largest day
 *   in the data for that site); tumors not measured that day (e.g. a mouse that died
 *   early) are left out of the comparison and counted.
 * - Test: Welch's t test of ln(final volume), irradiated − sham (R: t.test(log(v) ~ group)),
 *   reported as the ratio of geometric means e^diff with its interval. Log scale because
 *   tumor volumes grow multiplicatively and spread in proportion to their size. When a
 *   final volume is 0 the log test is not defined (null); `rawTest` (Welch on mm³) is
 *   always given as a sensitivity check.
 * - Baseline: the last measurement on or before day 0 (the day of irradiation), else the
 *   first one. Per tumor: final / baseline, and the nadir ratio (smallest volume after
 *   baseline / baseline). A tumor "regressed" when its final volume is below baseline.
 * - Baseline-adjusted comparison (ANCOVA): ln(final volume) ~ ln(baseline volume) + group
 *   (R: lm(log(final) ~ log(baseline) + group)), the group coefficient as the adjusted ratio
 *   of geometric means e^b with its interval and t test on n − 3 df. It removes the part of
 *   the final difference that the day-0 sizes explain and is more precise than the plain
 *   comparison when baseline and final volumes are correlated. Its assumptions are shown: the
 *   parallel-slopes test (the ln baseline × group interaction of
 *   lm(log(final) ~ log(baseline) * group), R's anova) and the Shapiro-Wilk test of its residuals.
 *   When the slopes may differ, `separateSlopes` gives the group ratio at the mean ln baseline
 *   from the model with the interaction and the baseline centred
 *   (R: lm(log(final) ~ I(log(baseline) − mean) * group), the group coefficient).
 * - Baseline balance: the day-0 volumes of the groups (Welch on ln baseline volume, ratio of
 *   geometric means): a chance imbalance at randomisation is shown, and the ANCOVA adjusts for it.
 *
 * @example
 * const v = finalVolumes(loadTumorGrowth().fields);
 * v.sites.find((s) => s.site === "out_of_field")?.test?.ratio;
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaTable, linearModel, shapiroWilk, tTest } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { CONTROL_GROUP, TREATED_GROUP, mean, sd } from "./columns";
import type { GrowthColumns } from "./columns";
import { readGrowth } from "./growth-rates";
import { requireConfLevel } from "../stats/input";

export interface FinalVolumesOptions {
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface TumorVolumeRow {
  mouseId: string;
  group: string;
  site: string;
  baselineDay: number;
  baselineVolume: number;
  finalDay: number;
  finalVolume: number;
  /** finalVolume / baselineVolume (null for a baseline of 0). */
  finalRatio: number | null;
  /** Smallest volume after the baseline / baseline (null without later measurements or with a baseline of 0). */
  nadirRatio: number | null;
  regressed: boolean;
}

export interface VolumeGroupSummary {
  group: string;
  /** Tumors measured on the final day. */
  n: number;
  mean: number;
  sd: number | null;
  median: number;
  /** e^mean(ln volume) (null when a volume is 0). */
  geometricMean: number | null;
  /** Tumors (measured on the final day) whose final volume is below baseline. */
  regressed: number;
}

export interface VolumeSiteComparison {
  site: string;
  finalDay: number;
  /** Tumors of the site not measured on the final day. */
  notMeasuredOnFinalDay: number;
  groups: VolumeGroupSummary[];
  /** Welch on ln volume, irradiated − sham: ratio of geometric means e^diff (null as explained in the file comment). */
  test: { ratio: number; lower: number; upper: number; t: number; df: number; pValue: number } | null;
  /** Welch on mm³, irradiated − sham. */
  rawTest: { difference: number; lower: number; upper: number; t: number; df: number; pValue: number } | null;
  /** ANCOVA on ln volume adjusted for ln baseline: adjusted ratio irradiated / sham (null as `test`, or without baseline variation). */
  ancova: {
    ratio: number;
    lower: number;
    upper: number;
    t: number;
    df: number;
    pValue: number;
    baselineSlope: number;
    n: number;
    /** Test of parallel slopes: the ln baseline × group interaction (F on 1 and n − 4 df); null when it cannot be fitted. */
    parallelSlopes: { f: number; df1: number; df2: number; pValue: number } | null;
    /** Shapiro-Wilk test of the ANCOVA's residuals (null below 3 tumors). */
    residualShapiro: { w: number; pValue: number } | null;
    /** With a slope per group: the ratio irradiated / sham at the mean ln baseline (null when it cannot be fitted). */
    separateSlopes: { ratio: number; lower: number; upper: number; pValue: number } | null;
    fitted: number[];
    residuals: number[];
  } | null;
  /** Day-0 (baseline) volumes, irradiated vs sham: ratio of geometric means (Welch on ln volume); null without 2+ tumors per group or with a baseline of 0. */
  baselineBalance: { ratio: number; lower: number; upper: number; pValue: number; meanLogSham: number; meanLogIrradiated: number } | null;
}

export interface FinalVolumesResult {
  method: "Final tumor volume, irradiated vs sham per site: Welch t test on ln volume (ratio of geometric means)";
  confLevel: number;
  tumors: TumorVolumeRow[];
  sites: VolumeSiteComparison[];
  dropped: number;
}

/** Final volumes and baseline ratios per tumor, compared by group per site; see the file comment. */
export function finalVolumes(columns: GrowthColumns, options: FinalVolumesOptions = {}): FinalVolumesResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const g = readGrowth(columns, options.missing);
  const tumors: TumorVolumeRow[] = g.tumors.map((t) => {
    const rows = t.rows;
    let b = 0;
    for (let i = 0; i < rows.length; i++) if (g.day[rows[i]] <= 0) b = i;
    const baselineVolume = g.volume[rows[b]];
    const last = rows[rows.length - 1];
    let nadir: number | null = null;
    for (let i = b + 1; i < rows.length; i++) nadir = nadir === null ? g.volume[rows[i]] : Math.min(nadir, g.volume[rows[i]]);
    return {
      mouseId: t.mouseId,
      group: t.group,
      site: t.site,
      baselineDay: g.day[rows[b]],
      baselineVolume,
      finalDay: g.day[last],
      finalVolume: g.volume[last],
      finalRatio: baselineVolume > 0 ? g.volume[last] / baselineVolume : null,
      nadirRatio: nadir === null || !(baselineVolume > 0) ? null : nadir / baselineVolume,
      regressed: g.volume[last] < baselineVolume,
    };
  });
  const sites = g.sites.map((site): VolumeSiteComparison => {
    const ofSite = tumors.filter((t) => t.site === site);
    let finalDay = -Infinity;
    for (const t of ofSite) finalDay = Math.max(finalDay, t.finalDay);
    const measured = ofSite.filter((t) => t.finalDay === finalDay);
    const groups = g.groups
      .map((group): VolumeGroupSummary => {
        const v = measured.filter((t) => t.group === group).map((t) => t.finalVolume);
        const sorted = v.slice().sort((a, b) => a - b);
        const m = sorted.length;
        return {
          group,
          n: m,
          mean: m > 0 ? mean(v) : NaN,
          sd: sd(v),
          median: m === 0 ? NaN : m % 2 === 1 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2,
          geometricMean: m > 0 && v.every((x) => x > 0) ? Math.exp(mean(v.map(Math.log))) : null,
          regressed: measured.filter((t) => t.group === group && t.regressed).length,
        };
      })
      .filter((x) => x.n > 0);
    const vols = (group: string): number[] => measured.filter((t) => t.group === group).map((t) => t.finalVolume);
    const treated = vols(TREATED_GROUP);
    const control = vols(CONTROL_GROUP);
    let test: VolumeSiteComparison["test"] = null;
    let rawTest: VolumeSiteComparison["rawTest"] = null;
    if (treated.length >= 2 && control.length >= 2) {
      if (treated.concat(control).every((x) => x > 0)) {
        const w = tTest(treated.map(Math.log), control.map(Math.log), { confLevel });
        test = { ratio: Math.exp(w.estimate), lower: Math.exp(w.lower), upper: Math.exp(w.upper), t: w.t, df: w.df, pValue: w.pValue };
      }
      const r = tTest(treated, control, { confLevel });
      rawTest = { difference: r.estimate, lower: r.lower, upper: r.upper, t: r.t, df: r.df, pValue: r.pValue };
    }
    const both = measured.filter((t) => t.group === TREATED_GROUP || t.group === CONTROL_GROUP);
    let ancova: VolumeSiteComparison["ancova"] = null;
    if (treated.length >= 2 && control.length >= 2 && both.every((t) => t.finalVolume > 0 && t.baselineVolume > 0)) {
      ancova = baselineAdjusted(
        both.map((t) => Math.log(t.finalVolume)),
        both.map((t) => Math.log(t.baselineVolume)),
        both.map((t) => t.group === TREATED_GROUP),
        confLevel,
      );
    }
    let baselineBalance: VolumeSiteComparison["baselineBalance"] = null;
    const base = (group: string) => ofSite.filter((t) => t.group === group).map((t) => t.baselineVolume);
    const bt = base(TREATED_GROUP);
    const bc = base(CONTROL_GROUP);
    if (bt.length >= 2 && bc.length >= 2 && bt.concat(bc).every((x) => x > 0)) {
      try {
        const w = tTest(bt.map(Math.log), bc.map(Math.log), { confLevel });
        baselineBalance = { ratio: Math.exp(w.estimate), lower: Math.exp(w.lower), upper: Math.exp(w.upper), pValue: w.pValue, meanLogSham: w.meanY as number, meanLogIrradiated: w.meanX };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
      }
    }
    return { site, finalDay, notMeasuredOnFinalDay: ofSite.length - measured.length, groups, test, rawTest, ancova, baselineBalance };
  });
  return {
    method: "Final tumor volume, irradiated vs sham per site: Welch t test on ln volume (ratio of geometric means)",
    confLevel,
    tumors,
    sites,
    dropped: g.dropped,
  };
}

/** lm(log(final) ~ log(baseline) + treated): the treated coefficient as a ratio with its test, and its assumption checks; null when it cannot be estimated. */
function baselineAdjusted(y: number[], x: number[], treated: boolean[], confLevel: number): VolumeSiteComparison["ancova"] {
  const data = { log_final: y, log_baseline: x, group: treated.map((t) => (t ? TREATED_GROUP : CONTROL_GROUP)) };
  const levels = { group: [CONTROL_GROUP, TREATED_GROUP] };
  let fit: ReturnType<typeof linearModel>;
  try {
    fit = linearModel(data, "log_final ~ log_baseline + group", { levels, confLevel });
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  const g = fit.coefficients.find((c) => c.name === `group${TREATED_GROUP}`);
  const b = fit.coefficients.find((c) => c.name === "log_baseline");
  if (g === undefined || b === undefined || g.estimate === null || g.lower === null || g.upper === null || g.t === null || g.pValue === null || b.estimate === null) return null;
  let parallelSlopes: NonNullable<VolumeSiteComparison["ancova"]>["parallelSlopes"] = null;
  try {
    const full = linearModel(data, "log_final ~ log_baseline * group", { levels, confLevel });
    const term = anovaTable(full).terms.find((t) => t.name === "log_baseline:group");
    if (term !== undefined && term.f !== null && term.pValue !== null) parallelSlopes = { f: term.f, df1: term.df, df2: full.dfResidual, pValue: term.pValue };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  let separateSlopes: NonNullable<VolumeSiteComparison["ancova"]>["separateSlopes"] = null;
  try {
    const centre = x.reduce((a, b) => a + b, 0) / x.length;
    const sep = linearModel({ ...data, centred: x.map((v) => v - centre) }, "log_final ~ centred * group", { levels, confLevel });
    const c = sep.coefficients.find((k) => k.name === `group${TREATED_GROUP}`);
    if (c !== undefined && c.estimate !== null && c.lower !== null && c.upper !== null && c.pValue !== null) separateSlopes = { ratio: Math.exp(c.estimate), lower: Math.exp(c.lower), upper: Math.exp(c.upper), pValue: c.pValue };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  let residualShapiro: { w: number; pValue: number } | null = null;
  try {
    const sw = shapiroWilk(fit.residuals);
    residualShapiro = { w: sw.w, pValue: sw.pValue };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  return {
    ratio: Math.exp(g.estimate),
    lower: Math.exp(g.lower),
    upper: Math.exp(g.upper),
    t: g.t,
    df: fit.dfResidual,
    pValue: g.pValue,
    baselineSlope: b.estimate,
    n: fit.n,
    parallelSlopes,
    residualShapiro,
    separateSlopes,
    fitted: Array.from(fit.fitted),
    residuals: Array.from(fit.residuals),
  };
}
