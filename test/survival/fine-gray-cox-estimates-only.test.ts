// fineGrayCox's `estimatesOnly` option (failureFromRtStart fits the Fine-Gray Cox model only for its
// cox.zph test): every field it returns, its model data and the proportional-hazards test made from
// it must be the same doubles as the full fit's.
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { fineGrayCox } from "../../src/survival/fine-gray-cox";
import type { FineGrayCoxOptions } from "../../src/survival/fine-gray-cox";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";

/** Seeded competing-risks data (causes 1 and 2, censoring 0) with tied times and a few missing covariate values. */
function simulate(seed: string, n: number) {
  const rng = seedrandom(seed);
  const time: number[] = [];
  const status: number[] = [];
  const cols: Record<string, number[]> = { arm: [], size: [], grade: [] };
  for (let i = 0; i < n; i++) {
    const arm = rng() < 0.5 ? 1 : 0;
    const size = Math.round((1 + 9 * rng()) * 10) / 10;
    const grade = rng() < 0.05 ? NaN : Math.floor(rng() * 3);
    const t1 = -Math.log(1 - rng()) / (0.05 * Math.exp(0.4 * arm + 0.08 * size));
    const t2 = -Math.log(1 - rng()) / 0.03;
    const c = 2 + 30 * rng();
    const t = Math.min(t1, t2, c);
    time.push(Math.max(0.5, Math.round(t * 2) / 2));
    status.push(t === c ? 0 : t === t1 ? 1 : 2);
    cols.arm.push(arm);
    cols.size.push(size);
    cols.grade.push(grade);
  }
  return { time, status, cols };
}

test("fineGrayCox with estimatesOnly: the same fields, model data and cox.zph test as the full fit, less the concordance and robust score test", () => {
  for (const [seed, n] of [["fg-lean-1", 150], ["fg-lean-2", 400]] as const) {
    const d = simulate(seed, n);
    const variants: Array<[string, Record<string, number[]>, FineGrayCoxOptions]> = [
      ["unadjusted, clustered by subject", { arm: d.cols.arm }, { failCode: 1, clusterBySubject: true, missing: "drop" }],
      ["adjusted, missing dropped, clustered by subject", d.cols, { failCode: 1, clusterBySubject: true, missing: "drop" }],
      ["adjusted, cause 2, rows as clusters, Breslow", d.cols, { failCode: 2, missing: "drop", ties: "breslow" }],
    ];
    for (const [label, cols, options] of variants) {
      const full = fineGrayCox(d.time, d.status, cols, { ...options, estimatesOnly: false });
      const lean = fineGrayCox(d.time, d.status, cols, { ...options, estimatesOnly: true });
      const { concordance: _c, concordanceCounts: _cc, robustScoreTest: _r, ...rest } = full;
      assert.ok(!("concordance" in lean) && !("robustScoreTest" in lean), `${seed} ${label}: fields not computed are absent`);
      assert.ok(Number.isFinite(full.concordance), `${seed} ${label}: the full fit has its concordance`);
      assert.deepStrictEqual(Object.keys(lean), Object.keys(rest), `${seed} ${label}: the same fields in the same order`);
      assert.deepStrictEqual(lean, rest, `${seed} ${label}: every field the same double`);
      assert.deepStrictEqual(lean.model, full.model, `${seed} ${label}: the same model data`);
      assert.deepStrictEqual(proportionalHazardsTest(lean), proportionalHazardsTest(full), `${seed} ${label}: the same cox.zph test`);
      assert.deepStrictEqual(proportionalHazardsTest(lean, { transform: "identity" }), proportionalHazardsTest(full, { transform: "identity" }), `${seed} ${label}: identity transform`);
    }
  }
});
