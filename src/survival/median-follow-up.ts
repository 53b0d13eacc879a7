/**
 * Median follow-up by the reverse Kaplan-Meier method (Schemper & Smith 1996):
 * the Kaplan-Meier estimate of the censoring distribution, with censoring as
 * the event and deaths as censored, i.e. R's `survfit(Surv(time, event == 0) ~ 1)`
 * read with `summary(fit)$table` (median, 0.95LCL, 0.95UCL). At a time with both
 * a death and a censoring the death is treated as censored at that time (still
 * "at risk" of being censored), exactly as that call does. Confidence type and
 * level as kaplanMeier (default "log", 0.95); median rule as median.ts.
 * `medianFollowUpByGroup` does the same per group (as `survfit(Surv(time,
 * event == 0) ~ group)`, times merged on the pooled data).
 *
 * @example
 * medianFollowUp([1, 2, 3, 4, 5], [1, 0, 1, 0, 0]); // { median: 4, lower: 2, upper: null, ... }
 */
import type { ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel, checkConfidenceType } from "./confidence-interval";
import type { ConfidenceType } from "./confidence-interval";
import { kaplanMeierByGroupOfColumns, kaplanMeierOfColumns } from "./kaplan-meier";
import type { KaplanMeierOptions, KaplanMeierResult } from "./kaplan-meier";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";

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
  /** Rows dropped for missing values (for a by-group call: from the whole input). */
  dropped: number;
}

export interface MedianFollowUpByGroupResult {
  groups: string[];
  /** One result per group, same order. */
  results: MedianFollowUpResult[];
  n: number;
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
  const curve = kaplanMeierOfColumns(input.time, flip(input.event as Uint8Array), confType, confLevel, z, input.dropped);
  return summarise(curve);
}

/** Reverse Kaplan-Meier median follow-up per group. */
export function medianFollowUpByGroup(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: KaplanMeierOptions & GroupOptions = {},
): MedianFollowUpByGroupResult {
  const confType = checkConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const input = readSurvivalInput({ time, event, group }, options);
  const curves = kaplanMeierByGroupOfColumns(
    input.time,
    flip(input.event as Uint8Array),
    input.group as Int32Array,
    input.groupLevels.length,
    confType,
    confLevel,
    z,
    input.dropped,
  );
  return { groups: input.groupLevels, results: curves.map(summarise), n: input.n, dropped: input.dropped };
}

function flip(events: Uint8Array): Uint8Array {
  const censored = new Uint8Array(events.length);
  for (let i = 0; i < events.length; i++) censored[i] = 1 - events[i];
  return censored;
}

function summarise(curve: KaplanMeierResult): MedianFollowUpResult {
  return {
    method: "reverse Kaplan-Meier",
    median: curve.median,
    lower: curve.medianLower,
    upper: curve.medianUpper,
    confType: curve.confType,
    confLevel: curve.confLevel,
    curve,
    n: curve.n,
    dropped: curve.dropped,
  };
}
