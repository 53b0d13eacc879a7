/**
 * Exact binomial test of H0: success probability = p, from `successes` of `trials`, two-sided as
 * R's binom.test: the P-value sums the probabilities of every outcome no more likely than the one
 * observed (relative tolerance 1e-7), P = Σ_{j: f(j) ≤ f(k)(1 + 1e-7)} f(j), f the Binomial(n, p)
 * probability. Also the observed proportion.
 *
 * @example
 * binomialTest(27, 1000, 0.0375).pValue; // R: binom.test(27, 1000, 0.0375)$p.value
 */
import { InputError } from "../core/index";

export interface BinomialTestResult {
  successes: number;
  trials: number;
  /** The probability under the null hypothesis. */
  p: number;
  estimate: number;
  pValue: number;
  method: string;
}

/** log of the Binomial(n, p) probabilities of 0..n, by cumulative log factorials. */
function logProbabilities(n: number, p: number): number[] {
  const logFact = [0];
  for (let j = 1; j <= n; j++) logFact.push(logFact[j - 1] + Math.log(j));
  const out: number[] = [];
  for (let j = 0; j <= n; j++) {
    const a = j === 0 ? 0 : j * Math.log(p);
    const b = j === n ? 0 : (n - j) * Math.log1p(-p);
    out.push(logFact[n] - logFact[j] - logFact[n - j] + a + b);
  }
  return out;
}

/** See the file comment. */
export function binomialTest(successes: number, trials: number, p: number): BinomialTestResult {
  if (!Number.isInteger(trials) || trials < 1) throw new InputError("trials", null, trials, "must be a whole number >= 1");
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) throw new InputError("successes", null, successes, `must be a whole number from 0 to ${trials}`);
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new InputError("p", null, p, "must be a probability from 0 to 1");
  let pValue: number;
  if (p === 0) pValue = successes === 0 ? 1 : 0;
  else if (p === 1) pValue = successes === trials ? 1 : 0;
  else {
    const logF = logProbabilities(trials, p);
    const limit = logF[successes] + Math.log1p(1e-7);
    pValue = 0;
    for (let j = 0; j <= trials; j++) if (logF[j] <= limit) pValue += Math.exp(logF[j]);
    pValue = Math.min(1, pValue);
  }
  return { successes, trials, p, estimate: successes / trials, pValue, method: "Exact binomial test" };
}
