/**
 * Xenograft growth rates (claim C16): does the out-of-field tumor grow faster in
 * irradiated mice than in sham mice, and does the irradiated (in-field) tumor shrink?
 *
 * Per tumor (mouse × site), an exponential growth rate: the least-squares slope of
 * ln(volume) on day (linearRegression; R: lm(log(volume) ~ day)) over the measurements
 * from `fromDay` (default 0, the day of irradiation) to `toDay` (default: all), in
 * 1/day; doubling time ln 2 / rate when the rate is positive, and the percentage change
 * per day e^rate − 1. A log-linear fit summarises the whole curve in one number per
 * tumor, so that mice, not measurements, are the units of the comparison; the curves
 * decelerate (Gompertz-like), so the rate is an average over the window, not an initial
 * rate. Volumes of 0 (no palpable tumor) have no logarithm and are left out of that
 * tumor's fit (counted in `excludedZero`); a tumor with fewer than 3 usable points or one
 * value gets no rate (listed in `notFitted`).
 *
 * Per site, the rates of the treated group (irradiated) and the control group (sham)
 * are compared by Welch's t test (R: t.test(rate ~ group)): difference of mean rates
 * irradiated − sham with its interval, and the ratio of mean rates.
 *
 * @example
 * const g = growthRates(loadTumorGrowth().fields);
 * g.sites.find((s) => s.site === "out_of_field")?.test?.pValue;
 */
import { InputError, requireLength, requireSameLength, missingRows, finiteColumn, labelColumn } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { linearRegression, tTest } from "../stats/index";
import { CONTROL_GROUP, TREATED_GROUP, firstAppearance, mean, sd } from "./columns";
import type { GrowthColumns } from "./columns";
import { requireConfLevel } from "../stats/input";

export interface GrowthRatesOptions {
  /** First day of the fit window (default 0, the day of irradiation). */
  fromDay?: number;
  /** Last day of the fit window (default: the last measurement). */
  toDay?: number;
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface TumorGrowthFit {
  mouseId: string;
  group: string;
  site: string;
  /** Points used (positive volumes in the window) and volumes of 0 left out. */
  nPoints: number;
  excludedZero: number;
  /** Slope of ln(volume) per day, its SE, and R². */
  rate: number;
  seRate: number;
  rSquared: number;
  /** ln 2 / rate (null when the rate is not positive). */
  doublingDays: number | null;
  /** e^rate − 1, in percent. */
  percentPerDay: number;
}

export interface GrowthGroupSummary {
  group: string;
  n: number;
  meanRate: number;
  sdRate: number | null;
  /** ln 2 / mean rate (null when not positive). */
  doublingDays: number | null;
}

export interface GrowthSiteComparison {
  site: string;
  groups: GrowthGroupSummary[];
  /** Welch t test of rate, irradiated − sham (null without both groups of 2+ tumors). */
  test: {
    method: "Welch Two Sample t-test";
    difference: number;
    lower: number;
    upper: number;
    t: number;
    df: number;
    pValue: number;
    /** Mean rate irradiated / mean rate sham (null unless both are positive, i.e. both groups grow). */
    ratio: number | null;
  } | null;
}

export interface GrowthRatesResult {
  method: "Per-tumor exponential growth rate (least-squares slope of ln volume on day); Welch t test irradiated vs sham per site";
  fromDay: number;
  toDay: number | null;
  confLevel: number;
  tumors: TumorGrowthFit[];
  notFitted: { mouseId: string; site: string; reason: string }[];
  sites: GrowthSiteComparison[];
  groups: string[];
  dropped: number;
}

/** Per-tumor log-linear growth rates and their comparison per site; see the file comment. */
export function growthRates(columns: GrowthColumns, options: GrowthRatesOptions = {}): GrowthRatesResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const fromDay = options.fromDay === undefined ? 0 : options.fromDay;
  const toDay = options.toDay === undefined ? null : options.toDay;
  const g = readGrowth(columns, options.missing);
  const tumors: TumorGrowthFit[] = [];
  const notFitted: GrowthRatesResult["notFitted"] = [];
  for (const t of g.tumors) {
    const days: number[] = [];
    const logV: number[] = [];
    let excludedZero = 0;
    for (const k of t.rows) {
      const d = g.day[k];
      if (d < fromDay || (toDay !== null && d > toDay)) continue;
      if (g.volume[k] > 0) {
        days.push(d);
        logV.push(Math.log(g.volume[k]));
      } else excludedZero++;
    }
    if (days.length < 3 || new Set(days).size < 2) {
      notFitted.push({ mouseId: t.mouseId, site: t.site, reason: `${days.length} usable measurements in the window (3 on 2+ days needed)` });
      continue;
    }
    if (new Set(logV).size < 2) {
      notFitted.push({ mouseId: t.mouseId, site: t.site, reason: "the same volume at every measurement" });
      continue;
    }
    const fit = linearRegression(days, logV);
    tumors.push({
      mouseId: t.mouseId,
      group: t.group,
      site: t.site,
      nPoints: days.length,
      excludedZero,
      rate: fit.slope,
      seRate: fit.seSlope,
      rSquared: fit.rSquared,
      doublingDays: fit.slope > 0 ? Math.LN2 / fit.slope : null,
      percentPerDay: (Math.exp(fit.slope) - 1) * 100,
    });
  }
  const sites = g.sites.map((site): GrowthSiteComparison => {
    const groups = g.groups.map((group) => {
      const r = tumors.filter((t) => t.site === site && t.group === group).map((t) => t.rate);
      const m = r.length > 0 ? mean(r) : NaN;
      return { group, n: r.length, meanRate: m, sdRate: sd(r), doublingDays: m > 0 ? Math.LN2 / m : null };
    });
    const rates = (group: string): number[] => tumors.filter((t) => t.site === site && t.group === group).map((t) => t.rate);
    const treated = rates(TREATED_GROUP);
    const control = rates(CONTROL_GROUP);
    let test: GrowthSiteComparison["test"] = null;
    if (treated.length >= 2 && control.length >= 2) {
      const w = tTest(treated, control, { confLevel });
      const mc = mean(control);
      const mt = mean(treated);
      test = { method: "Welch Two Sample t-test", difference: w.estimate, lower: w.lower, upper: w.upper, t: w.t, df: w.df, pValue: w.pValue, ratio: mc > 0 && mt > 0 ? mt / mc : null };
    }
    return { site, groups: groups.filter((x) => x.n > 0), test };
  });
  return {
    method: "Per-tumor exponential growth rate (least-squares slope of ln volume on day); Welch t test irradiated vs sham per site",
    fromDay,
    toDay,
    confLevel,
    tumors,
    notFitted,
    sites,
    groups: g.groups,
    dropped: g.dropped,
  };
}

/** Validated growth rows grouped by tumor (mouse × site), in data order. */
export interface GrowthRows {
  mouseId: string[];
  group: string[];
  site: string[];
  day: Float64Array;
  volume: Float64Array;
  /** Groups: sham, irradiated first when present, then any other in data order. */
  groups: string[];
  /** Sites in order of first appearance. */
  sites: string[];
  tumors: { mouseId: string; group: string; site: string; rows: number[] }[];
  rowIndex: number[];
  dropped: number;
}

/** @internal Reads and checks the growth columns (shared with tumorVolumes). */
export function readGrowth(columns: GrowthColumns, missing: MissingPolicy | undefined): GrowthRows {
  if (columns === null || typeof columns !== "object") throw new InputError("columns", null, columns, "must be an object of columns");
  const used: Record<string, ArrayLikeOf> = {};
  for (const name of ["mouse_id", "group", "site", "day", "volume_mm3"] as const) {
    requireLength(name, columns[name]);
    used[name] = columns[name];
  }
  requireSameLength(used);
  const policy = missing === undefined ? "error" : missing;
  if (policy !== "error" && policy !== "drop") throw new InputError("missing", null, missing, 'must be "error" or "drop"');
  const drop = missingRows(used, policy);
  const rowIndex: number[] = [];
  for (let i = 0; i < used.mouse_id.length; i++) if (!drop.has(i)) rowIndex.push(i);
  if (rowIndex.length === 0) throw new InputError("mouse_id", null, used.mouse_id.length, "has no complete rows once missing values are dropped");
  const mouseId = labelColumn("mouse_id", used.mouse_id, drop);
  const group = labelColumn("group", used.group, drop);
  const site = labelColumn("site", used.site, drop);
  const day = finiteColumn("day", used.day, drop);
  const volume = finiteColumn("volume_mm3", used.volume_mm3, drop);
  volume.forEach((v, k) => {
    if (v < 0) throw new InputError("volume_mm3", rowIndex[k], v, "must be >= 0");
  });
  const groupOf = new Map<string, string>();
  const byTumor = new Map<string, { mouseId: string; group: string; site: string; rows: number[] }>();
  const tumors: GrowthRows["tumors"] = [];
  for (let k = 0; k < mouseId.length; k++) {
    const seen = groupOf.get(mouseId[k]);
    if (seen === undefined) groupOf.set(mouseId[k], group[k]);
    else if (seen !== group[k]) throw new InputError("group", rowIndex[k], group[k], `differs within mouse ${JSON.stringify(mouseId[k])} (first ${JSON.stringify(seen)})`);
    const key = `${mouseId[k]}\u0000${site[k]}`;
    let t = byTumor.get(key);
    if (t === undefined) {
      t = { mouseId: mouseId[k], group: group[k], site: site[k], rows: [] };
      byTumor.set(key, t);
      tumors.push(t);
    }
    t.rows.push(k);
  }
  for (const t of tumors) t.rows.sort((a, b) => day[a] - day[b] || a - b);
  const present = firstAppearance(group);
  const groups = [CONTROL_GROUP, TREATED_GROUP].filter((x) => present.indexOf(x) >= 0).concat(present.filter((x) => x !== CONTROL_GROUP && x !== TREATED_GROUP));
  return { mouseId, group, site, day, volume, groups, sites: firstAppearance(site), tumors, rowIndex, dropped: drop.size };
}

type ArrayLikeOf = GrowthColumns["day"];
