import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose } from "../helpers/reference";
import { kaplanMeier, kaplanMeierByGroup, nelsonAalen, numberAtRisk, survivalQuantiles } from "../../src/survival/index";
import type { KaplanMeierResult, NelsonAalenCurve } from "../../src/survival/index";
import { loadFixture, asArray, assertKaplanMeierCurve } from "./fixture";

// Cases of test/fixtures/r/survival-counting-process.R: survfit with (start, stop] rows, case
// weights, robust variance and ctype 1/2, every field of every row.
const cases = loadFixture("survival-counting-process");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function optionsOf(c: any) {
  return {
    start: c.data.start === null ? undefined : asArray(c.data.start),
    weights: c.data.weights === null ? undefined : asArray(c.data.weights),
    robust: c.options.robust === null ? undefined : c.options.robust,
    missing: c.options.missing,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertKm(km: KaplanMeierResult, r: any, label: string): void {
  assertKaplanMeierCurve(km, r, label);
  assert.strictEqual(km.n, r.n, `${label} n`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertHazard(na: NelsonAalenCurve, r: any, label: string, confType: "plain" | "log"): void {
  assertAllClose(na.time, asArray(r.time), `${label} time`);
  assertAllClose(na.nRisk, asArray(r.n_risk), `${label} nRisk`);
  assertAllClose(na.cumHaz, asArray(r.cumhaz), `${label} cumHaz`);
  assertAllClose(na.stdErr, asArray(r.std_chaz), `${label} stdErr`);
  const lower = confType === "plain" ? r.cumhaz_plain_lower : r.cumhaz_log_lower;
  const upper = confType === "plain" ? r.cumhaz_plain_upper : r.cumhaz_log_upper;
  assertAllClose(na.lower, asArray(lower), `${label} ${confType} lower`);
  assertAllClose(na.upper, asArray(upper), `${label} ${confType} upper`);
}

for (const c of cases) {
  test(`survfit cross-check: ${c.name}`, () => {
    const options = optionsOf(c);
    const groups = Object.keys(c.expected.groups);
    const kmOptions = { ...options, confType: c.options.conf_type, confLevel: c.options.conf_level };
    const probs: number[] = asArray(c.options.probs);
    const riskTimes: number[] = asArray(c.options.risk_times);
    if (c.options.ctype === 1) {
      if (c.data.group === null) {
        const km = kaplanMeier(asArray(c.data.time), asArray(c.data.event), kmOptions);
        assert.strictEqual(km.variance, c.expected.robust ? "robust" : "greenwood", `${c.name} variance`);
        assert.strictEqual(km.dropped, c.expected.dropped, `${c.name} dropped`);
        assertKm(km, c.expected.groups.all, c.name);
        const q = survivalQuantiles(km, probs);
        assertAllClose(q.quantile, asArray(c.expected.groups.all.quantile), `${c.name} quantile`);
        assertAllClose(q.lower, asArray(c.expected.groups.all.quantile_lower), `${c.name} quantile lower`);
        assertAllClose(q.upper, asArray(c.expected.groups.all.quantile_upper), `${c.name} quantile upper`);
      } else {
        const fit = kaplanMeierByGroup(asArray(c.data.time), asArray(c.data.event), asArray(c.data.group), { ...kmOptions, levels: groups });
        assert.deepStrictEqual(fit.groups, groups);
        assert.strictEqual(fit.dropped, c.expected.dropped, `${c.name} dropped`);
        const q = survivalQuantiles(fit, probs);
        groups.forEach((g, j) => {
          const r = c.expected.groups[g];
          assertKm(fit.curves[j], r, `${c.name} ${g}`);
          assertAllClose(q.results[j].quantile, asArray(r.quantile), `${c.name} ${g} quantile`);
          assertAllClose(q.results[j].lower, asArray(r.quantile_lower), `${c.name} ${g} quantile lower`);
          assertAllClose(q.results[j].upper, asArray(r.quantile_upper), `${c.name} ${g} quantile upper`);
        });
      }
      // numberAtRisk takes no event column: leave out the rows R drops for a missing event.
      const keep = (values: unknown[] | undefined) => (values === undefined ? undefined : values.filter((_, i) => asArray(c.data.event)[i] !== null));
      const risk = numberAtRisk(keep(asArray(c.data.time)) as number[], riskTimes, c.data.group === null ? null : keep(asArray(c.data.group)), {
        start: keep(options.start),
        weights: keep(options.weights),
        missing: options.missing,
        levels: c.data.group === null ? undefined : groups,
      });
      groups.forEach((g, j) => assertAllClose(risk.nRisk[j], asArray(c.expected.groups[g].risk_n), `${c.name} ${g} numberAtRisk`));
    }
    for (const confType of ["plain", "log"] as const) {
      const na = nelsonAalen(asArray(c.data.time), asArray(c.data.event), {
        ...options,
        group: c.data.group === null ? undefined : asArray(c.data.group),
        levels: c.data.group === null ? undefined : groups,
        ctype: c.options.ctype,
        confType,
        confLevel: c.options.conf_level,
      });
      assert.strictEqual(na.variance, c.expected.robust ? "robust" : "model", `${c.name} variance`);
      assert.deepStrictEqual(na.groups, groups);
      groups.forEach((g, j) => assertHazard(na.curves[j], c.expected.groups[g], `${c.name} ${g}`, confType));
    }
  });
}
