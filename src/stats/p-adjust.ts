/**
 * P values adjusted for multiple testing, matching R's `p.adjust(p, method)` for
 * "holm" (default), "bonferroni" and "BH".
 *
 * - Bonferroni: min(1, m·p).
 * - Holm (step-down, controls the family-wise error rate): with p sorted ascending,
 *   p(i)_adj = max over j ≤ i of min(1, (m − j + 1)·p(j)).
 * - Benjamini–Hochberg (false discovery rate): with p sorted descending from the largest,
 *   p(i)_adj = min over j ≥ i of min(1, m/j · p(j)).
 * Missing values (null or NaN) stay missing and do not count in m (R's default n = number of non-NA).
 *
 * @example
 * pAdjust([0.01, 0.04, 0.03]); // [0.03, 0.06, 0.06]
 */
import { InputError } from "../core/index";

export type PAdjustMethod = "holm" | "bonferroni" | "BH";

export function pAdjust(p: ReadonlyArray<number | null>, method: PAdjustMethod = "holm"): (number | null)[] {
  if (method !== "holm" && method !== "bonferroni" && method !== "BH") throw new InputError("method", null, method, 'must be "holm", "bonferroni" or "BH"');
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (v === null || v === undefined || Number.isNaN(v)) return;
    if (typeof v !== "number" || v < 0 || v > 1) throw new InputError("p", i, v, "must be a P value between 0 and 1");
    idx.push(i);
  });
  const out: (number | null)[] = p.map(() => null);
  const m = idx.length;
  if (m === 0) return out;
  if (method === "bonferroni") {
    for (const i of idx) out[i] = Math.min(1, m * (p[i] as number));
    return out;
  }
  const order = idx.slice().sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  if (method === "holm") {
    let running = 0;
    order.forEach((i, j) => {
      running = Math.max(running, Math.min(1, (m - j) * (p[i] as number)));
      out[i] = running;
    });
  } else {
    let running = 1;
    for (let j = m - 1; j >= 0; j--) {
      const i = order[j];
      running = Math.min(running, Math.min(1, (m / (j + 1)) * (p[i] as number)));
      out[i] = running;
    }
  }
  return out;
}
