/**
 * Serum VEGF and tumor burden (claim C18's context). Serum VEGF here is human VEGF, secreted by
 * the human tumor cells and read by a human-specific ELISA, so it grows with the amount of tumor
 * a mouse carries. Irradiated mice carry less tumor (the irradiated tumor regressed): a higher
 * serum VEGF in them means more VEGF per amount of tumor, and the comparison is clearer adjusted
 * for the burden.
 *
 * - Burden per mouse: the sum of its tumors' volumes on the last measurement day (the largest day
 *   in the growth data); mice without a volume of every site that day, or without a serum value,
 *   are left out and counted.
 * - Model: lm(log(serum) ~ group + log(burden)) (R): the group coefficient is the burden-adjusted
 *   ratio irradiated / sham (e^b with its t interval and test on n − 3 df), the log(burden)
 *   coefficient the power of burden (1: serum proportional to burden). The unadjusted ratio of
 *   geometric means (Welch on log serum) is given beside it, and the within-group Pearson r of
 *   log serum and log burden.
 *
 * @example
 * serumBurden(growth.fields, endpoint.fields).adjusted.ratio;
 */
import { InputError, isMissing } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { correlation, linearModel, tTest } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { CONTROL_GROUP, TREATED_GROUP, mean } from "./columns";
import type { EndpointColumns, GrowthColumns } from "./columns";
import { readGrowth } from "./growth-rates";
import { requireConfLevel } from "../stats/input";

export interface SerumBurdenOptions {
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface SerumBurdenResult {
  method: "Serum VEGF adjusted for tumor burden: lm(log(serum) ~ group + log(burden)), burden = sum of the tumors' volumes on the last day";
  confLevel: number;
  day: number;
  mice: { mouseId: string; group: string; burden: number; serum: number }[];
  /** Mice left out (no serum value, or not every site measured on the last day). */
  leftOut: number;
  groups: { group: string; n: number; geometricMeanBurden: number; geometricMeanSerum: number; serumPer1000: number }[];
  /** Welch on log serum: ratio of geometric means irradiated / sham. */
  unadjusted: { ratio: number; lower: number; upper: number; pValue: number } | null;
  /** Burden-adjusted ratio irradiated / sham (group coefficient of the model). */
  adjusted: { ratio: number; lower: number; upper: number; t: number; df: number; pValue: number } | null;
  /** Power of burden: the log(burden) coefficient. */
  burdenPower: { estimate: number; lower: number; upper: number; pValue: number } | null;
  /** Pearson r of log serum and log burden within each group. */
  withinGroup: { group: string; n: number; r: number | null; pValue: number | null }[];
}

/** Serum VEGF against tumor burden; see the file comment. */
export function serumBurden(growth: GrowthColumns, endpoint: EndpointColumns, options: SerumBurdenOptions = {}): SerumBurdenResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  if (endpoint === null || typeof endpoint !== "object" || endpoint.mouse_id === undefined) {
    throw new InputError("mouse_id", null, null, "is needed in the end-point data to match each mouse's serum VEGF with its tumors");
  }
  const g = readGrowth(growth, options.missing);
  const day = Math.max(...Array.from(g.day));
  const sites = g.sites;
  const burdenOf = new Map<string, { group: string; total: number; sites: number }>();
  for (let k = 0; k < g.day.length; k++) {
    if (g.day[k] !== day) continue;
    const e = burdenOf.get(g.mouseId[k]) || { group: g.group[k], total: 0, sites: 0 };
    e.total += g.volume[k];
    e.sites++;
    burdenOf.set(g.mouseId[k], e);
  }
  const mice: SerumBurdenResult["mice"] = [];
  let leftOut = 0;
  for (let i = 0; i < endpoint.mouse_id.length; i++) {
    const id = String(endpoint.mouse_id[i]);
    const v = endpoint.serum_vegf_pg_ml[i];
    const b = burdenOf.get(id);
    if (isMissing(v) || b === undefined || b.sites < sites.length || !(b.total > 0)) {
      leftOut++;
      continue;
    }
    if (typeof v !== "number" || !(v > 0)) throw new InputError("serum_vegf_pg_ml", i, v, "must be a positive number for its logarithm");
    mice.push({ mouseId: id, group: b.group, burden: b.total, serum: v });
  }
  const groups = g.groups
    .map((group) => {
      const m = mice.filter((x) => x.group === group);
      const gb = m.length > 0 ? Math.exp(mean(m.map((x) => Math.log(x.burden)))) : NaN;
      const gs = m.length > 0 ? Math.exp(mean(m.map((x) => Math.log(x.serum)))) : NaN;
      return { group, n: m.length, geometricMeanBurden: gb, geometricMeanSerum: gs, serumPer1000: (1000 * gs) / gb };
    })
    .filter((x) => x.n > 0);
  const of = (group: string) => mice.filter((x) => x.group === group);
  let unadjusted: SerumBurdenResult["unadjusted"] = null;
  let adjusted: SerumBurdenResult["adjusted"] = null;
  let burdenPower: SerumBurdenResult["burdenPower"] = null;
  const t = of(TREATED_GROUP);
  const c = of(CONTROL_GROUP);
  if (t.length >= 2 && c.length >= 2) {
    const w = tTest(t.map((x) => Math.log(x.serum)), c.map((x) => Math.log(x.serum)), { confLevel });
    unadjusted = { ratio: Math.exp(w.estimate), lower: Math.exp(w.lower), upper: Math.exp(w.upper), pValue: w.pValue };
    const both = t.concat(c);
    try {
      const fit = linearModel(
        { log_serum: both.map((x) => Math.log(x.serum)), log_burden: both.map((x) => Math.log(x.burden)), group: both.map((x) => x.group) },
        "log_serum ~ group + log_burden",
        { levels: { group: [CONTROL_GROUP, TREATED_GROUP] }, confLevel },
      );
      const gc = fit.coefficients.find((x) => x.name === `group${TREATED_GROUP}`);
      const bc = fit.coefficients.find((x) => x.name === "log_burden");
      if (gc !== undefined && gc.estimate !== null && gc.lower !== null && gc.upper !== null && gc.t !== null && gc.pValue !== null) {
        adjusted = { ratio: Math.exp(gc.estimate), lower: Math.exp(gc.lower), upper: Math.exp(gc.upper), t: gc.t, df: fit.dfResidual, pValue: gc.pValue };
      }
      if (bc !== undefined && bc.estimate !== null && bc.lower !== null && bc.upper !== null && bc.pValue !== null) {
        burdenPower = { estimate: bc.estimate, lower: bc.lower, upper: bc.upper, pValue: bc.pValue };
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  const withinGroup = groups.map((gr) => {
    const m = of(gr.group);
    if (m.length < 3) return { group: gr.group, n: m.length, r: null, pValue: null };
    try {
      const r = correlation(m.map((x) => Math.log(x.serum)), m.map((x) => Math.log(x.burden)), { confLevel });
      return { group: gr.group, n: m.length, r: r.pearson.r, pValue: r.pearson.pValue };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { group: gr.group, n: m.length, r: null, pValue: null };
    }
  });
  return {
    method: "Serum VEGF adjusted for tumor burden: lm(log(serum) ~ group + log(burden)), burden = sum of the tumors' volumes on the last day",
    confLevel,
    day,
    mice,
    leftOut,
    groups,
    unadjusted,
    adjusted,
    burdenPower,
    withinGroup,
  };
}
