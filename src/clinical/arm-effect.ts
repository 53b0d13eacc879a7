/**
 * One hazard ratio of the exposure (RT) out of a Cox fit, as the bias analyses report it:
 * estimate, confidence limits, P (robust when the fit is), the rows and events it rests on.
 *
 * @example
 * armEffect(coxPH(time, death, { rt }), "rt", "naive, from enrollment");
 */
import { InputError } from "../core/index";
import type { CoxPHResult } from "../survival/cox";
import { proportionalHazardsTest } from "../survival/cox-zph";

export interface ArmEffect {
  /** What was estimated, in words. */
  analysis: string;
  /** The exposure's term in the fit. */
  term: string;
  coef: number;
  /** The standard error used for the limits (robust when the fit is robust). */
  se: number;
  hazardRatio: number;
  lower: number;
  upper: number;
  pValue: number;
  robust: boolean;
  /** Rows (patients, or (start, stop] pieces) and events in the fit. */
  n: number;
  nEvent: number;
  /** Covariates besides the exposure ([] when unadjusted). */
  adjustedFor: string[];
  /** The whole fit. */
  fit: CoxPHResult;
}

/** The term `term` of `fit`; see the file comment. */
export function armEffect(fit: CoxPHResult, term: string, analysis: string): ArmEffect {
  const j = fit.names.indexOf(term);
  if (j < 0) throw new Error(`armEffect: ${term} is not a term of the fit (${fit.names.join(", ")})`);
  return {
    analysis,
    term,
    coef: fit.coef[j],
    se: fit.robust && fit.robustSe !== null ? fit.robustSe[j] : fit.se[j],
    hazardRatio: fit.hazardRatio[j],
    lower: fit.lower[j],
    upper: fit.upper[j],
    pValue: fit.pValue[j],
    robust: fit.robust,
    n: fit.n,
    nEvent: fit.nEvent,
    adjustedFor: fit.names.filter((x) => x !== term),
    fit,
  };
}

/**
 * The proportional-hazards check of the exposure's term: cox.zph's score test with the
 * Kaplan-Meier transform (proportionalHazardsTest; R's cox.zph(fit)$table[term, "p"], which for
 * weighted and robust fits uses the fit's variance as R does). null when it cannot be computed.
 * Computed once per fit (kept while the fit is).
 */
export function exposureProportionalHazards(e: ArmEffect): number | null {
  let ph = phTests.get(e.fit);
  if (ph === undefined) {
    try {
      ph = proportionalHazardsTest(e.fit);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ph = null;
    }
    phTests.set(e.fit, ph);
  }
  return ph === null ? null : ph.pValue[ph.terms.indexOf(e.term)];
}

/**
 * The test of each fit already checked (null where it could not be computed): notebook 07 asks for
 * the same fits' test in several tables and sentences, and a fit's result is not changed after it is made.
 */
const phTests = new WeakMap<CoxPHResult, ReturnType<typeof proportionalHazardsTest> | null>();
