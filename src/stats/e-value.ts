/**
 * E-value for a hazard ratio and its confidence limit (VanderWeele & Ding,
 * Ann Intern Med 2017): the minimum strength of association, on the risk-ratio
 * scale, that an unmeasured confounder would need with both the treatment and
 * the outcome to explain away the observed association.
 *
 * The hazard ratio is first put on the risk-ratio scale:
 *   rare outcome (< 15% by the end of follow-up):  RR = HR
 *   common outcome:                                RR = (1 - 0.5^sqrt(HR)) / (1 - 0.5^sqrt(1/HR))
 * then, with RR* = RR when RR >= 1 and 1/RR otherwise (protective effects are
 * inverted),
 *   E = RR* + sqrt(RR* (RR* - 1)).
 * For the confidence interval the limit closer to 1 is used (the lower limit
 * when HR > 1, the upper when HR < 1), converted and inverted the same way;
 * when the interval includes 1 its E-value is 1. For a non-null reference
 * value (`trueValue`, converted likewise) the ratio RR/true is used,
 * E = (RR + sqrt(RR (RR - true))) / true, as in R's EValue package
 * (evalues.HR); for an estimate on the far side of `trueValue` the E-value of
 * true/RR is reported.
 *
 * @example
 * eValue(0.56, { lower: 0.46, upper: 0.69, rare: true });  // { point: 2.97..., limit: 2.26..., ... }
 * eValue(1.5, { lower: 0.9, upper: 2.5, rare: false });   // limit: 1 (the interval includes 1)
 */
import { InputError } from "../core/index";

export interface EValueOptions {
  /** Lower and upper confidence limits of the hazard ratio (either or both). */
  lower?: number;
  upper?: number;
  /** Is the outcome rare (< 15% by the end of follow-up)? Required: it decides the HR-to-RR conversion. */
  rare: boolean;
  /** Reference hazard ratio to shift the estimate to (default 1, the null). */
  trueValue?: number;
}

export interface EValueResult {
  /** E-value of the point estimate. */
  point: number;
  /** E-value of the confidence limit closer to the reference (1 when the interval includes it; null without limits). */
  limit: number | null;
  /** Which limit was used ("lower" when HR > trueValue, "upper" when HR < trueValue). */
  limitUsed: "lower" | "upper" | null;
  /** The hazard ratio and the limit on the risk-ratio scale. */
  riskRatio: number;
  riskRatioLimit: number | null;
  hazardRatio: number;
  rare: boolean;
  trueValue: number;
}

function toRiskRatio(hr: number, rare: boolean): number {
  return rare ? hr : (1 - Math.pow(0.5, Math.sqrt(hr))) / (1 - Math.pow(0.5, Math.sqrt(1 / hr)));
}

/** E-value of a risk ratio against the reference `truth` (both already on the RR scale). */
function threshold(rr: number, truth: number): number {
  let x = rr;
  let t = truth;
  if (x <= 1) {
    x = 1 / x;
    t = 1 / t;
  }
  if (t <= x) return (x + Math.sqrt(x * (x - t))) / t;
  const ratio = t / x;
  return ratio + Math.sqrt(ratio * (ratio - 1));
}

function checkRatio(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError(name, null, value, "must be a positive finite hazard ratio");
  return value;
}

/** E-values of a hazard ratio and its confidence limit; see the file comment. */
export function eValue(hazardRatio: number, options: EValueOptions): EValueResult {
  const hr = checkRatio("hazardRatio", hazardRatio);
  if (options === null || typeof options !== "object" || typeof options.rare !== "boolean") {
    throw new InputError("rare", null, options === null || typeof options !== "object" ? undefined : options.rare, "must be true (outcome < 15% by the end of follow-up) or false");
  }
  const rare = options.rare;
  const truthHr = options.trueValue === undefined ? 1 : checkRatio("trueValue", options.trueValue);
  const lowerHr = options.lower === undefined ? undefined : checkRatio("lower", options.lower);
  const upperHr = options.upper === undefined ? undefined : checkRatio("upper", options.upper);
  if (lowerHr !== undefined && lowerHr > hr) throw new InputError("lower", null, lowerHr, `must not exceed the hazard ratio (${hr})`);
  if (upperHr !== undefined && upperHr < hr) throw new InputError("upper", null, upperHr, `must not be below the hazard ratio (${hr})`);
  const rr = toRiskRatio(hr, rare);
  const truth = toRiskRatio(truthHr, rare);
  const point = rr === truth ? 1 : threshold(rr, truth);
  let limit: number | null = null;
  let limitUsed: "lower" | "upper" | null = null;
  let riskRatioLimit: number | null = null;
  if (hr > truthHr && lowerHr !== undefined) {
    limitUsed = "lower";
    riskRatioLimit = toRiskRatio(lowerHr, rare);
    limit = riskRatioLimit <= truth ? 1 : threshold(riskRatioLimit, truth);
  } else if (hr < truthHr && upperHr !== undefined) {
    limitUsed = "upper";
    riskRatioLimit = toRiskRatio(upperHr, rare);
    limit = riskRatioLimit >= truth ? 1 : threshold(riskRatioLimit, truth);
  } else if (hr === truthHr && (lowerHr !== undefined || upperHr !== undefined)) {
    limit = 1;
  }
  return { point, limit, limitUsed, riskRatio: rr, riskRatioLimit, hazardRatio: hr, rare, trueValue: truthHr };
}
