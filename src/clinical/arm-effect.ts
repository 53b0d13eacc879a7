/**
 * One hazard ratio of the exposure (RT) out of a Cox fit, as the bias analyses report it:
 * estimate, confidence limits, P (robust when the fit is), the rows and events it rests on.
 *
 * @example
 * armEffect(coxPH(time, death, { rt }), "rt", "naive, from enrollment");
 */
import type { CoxPHResult } from "../survival/cox";

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
