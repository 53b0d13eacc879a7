/**
 * Xenograft growth as a linear mixed model (claim C16, beside the per-tumor slopes of
 * growthRates): ln(volume) over days, a random intercept and slope per tumor, REML, fixed
 * effects with Satterthwaite degrees of freedom (linearMixedModel; R: lme4::lmer + lmerTest).
 *
 * - Out-of-field model (the claim's question; one shielded tumor per mouse, so tumor = mouse):
 *     log_volume ~ day * irradiated + (day | tumor_id)
 *   `irradiated` is 1 for irradiated mice, 0 for sham; the day:irradiated coefficient is the
 *   difference in mean growth rate (ln volume per day), irradiated − sham.
 * - Both sites (each mouse carries both tumors, so tumors are nested in mice):
 *     log_volume ~ day * irradiated * in_field + (day | tumor_id) + (1 | mouse_id)
 *   `in_field` is 1 for the treated tumor. The mouse term asks whether a mouse's two tumors
 *   share their level; when its variance is estimated at zero the fit is singular (lme4's
 *   boundary fit) and says so. The irradiated in-field tumor shrinks and regrows, so a
 *   straight line in ln volume describes it only roughly: this model is shown for the
 *   variance structure, the out-of-field model answers C16.
 * Measurements from `fromDay` (default 0, the day of irradiation) are used; volumes of 0
 * have no logarithm and are left out (counted). A model that cannot be fitted is reported
 * with the reason (`error`), never as NaN.
 *
 * @example
 * const mm = growthMixedModel(loadTumorGrowth().fields);
 * mm.outOfField.rateDifference; // day:irradiated, with Satterthwaite df and CI
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { FitError, linearMixedModel } from "../stats/index";
import type { LinearMixedModelResult, MixedFixedEffect, VarianceComponent } from "../stats/index";
import { TREATED_GROUP } from "./columns";
import type { GrowthColumns } from "./columns";
import { readGrowth } from "./growth-rates";

export interface GrowthMixedModelOptions {
  /** First day used (default 0). */
  fromDay?: number;
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface GrowthModelFit {
  formula: string;
  /** null when the model could not be fitted (`error` says why). */
  fit: LinearMixedModelResult | null;
  error: string | null;
  fixedEffects: MixedFixedEffect[];
  randomEffects: VarianceComponent[];
  sigma: number | null;
  singular: boolean;
  messages: string[];
  /** The day:irradiated fixed effect (out-of-field model) or null. */
  rateDifference: MixedFixedEffect | null;
  /** Rows used: tumor, mouse, group, day, ln volume, and the fitted value (conditional on the tumor's random effects) and the population value. */
  points: { tumorId: string; mouseId: string; group: string; site: string; day: number; logVolume: number; fitted: number; population: number }[];
  n: number;
  tumors: number;
}

export interface GrowthMixedModelResult {
  method: "Linear mixed model of ln tumor volume on day, random intercept and slope per tumor (REML, Satterthwaite df)";
  fromDay: number;
  outOfField: GrowthModelFit;
  bothSites: GrowthModelFit;
  /** Volumes of 0 left out (no logarithm). */
  zeroVolumes: number;
  dropped: number;
}

/** Mixed models of xenograft growth; see the file comment. */
export function growthMixedModel(columns: GrowthColumns, options: GrowthMixedModelOptions = {}): GrowthMixedModelResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw new InputError("confLevel", null, confLevel, "must be between 0 and 1");
  const fromDay = options.fromDay === undefined ? 0 : options.fromDay;
  const g = readGrowth(columns, options.missing);
  const rows: number[] = [];
  let zeroVolumes = 0;
  for (let k = 0; k < g.day.length; k++) {
    if (g.day[k] < fromDay) continue;
    if (!(g.volume[k] > 0)) {
      zeroVolumes++;
      continue;
    }
    rows.push(k);
  }
  const frame = (keep: (k: number) => boolean) => {
    const idx = rows.filter(keep);
    return {
      idx,
      data: {
        log_volume: idx.map((k) => Math.log(g.volume[k])),
        day: idx.map((k) => g.day[k]),
        irradiated: idx.map((k) => (g.group[k] === TREATED_GROUP ? 1 : 0)),
        in_field: idx.map((k) => (g.site[k] === "in_field" ? 1 : 0)),
        tumor_id: idx.map((k) => `${g.mouseId[k]} ${g.site[k]}`),
        mouse_id: idx.map((k) => g.mouseId[k]),
      },
    };
  };
  const run = (keep: (k: number) => boolean, formula: string, key: string | null): GrowthModelFit => {
    const f = frame(keep);
    const base: GrowthModelFit = {
      formula,
      fit: null,
      error: null,
      fixedEffects: [],
      randomEffects: [],
      sigma: null,
      singular: false,
      messages: [],
      rateDifference: null,
      points: [],
      n: f.idx.length,
      tumors: new Set(f.data.tumor_id).size,
    };
    try {
      const fit = linearMixedModel(f.data, formula, { confLevel });
      base.fit = fit;
      base.fixedEffects = fit.fixedEffects;
      base.randomEffects = fit.randomEffects;
      base.sigma = fit.sigma;
      base.singular = fit.singular;
      base.messages = fit.messages.slice();
      base.rateDifference = key === null ? null : fit.fixedEffects.find((e) => e.name === key) || null;
      base.points = Array.from(fit.rows, (r, i) => {
        const k = f.idx[r];
        return { tumorId: f.data.tumor_id[r], mouseId: g.mouseId[k], group: g.group[k], site: g.site[k], day: g.day[k], logVolume: fit.y[i], fitted: fit.fitted[i], population: fit.fixedFitted[i] };
      });
    } catch (error) {
      if (error instanceof FitError || error instanceof InputError) base.error = error.message;
      else throw error;
    }
    return base;
  };
  const hasSite = (site: string) => rows.some((k) => g.site[k] === site);
  const outOfField = hasSite("out_of_field")
    ? run((k) => g.site[k] === "out_of_field", "log_volume ~ day * irradiated + (day | tumor_id)", "day:irradiated")
    : { ...emptyFit("log_volume ~ day * irradiated + (day | tumor_id)"), error: 'no "out_of_field" tumors in the data' };
  const bothSites =
    hasSite("out_of_field") && hasSite("in_field")
      ? run(() => true, "log_volume ~ day * irradiated * in_field + (day | tumor_id) + (1 | mouse_id)", null)
      : { ...emptyFit("log_volume ~ day * irradiated * in_field + (day | tumor_id) + (1 | mouse_id)"), error: "needs tumors at both sites" };
  return {
    method: "Linear mixed model of ln tumor volume on day, random intercept and slope per tumor (REML, Satterthwaite df)",
    fromDay,
    outOfField,
    bothSites,
    zeroVolumes,
    dropped: g.dropped,
  };
}

function emptyFit(formula: string): GrowthModelFit {
  return { formula, fit: null, error: null, fixedEffects: [], randomEffects: [], sigma: null, singular: false, messages: [], rateDifference: null, points: [], n: 0, tumors: 0 };
}
