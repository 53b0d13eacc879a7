/**
 * Cause-specific Cox model: the hazard of one failure type among subjects
 * still free of every failure, with the other failure types censored at their
 * time, as R's
 *   coxph(Surv(time, cause == failCode) ~ x1 + ..., ...)
 * (equivalently the failCode transition of coxph(Surv(time, factor(cause)) ~ ..., id = id)).
 *
 *   lambda_k(t | x) = lambda_k0(t) exp(x' beta_k)
 *
 * Every coxPH option passes through: `start` for (start, stop] rows (delayed
 * entry, e.g. timing from the start of RT with entry at a landmark, or
 * time-varying covariates), `strata`, `weights`, `robust` / `cluster`, `ties`.
 * The result is coxPH's, with `causeSpecific` saying which code was the event
 * and which codes were censored, and `method` saying so too.
 *
 * A cause-specific hazard ratio describes the rate of that failure among those
 * still at risk; it does not say how the cumulative incidence of the failure
 * differs, which also depends on the other causes (see fineGray for the
 * subdistribution hazard, and cumulativeIncidence / aalenJohansen for the
 * curves).
 *
 * @example
 * // cause: 0 censored, 1 local, 2 intrahepatic out of field, 3 extrahepatic, 4 death
 * const cs = causeSpecificCox(months, cause, { rt, age }, { failCode: 2 });
 * cs.hazardRatio; cs.causeSpecific; // { failCode: 2, censoredCodes: [0, 1, 3, 4], nEvent, nCompeting }
 */
import { InputError, requireLength, isMissing } from "../core/index";
import { causeCodes, failCodeAbsent } from "./cause-codes";
import type { ArrayLikeInput } from "../core/index";
import { coxPH } from "./cox";
import type { CoxPHOptions, CoxPHResult } from "./cox";
import type { Covariates } from "../core/covariates";

export interface CauseSpecificCoxOptions extends Omit<CoxPHOptions, "estimatesOnly"> {
  /** The failure type modelled (default 1). */
  failCode?: number;
  /** The censoring code (default 0); any other code is a competing failure, censored here. */
  censCode?: number;
}

export interface CauseSpecificCoxResult extends CoxPHResult {
  causeSpecific: {
    failCode: number;
    censCode: number;
    /** Codes treated as censored: censCode and every competing failure code present. */
    censoredCodes: number[];
    /** Failures of this type, competing failures (now censored) and censored rows used. */
    nEvent: number;
    nCompeting: number;
    nCensored: number;
  };
}

export function causeSpecificCox(
  time: ArrayLikeInput<unknown>,
  cause: ArrayLikeInput<unknown>,
  covariates: Covariates,
  options: CauseSpecificCoxOptions = {},
): CauseSpecificCoxResult {
  const { failCode, censCode } = causeCodes(options);
  requireLength("cause", cause);
  // Event indicator, keeping missing causes missing (coxPH applies the missing-value policy).
  const event: (number | null)[] = new Array(cause.length);
  const codes = new Set<number>();
  let anyFailure = false;
  for (let i = 0; i < cause.length; i++) {
    const c = cause[i];
    if (isMissing(c)) {
      event[i] = null;
      continue;
    }
    if (typeof c !== "number" || !Number.isInteger(c)) throw new InputError("cause", i, c, "must be an integer cause code");
    const v = c;
    codes.add(v);
    event[i] = v === failCode ? 1 : 0;
    if (v === failCode) anyFailure = true;
  }
  if (!anyFailure) throw failCodeAbsent(failCode, codes);
  const { failCode: _f, censCode: _c, ...coxOptions } = options;
  const fit = coxPH(time, event, covariates, coxOptions);
  // Counts over the rows the model used.
  const used = usedCauses(cause, time, covariates, options, fit);
  const censoredCodes = Array.from(codes).filter((c) => c !== failCode).sort((a, b) => a - b);
  const result: CauseSpecificCoxResult = {
    ...fit,
    method: `Cause-specific Cox model for cause ${failCode} (codes ${censoredCodes.join(", ")} censored at their time): ${fit.method}`,
    causeSpecific: {
      failCode,
      censCode,
      censoredCodes,
      nEvent: fit.nEvent,
      nCompeting: used.competing,
      nCensored: fit.n - fit.nEvent - used.competing,
    },
  };
  if (fit.model) Object.defineProperty(result, "model", { value: fit.model, enumerable: false });
  return result;
}

/** Competing failures among the rows coxPH kept (those with no missing value in any column it read). */
function usedCauses(
  cause: ArrayLikeInput<unknown>,
  time: ArrayLikeInput<unknown>,
  covariates: Covariates,
  options: CauseSpecificCoxOptions,
  fit: CoxPHResult,
): { competing: number } {
  const { failCode, censCode } = causeCodes(options);
  const isRows = Array.isArray(covariates) || typeof (covariates as { length?: unknown }).length === "number";
  const columns: ArrayLikeInput<unknown>[] = [time];
  if (!isRows) for (const c of Object.values(covariates as Record<string, ArrayLikeInput<unknown>>)) columns.push(c);
  for (const name of ["start", "strata", "weights", "cluster"] as const) {
    const c = options[name];
    if (c !== undefined) columns.push(c);
  }
  const rowMissing = (i: number): boolean => {
    if (columns.some((col) => isMissing(col[i]))) return true;
    return isRows && Array.from((covariates as ArrayLikeInput<ArrayLikeInput<unknown>>)[i] as ArrayLike<unknown>).some(isMissing);
  };
  let competing = 0;
  let kept = 0;
  for (let i = 0; i < cause.length; i++) {
    const c = cause[i];
    if (isMissing(c) || rowMissing(i)) continue;
    kept++;
    if (c !== failCode && c !== censCode) competing++;
  }
  if (kept !== fit.n) throw new Error(`causeSpecificCox: ${kept} rows counted but coxPH used ${fit.n}`);
  return { competing };
}
