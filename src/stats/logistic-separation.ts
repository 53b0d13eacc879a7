/**
 * Signs that a logistic fit is (quasi-)separated: the maximum-likelihood estimate does not
 * exist, IRLS drives some coefficients toward infinity, and the estimates glm stops at depend
 * on when its convergence rule fires.
 *
 * - fittedProbabilityBoundary: the smallest fitted probability of either outcome,
 *   min_r min(mu_r, 1 - mu_r) over the rows in the fit, and whether it falls below a
 *   tolerance. With the tolerance 10 * .Machine$double.eps (GLM_FITTED_EPS) this is R's
 *   glm.fit warning "fitted probabilities numerically 0 or 1 occurred" (mu computed with R's
 *   logit link, clamped at |eta| > 30, so the warning fires exactly when some |eta| > 30).
 *   R's rule misses quasi-separation that glm's deviance rule stops early: when a binary
 *   covariate level has no event, its coefficient drifts by about 1 per step until the
 *   relative change of the deviance falls below 1e-8 (fitted probabilities then near 1e-9 to
 *   1e-12, no warning). A tolerance such as 1e-8 catches those fits; a well-behaved fit
 *   rarely has fitted probabilities that small (mtcars am ~ hp + wt, a fit with an MLE: 3.4e-8).
 * - emptyBinaryLevels: a certificate, not a threshold. For a covariate taking exactly two
 *   values among the rows in the fit, a value with no event (or no non-event) separates
 *   those rows (quasi-complete separation: the MLE of that coefficient is infinite, whatever
 *   the other columns). Sufficient, not necessary: separation by a combination of columns is
 *   not found this way.
 *
 * @example
 * fittedProbabilityBoundary([-25, 0.3, 2]).boundary;                  // false: R's glm would not warn
 * fittedProbabilityBoundary([-25, 0.3, 2], { tolerance: 1e-8 }).boundary; // true: exp(-25) ~ 1.4e-11
 */
import type { LogisticBlockDesign } from "./logistic-blocks";

/** R's glm.fit threshold for "fitted probabilities numerically 0 or 1 occurred": 10 * .Machine$double.eps. */
export const GLM_FITTED_EPS = 10 * Number.EPSILON;

export interface FittedProbabilityBoundary {
  /** Smallest fitted probability of either outcome, min(mu, 1 - mu), over the rows in the fit. */
  minProbability: number;
  /** Rows in the fit whose min(mu, 1 - mu) is below the tolerance. */
  rows: number;
  tolerance: number;
  /** Some row is below the tolerance. */
  boundary: boolean;
}

/**
 * min(mu, 1 - mu) of a linear predictor with R's logit link: 1 / (1 + exp(|eta|)) for
 * |eta| <= 30, and R's clamped value eps / (1 + eps) beyond.
 */
export function smallerFittedProbability(eta: number): number {
  const a = Math.abs(eta);
  if (a > 30) return Number.EPSILON / (1 + Number.EPSILON);
  return 1 / (1 + Math.exp(a));
}

/**
 * The smallest fitted probability of the rows with linear predictor `eta` (those `include`d;
 * all by default) and whether it is below `tolerance` (default GLM_FITTED_EPS, R's warning).
 */
export function fittedProbabilityBoundary(eta: ArrayLike<number>, options: { include?: (row: number) => boolean; tolerance?: number } = {}): FittedProbabilityBoundary {
  const tolerance = options.tolerance ?? GLM_FITTED_EPS;
  if (!(tolerance > 0 && tolerance < 0.5)) throw new RangeError(`tolerance must be in (0, 0.5), got ${tolerance}`);
  // min(mu, 1 - mu) falls as |eta| grows (R's clamped value beyond 30 is below every value within),
  // so a row is below the tolerance when |eta| exceeds a cut, and the minimum is that of the largest |eta|.
  const clamped = smallerFittedProbability(31);
  const cut = clamped < tolerance ? Math.min(30, Math.log(1 / tolerance - 1)) : Infinity;
  let largest = -1;
  let rows = 0;
  const include = options.include;
  for (let r = 0; r < eta.length; r++) {
    if (include !== undefined && !include(r)) continue;
    const a = Math.abs(eta[r]);
    if (a !== a) throw new RangeError(`eta[${r}] is NaN`);
    if (a > largest) largest = a;
    if (a > cut) rows++;
  }
  const minProbability = largest < 0 ? Infinity : smallerFittedProbability(largest);
  return { minProbability, rows, tolerance, boundary: rows > 0 };
}

export interface EmptyBinaryLevel {
  /** Index of the group covariate in the design (0-based, not counting the intercept). */
  term: number;
  /** The value of the covariate that has no event or no non-event. */
  level: number;
  lacks: "events" | "non-events";
}

/**
 * The group covariates of a logisticBlocks design that take exactly two values among the rows
 * of groups with multiplicity > 0 and have, at one of them, no row with y = 1 (or none with
 * y = 0): each is a certificate of quasi-complete separation; see the file comment.
 */
export function emptyBinaryLevels(design: LogisticBlockDesign, multiplicity: ArrayLike<number>): EmptyBinaryLevel[] {
  const { groups, groupX, groupTerms: q, group, y } = design;
  // Per group: drawn rows with y = 0 and with y = 1 (rows times the group's multiplicity).
  const zeros = new Float64Array(groups);
  const ones = new Float64Array(groups);
  for (let r = 0; r < group.length; r++) {
    const g = group[r];
    const m = multiplicity[g];
    if (!(m > 0)) continue;
    if (y[r] === 1) ones[g] += m;
    else zeros[g] += m;
  }
  const out: EmptyBinaryLevel[] = [];
  for (let c = 0; c < q; c++) {
    const levels: number[] = [];
    const counts = [0, 0, 0, 0]; // [level][y]
    let twoValues = true;
    for (let g = 0; g < groups; g++) {
      if (zeros[g] === 0 && ones[g] === 0) continue;
      const v = groupX[g * q + c];
      let k = levels.indexOf(v);
      if (k < 0) {
        if (levels.length === 2) {
          twoValues = false;
          break;
        }
        levels.push(v);
        k = levels.length - 1;
      }
      counts[2 * k] += zeros[g];
      counts[2 * k + 1] += ones[g];
    }
    if (!twoValues || levels.length < 2) continue;
    levels.forEach((level, k) => {
      if (counts[2 * k + 1] === 0) out.push({ term: c, level, lacks: "events" });
      else if (counts[2 * k] === 0) out.push({ term: c, level, lacks: "non-events" });
    });
  }
  return out;
}
