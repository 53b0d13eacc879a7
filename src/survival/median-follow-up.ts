/**
 * Median follow-up by the reverse Kaplan-Meier method (Schemper & Smith 1996):
 * the Kaplan-Meier estimate of the censoring distribution, with censoring as
 * the event and deaths as censored, i.e. R's `survfit(Surv(time, event == 0) ~ 1)`
 * read with `summary(fit)$table` (median, 0.95LCL, 0.95UCL). At a time with both
 * a death and a censoring the death is treated as censored at that time (still
 * "at risk" of being censored), exactly as that call does. Confidence type and
 * level as kaplanMeier (default "log", 0.95); median rule as median.ts.
 *
 * @example
 * medianFollowUp([1, 2, 3, 4, 5], [1, 0, 1, 0, 0]); // { median: 4, lower: 2, upper: null, ... }
 */
import type { ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel, checkConfidenceType } from "./confidence-interval";
import type { ConfidenceType } from "./confidence-interval";
import { kaplanMeierOfColumns } from "./kaplan-meier";
import type { KaplanMeierOptions, KaplanMeierResult } from "./kaplan-meier";
import { readSurvivalInput } from "./survival-input";

export interface MedianFollowUpResult {
  method: "reverse Kaplan-Meier";
  /** Median follow-up time (null if the censoring curve never reaches 0.5). */
  median: number | null;
  /** Its confidence limits. */
  lower: number | null;
  upper: number | null;
  confType: ConfidenceType;
  confLevel: number;
  /** The reverse Kaplan-Meier curve itself (its nEvent counts censorings). */
  curve: KaplanMeierResult;
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Reverse Kaplan-Meier median follow-up; see the file comment. */
export function medianFollowUp(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  options: KaplanMeierOptions = {},
): MedianFollowUpResult {
  const confType = checkConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const input = readSurvivalInput({ time, event }, options);
  const events = input.event as Uint8Array;
  const censored = new Uint8Array(events.length);
  for (let i = 0; i < events.length; i++) censored[i] = 1 - events[i];
  const curve = kaplanMeierOfColumns(input.time, censored, confType, confLevel, z, input.dropped);
  return {
    method: "reverse Kaplan-Meier",
    median: curve.median,
    lower: curve.medianLower,
    upper: curve.medianUpper,
    confType,
    confLevel,
    curve,
    n: input.n,
    dropped: input.dropped,
  };
}
