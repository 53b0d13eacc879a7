/**
 * An anchor for the design's effect size from the data: how much more out-of-field progression
 * RT brings, as a subdistribution hazard ratio (sHR) of TACE+RT against TACE alone, and the sHR
 * an added treatment would need to remove that excess, 1 / sHR_RT.
 *
 * The comparison is notebook 03's Part B: TACE+RT from the start of RT, TACE alone from a
 * matched landmark drawn from the RT start times (fromRtAnalysisData); out-of-field progression
 * is the earlier of intrahepatic and extrahepatic progression (every progression at each site,
 * not only first failures), death before it competing. Fine-Gray models (cmprsk::crr's way,
 * fineGray) of the arm alone ("unadjusted") and with the adjustment covariates of the other
 * from-RT models (adjustmentCovariates: the indications for RT the cohort records), and beside
 * them the cause-specific Cox models (Efron ties) of the same endpoint: the sHR also moves with
 * the arms' different death rates, the cause-specific HR is the excess hazard itself. Each landmark
 * draw gives one estimate; `draws` draws (seeds `<seed>-1` …) are pooled by Rubin's rules on the
 * log scale (rubinPool), so the limits carry the draw's randomness too.
 *
 * The anchor is not randomised evidence: the excess comes from a non-randomised comparison
 * (confounding by indication, notebooks 03 and 07), and "removing RT's excess" is one hypothesis
 * of what anti-VEGF therapy could do. Its standard error (of log sHR_RT, `se`) measures how well
 * the data pin the excess down, which is what notebook 08 uses as the spread of a prior on the
 * trial's effect (assurance).
 *
 * @example
 * const x = outOfFieldExcess(loadCohort(), { draws: 20 });
 * x.fineGray.adjusted.removingRatio; // sHR that would bring TACE+RT's out-of-field incidence back to TACE alone's
 */
import { InputError } from "../core/index";
import { fineGray } from "../survival/fine-gray";
import { coxPH } from "../survival/cox";
import { rubinPool } from "../stats/rubin-pool";
import { fromRtAnalysisData } from "../clinical/failure-from-rt";
import type { FromRtAnalysisData } from "../clinical/failure-from-rt";
import { adjustmentCovariates } from "../clinical/cox-by-arm";
import type { CohortData } from "../clinical/arms";
import { requireConfLevel } from "../stats/input";

export interface OutOfFieldExcessOptions {
  /** Landmark draws pooled (≥ 2, default 20). */
  draws?: number;
  /** Seed prefix of the draws (default "failure-from-rt", notebook 03's). */
  seed?: string;
  confLevel?: number;
}

export interface ExcessEstimate {
  model: "unadjusted" | "adjusted";
  /** "fine-gray" (subdistribution HR) or "cause-specific" (hazard ratio). */
  scale: "fine-gray" | "cause-specific";
  /** Covariates besides the arm. */
  covariates: string[];
  /** Pooled (s)HR of out-of-field progression, second arm (TACE+RT) vs first, with limits; log-scale estimate and SE. */
  ratio: number;
  lower: number;
  upper: number;
  coef: number;
  se: number;
  /** The ratio that removes the excess, 1 / ratio, with limits 1 / upper … 1 / lower. */
  removingRatio: number;
  removingLower: number;
  removingUpper: number;
  /** Draws pooled, share of the variance from the draw (Rubin), median events (out-of-field progressions) per draw. */
  draws: number;
  missingInformation: number;
  events: number;
}

export interface OutOfFieldExcess {
  method: "Fine-Gray sHR and cause-specific HR of out-of-field progression (death competing), TACE+RT from RT start vs TACE from a matched landmark, pooled over landmark draws (Rubin)";
  arms: string[];
  seed: string;
  confLevel: number;
  fineGray: { unadjusted: ExcessEstimate; adjusted: ExcessEstimate | null };
  causeSpecific: { unadjusted: ExcessEstimate; adjusted: ExcessEstimate | null };
}

/** Out-of-field progression from the origin: cause 1 the earlier of intrahepatic and extrahepatic progression, 2 death before it, 0 censored. */
export function outOfFieldFromOrigin(data: FromRtAnalysisData): { time: number[]; cause: number[] } {
  const ih = data.sites.filter((s) => s.site === "intrahepatic")[0];
  const eh = data.sites.filter((s) => s.site === "extrahepatic")[0];
  if (ih === undefined || eh === undefined) throw new InputError("sites", null, null, "needs the intrahepatic and extrahepatic sites");
  const time: number[] = [];
  const cause: number[] = [];
  ih.time.forEach((t, k) => {
    const a = ih.status[k] === 1 ? t : Infinity;
    const b = eh.status[k] === 1 ? eh.time[k] : Infinity;
    if (a < Infinity || b < Infinity) {
      time.push(Math.min(a, b));
      cause.push(1);
    } else {
      time.push(Math.max(t, eh.time[k]));
      cause.push(ih.status[k] === 2 || eh.status[k] === 2 ? 2 : 0);
    }
  });
  return { time, cause };
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function outOfFieldExcess(cohort: CohortData, options: OutOfFieldExcessOptions = {}): OutOfFieldExcess {
  const m = options.draws ?? 20;
  if (!Number.isInteger(m) || m < 2) throw new InputError("draws", null, m, "must be a whole number ≥ 2");
  const seed = options.seed ?? "failure-from-rt";
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  type Key = "fine-gray/unadjusted" | "fine-gray/adjusted" | "cause-specific/unadjusted" | "cause-specific/adjusted";
  const fits: Record<string, { coef: number[]; variance: number[]; events: number[]; covariates: string[] }> = {};
  const add = (key: Key, coef: number, se: number, events: number, covariates: string[]) => {
    const f = (fits[key] = fits[key] ?? { coef: [], variance: [], events: [], covariates });
    f.coef.push(coef);
    f.variance.push(se * se);
    f.events.push(events);
  };
  let arms: string[] = [];
  for (let k = 1; k <= m; k++) {
    const data = fromRtAnalysisData(cohort, { seed: `${seed}-${k}` });
    arms = data.arms;
    const { time, cause } = outOfFieldFromOrigin(data);
    const event = cause.map((c) => (c === 1 ? 1 : 0));
    const fg = fineGray(time, cause, { arm: data.armCode }, { confLevel });
    add("fine-gray/unadjusted", fg.coef[0], fg.se[0], fg.nEvent, []);
    const cs = coxPH(time, event, { arm: data.armCode }, { ties: "efron", confLevel });
    add("cause-specific/unadjusted", cs.coef[0], cs.se[0], cs.nEvent, []);
    const adj = adjustmentCovariates(cohort, data.rows);
    if (adj.specs.length > 0) {
      const names = adj.specs.map((s) => s.name);
      const cov: Record<string, number[]> = { arm: data.armCode };
      for (const name of names) cov[name] = data.rows.map((i) => adj.columns[name][i]);
      const fga = fineGray(time, cause, cov, { confLevel, missing: "drop" });
      add("fine-gray/adjusted", fga.coef[0], fga.se[0], fga.nEvent, names);
      const csa = coxPH(time, event, cov, { ties: "efron", confLevel, missing: "drop" });
      add("cause-specific/adjusted", csa.coef[0], csa.se[0], csa.nEvent, names);
    }
  }
  const pooled = (key: Key): ExcessEstimate | null => {
    const f = fits[key];
    if (f === undefined || f.coef.length < m) return null;
    const p = rubinPool(f.coef, f.variance, { confLevel });
    const [scale, model] = key.split("/") as [ExcessEstimate["scale"], ExcessEstimate["model"]];
    return {
      model,
      scale,
      covariates: f.covariates,
      ratio: Math.exp(p.estimate),
      lower: Math.exp(p.lower),
      upper: Math.exp(p.upper),
      coef: p.estimate,
      se: p.se,
      removingRatio: Math.exp(-p.estimate),
      removingLower: Math.exp(-p.upper),
      removingUpper: Math.exp(-p.lower),
      draws: f.coef.length,
      missingInformation: p.missingInformation,
      events: median(f.events),
    };
  };
  return {
    method: "Fine-Gray sHR and cause-specific HR of out-of-field progression (death competing), TACE+RT from RT start vs TACE from a matched landmark, pooled over landmark draws (Rubin)",
    arms,
    seed,
    confLevel,
    fineGray: { unadjusted: pooled("fine-gray/unadjusted") as ExcessEstimate, adjusted: pooled("fine-gray/adjusted") },
    causeSpecific: { unadjusted: pooled("cause-specific/unadjusted") as ExcessEstimate, adjusted: pooled("cause-specific/adjusted") },
  };
}
