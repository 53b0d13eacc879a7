import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { loadFixture, assertInputError } from "../survival/fixture";
import {
  survivalSampleSize,
  competingRisksSampleSize,
  curveSampleSize,
  trialControlCurves,
  dropoutHazardFromRate,
  exponentialEventProbability,
  exponentialArmIncidence,
  curveArmIncidence,
  trialLossToFollowUp,
  poissonRateInterval,
  assurance,
  expectedPower,
  trialEventTimeline,
  expectedEventsByMonth,
  simulateEventTimeline,
  outOfFieldExcess,
  outOfFieldFromOrigin,
  trialPowerFigure,
  readTrialSimulations,
  trialDesignInputs,
  TRIAL_DESIGN_DEFAULTS,
} from "../../src/design/index";
import { loadCohort } from "../../src/data/clinical";
import { failureFromRtStart, fromRtAnalysisData } from "../../src/clinical/failure-from-rt";
import { fineGray } from "../../src/survival/fine-gray";
import * as path from "path";
import { repoRoot } from "../helpers/reference";

const dataDir = () => path.join(repoRoot, "data");

// test/fixtures/r/design-trial-planning.R: rpact with dropout, nested integrate(), poisson.test, uniroot.
const fx = loadFixture("design-trial-planning");

test("trialLossToFollowUp = R (lost per person-time from RT start, poisson.test limits) and = failureFromRtStart's TACE+RT loss", () => {
  const cohort = loadCohort(dataDir());
  const loss = trialLossToFollowUp(cohort);
  assert.strictEqual(loss.n, fx.loss.n);
  assert.strictEqual(loss.lost, fx.loss.lost);
  assert.strictEqual(loss.deaths, fx.loss.deaths);
  assertClose(loss.personYears, fx.loss.person_years, "person-years", 1e-12);
  assertClose(loss.per100PersonYears, fx.loss.per100, "per 100", 1e-12);
  assertClose(loss.lower, fx.loss.lower, "lower", 1e-9);
  assertClose(loss.upper, fx.loss.upper, "upper", 1e-9);
  assertClose(loss.hazardPerMonth, fx.loss.hazard_per_month, "hazard", 1e-12);
  const fr = failureFromRtStart(cohort, { causeSpecificOnly: true });
  const k = fr.arms.indexOf("TACE+RT");
  assert.strictEqual(loss.lost, fr.followUp.lost[k]);
  assertClose(loss.per100PersonYears, fr.followUp.lostPer100[k], "same as failureFromRtStart", 1e-12);
});

test("trialLossToFollowUp over the out-of-field endpoint's time at risk = R (to progression, death or last contact)", () => {
  const cohort = loadCohort(dataDir());
  const loss = trialLossToFollowUp(cohort, { endpoint: "out-of-field" });
  const r = fx.loss_out_of_field;
  assert.strictEqual(loss.endpoint, "out-of-field");
  assert.strictEqual(loss.n, r.n);
  assert.strictEqual(loss.lost, r.lost);
  assert.strictEqual(loss.deaths, r.deaths);
  assert.strictEqual(loss.progressions, r.progressions);
  assert.strictEqual(loss.toCutoff, r.n - r.lost - r.deaths - r.progressions);
  assertClose(loss.personYears, r.person_years, "person-years", 1e-12);
  assertClose(loss.per100PersonYears, r.per100, "per 100", 1e-12);
  assertClose(loss.lower, r.lower, "lower", 1e-9);
  assertClose(loss.upper, r.upper, "upper", 1e-9);
  assertClose(loss.hazardPerMonth, r.hazard_per_month, "hazard", 1e-12);
  // The endpoint's time at risk is shorter than overall survival's: the same losses give a higher rate.
  assert.ok(loss.personYears < trialLossToFollowUp(cohort).personYears);
  assertInputError(() => trialLossToFollowUp(cohort, { endpoint: "progression" as never }), "endpoint");
});

test("poissonRateInterval = R's poisson.test conf.int", () => {
  for (const c of fx.poisson) {
    const r = poissonRateInterval(c.count, c.exposure, c.conf_level);
    assertClose(r.lower, c.lower, `lower ${c.count}/${c.exposure}`, 1e-9);
    assertClose(r.upper, c.upper, `upper ${c.count}/${c.exposure}`, 1e-9);
  }
  assertInputError(() => poissonRateInterval(1.5, 10), "count");
  assertInputError(() => poissonRateInterval(1, 0), "exposure");
});

test("survivalSampleSize with dropout = rpact::getSampleSizeSurvival(dropoutRate1/2, dropoutTime) to 1e-6", () => {
  assert.ok(fx.survival_dropout.length >= 5);
  for (const c of fx.survival_dropout) {
    // rpact's dropoutRate1 is the experimental arm's, dropoutRate2 the control's.
    const r = survivalSampleSize({
      hazardRatio: c.hr,
      controlHazard: c.lambda,
      accrualMonths: c.a,
      followUpMonths: c.f,
      allocation: c.p,
      power: c.power,
      dropoutHazard: { experimental: dropoutHazardFromRate(c.rate1, c.time), control: dropoutHazardFromRate(c.rate2, c.time) },
    });
    assertClose(r.events, c.events, `events HR ${c.hr}`, 1e-6);
    assertClose(r.patients, c.patients, `patients HR ${c.hr}`, 1e-6);
  }
});

test("competingRisksSampleSize with dropout = nested integrate() in R to 1e-6; no dropout is the old size exactly", () => {
  for (const c of fx.competing_dropout) {
    const r = competingRisksSampleSize({
      subdistributionHR: c.ratio,
      causeHazard: c.cause_hazard,
      competingHazard: c.competing_hazard,
      dropoutHazard: { control: c.dropout_control, experimental: c.dropout_experimental },
      accrualMonths: c.accrual_months,
      followUpMonths: c.follow_up_months,
      allocation: c.allocation,
      power: c.power,
    });
    const l = `sHR ${c.ratio}, eta ${c.dropout_control}/${c.dropout_experimental}`;
    assertClose(r.eventProbability.control, c.psi_control, `${l} psi0`, 1e-8);
    assertClose(r.eventProbability.experimental, c.psi_experimental, `${l} psi1`, 1e-8);
    assertClose(r.patients, c.patients, `${l} patients`, 1e-6);
  }
  const base = { subdistributionHR: 0.7, causeHazard: 0.067, competingHazard: 0.011, accrualMonths: 36, followUpMonths: 24 };
  assert.strictEqual(competingRisksSampleSize({ ...base, dropoutHazard: 0 }).patients, competingRisksSampleSize(base).patients);
  // A tiny dropout hazard goes continuously to the no-dropout size (the two code paths agree).
  assertClose(competingRisksSampleSize({ ...base, dropoutHazard: 1e-12 }).patients, competingRisksSampleSize(base).patients, "continuity", 1e-9);
  assertInputError(() => competingRisksSampleSize({ ...base, dropoutHazard: -0.01 }), "dropoutHazard");
  assertInputError(() => competingRisksSampleSize({ ...base, dropoutHazard: { control: 0.01, experimental: NaN } }), "dropoutHazard.experimental");
});

test("curveSampleSize with dropout = R's step-function integral on cuminc with each jump weighted by exp(-eta u)", () => {
  const curves = trialControlCurves({ outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: null });
  for (const c of fx.curve_dropout) {
    const r = curveSampleSize({
      ratio: c.ratio,
      controlCurve: curves.outOfField!,
      dropoutHazard: { control: c.dropout_control, experimental: c.dropout_experimental },
      accrualMonths: c.accrual_months,
      followUpMonths: c.follow_up_months,
      allocation: c.allocation,
      power: c.power,
    });
    assertClose(r.eventProbability.control, c.psi_control, `psi0 ${c.ratio}`, 1e-9);
    assertClose(r.eventProbability.experimental, c.psi_experimental, `psi1 ${c.ratio}`, 1e-9);
    assertClose(r.patients, c.patients, `patients ${c.ratio}`, 1e-6);
  }
});

test("exponentialArmIncidence: the window integral equals the accrual-averaged survival formula; eventTime inverts F", () => {
  // λ2 = 0, ratio 1: ψ = exponentialEventProbability with dropout.
  const arm = exponentialArmIncidence({ causeHazard: 0.05, dropoutHazard: 0.01 });
  assertClose(arm.windowIntegral(24, 60) / 36, exponentialEventProbability(0.05, 36, 24, 0.01), "psi", 1e-14);
  // The numeric (ratio ≠ 1) path with ratio → 1 meets the closed form.
  const near = exponentialArmIncidence({ causeHazard: 0.05, competingHazard: 0.02, ratio: 1 + 1e-9, dropoutHazard: 0.01 });
  const exact = exponentialArmIncidence({ causeHazard: 0.05, competingHazard: 0.02, dropoutHazard: 0.01 });
  assertClose(near.windowIntegral(10, 50), exact.windowIntegral(10, 50), "numeric vs closed form", 1e-8);
  const e = exponentialArmIncidence({ causeHazard: 0.05, competingHazard: 0.02, ratio: 0.7 });
  const t = e.eventTime(0.3);
  assertClose(e.observed(t), 0.3, "F(F^-1(u)) = u", 1e-10);
  assert.strictEqual(e.eventTime(0.99), Infinity); // beyond the plateau 1 − (2/7)^0.7
  const c = curveArmIncidence({ time: [1, 2, 4], value: [0.1, 0.3, 0.35] }, { dropoutHazard: 0.1 });
  assertClose(c.observed(3), 0.1 * Math.exp(-0.1) + 0.2 * Math.exp(-0.2), "weighted jumps", 1e-15);
  assert.strictEqual(c.eventTime(0.2), 2);
  assert.strictEqual(c.eventTime(0.35), Infinity);
});

test("assurance = integrate() of the power over the prior (normal and uniform on log sHR); a point prior gives the power", () => {
  for (const c of fx.assurance) {
    const r = assurance({ events: c.events, prior: c.prior, allocation: c.allocation, alpha: c.alpha });
    assertClose(r.assurance, c.assurance, `${JSON.stringify(c.prior)}`, 1e-8);
  }
  const point = assurance({ events: 247, prior: { distribution: "normal", ratio: 0.7, sdLog: 0 } });
  // Success is a significant benefit: the one-sided power at alpha / 2 (expectedPower's two-sided power adds the opposite tail).
  assertClose(point.assurance, expectedPower({ patients: 247, eventProbability: 1, hazardRatio: 0.7, alpha: 0.025, sided: 1 }), "point prior", 1e-12);
  assert.ok(point.assurance < expectedPower({ patients: 247, eventProbability: 1, hazardRatio: 0.7 }));
  assert.ok(assurance({ events: 247, prior: { distribution: "normal", ratio: 0.7, sdLog: 0.3 } }).assurance < point.assurance);
  assertInputError(() => assurance({ events: 247, prior: { distribution: "uniform", lower: 0.8, upper: 0.5 } }), "prior.upper");
  assertInputError(() => assurance({ events: 0, prior: { distribution: "normal", ratio: 0.7, sdLog: 0.2 } }), "events");
  // A point mass at no effect: weight w gives w·(α/2) + (1 − w)·assurance of the rest, and P(benefit) shrinks by 1 − w.
  assert.ok(fx.assurance.some((c: { prior: { distribution: string } }) => c.prior.distribution === "mixture"), "the fixture has mixture priors");
  const rest = { distribution: "normal" as const, ratio: 0.7, sdLog: 0.237 };
  const mixed = assurance({ events: 247, prior: { distribution: "mixture", noEffectWeight: 0.5, rest } });
  const restOnly = assurance({ events: 247, prior: rest });
  assertClose(mixed.probabilityOfBenefit, 0.5 * restOnly.probabilityOfBenefit, "mixture P(benefit)", 1e-15);
  assertClose(assurance({ events: 247, prior: { distribution: "mixture", noEffectWeight: 1, rest } }).assurance, 0.025, "all mass at no effect gives alpha/2", 1e-12);
  assertClose(assurance({ events: 247, prior: { distribution: "mixture", noEffectWeight: 0, rest } }).assurance, restOnly.assurance, "no mass at no effect", 1e-15);
  assertInputError(() => assurance({ events: 247, prior: { distribution: "mixture", noEffectWeight: 1.2, rest } }), "prior.noEffectWeight");
  assertInputError(() => assurance({ events: 247, prior: { distribution: "mixture", noEffectWeight: 0.5, rest: { distribution: "uniform", lower: 0.9, upper: 0.5 } } }), "prior.rest.upper");
});

test("trialEventTimeline = uniroot of the expected events in R (exponential model with integrate(), and the Aalen-Johansen step curve)", () => {
  for (const c of fx.timeline_exponential) {
    const arm = (ratio: number) => exponentialArmIncidence({ causeHazard: c.cause_hazard, competingHazard: c.competing_hazard, ratio, dropoutHazard: c.dropout });
    const r = trialEventTimeline({ events: c.events, patients: c.patients, accrualPerMonth: c.accrual_per_month, allocation: c.allocation, control: arm(1), experimental: arm(c.ratio) });
    assertClose(r.expectedMonths, c.months, `months ${c.events}/${c.patients}`, 1e-7);
    assertClose(r.eventsAtAccrualEnd, c.events_at_accrual_end, "events at accrual end", 1e-7);
  }
  const curves = trialControlCurves({ outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: null });
  for (const c of fx.timeline_curve) {
    const arm = (ratio: number) => curveArmIncidence(curves.outOfField!, { ratio, dropoutHazard: c.dropout });
    const r = trialEventTimeline({ events: c.events, patients: c.patients, accrualPerMonth: c.accrual_per_month, allocation: c.allocation, control: arm(1), experimental: arm(c.ratio) });
    assertClose(r.expectedMonths, c.months, `curve months ${c.events}/${c.patients}`, 1e-7);
    assertClose(r.eventsAtAccrualEnd, c.events_at_accrual_end, "curve events at accrual end", 1e-7);
  }
});

test("trialEventTimeline with a linear accrual ramp-up = R (integrate of the entry density times G, uniroot); simulated arrivals follow the ramp", () => {
  for (const c of fx.timeline_ramp_exponential) {
    const arm = (ratio: number) => exponentialArmIncidence({ causeHazard: c.cause_hazard, competingHazard: c.competing_hazard, ratio, dropoutHazard: c.dropout });
    const opts = { patients: c.patients, accrualPerMonth: c.accrual_per_month, allocation: c.allocation, rampMonths: c.ramp_months, control: arm(1), experimental: arm(c.ratio) };
    const r = trialEventTimeline({ ...opts, events: c.events });
    assertClose(r.expectedMonths, c.months, `ramp months ${c.events}/${c.patients}`, 1e-7);
    assertClose(r.accrualMonths, c.accrual_end, "accrual end", 1e-12);
    assertClose(expectedEventsByMonth(opts, 40), c.events_at_40, "E(40)", 1e-7);
  }
  const curves = trialControlCurves({ outOfField: { time: fx.cohort_out_of_field.time, cause: fx.cohort_out_of_field.cause }, survival: null });
  for (const c of fx.timeline_ramp_curve) {
    const arm = (ratio: number) => curveArmIncidence(curves.outOfField!, { ratio, dropoutHazard: c.dropout });
    const opts = { patients: c.patients, accrualPerMonth: c.accrual_per_month, allocation: c.allocation, rampMonths: c.ramp_months, control: arm(1), experimental: arm(c.ratio) };
    assertClose(trialEventTimeline({ ...opts, events: c.events }).expectedMonths, c.months, `ramp curve months ${c.events}/${c.patients}`, 1e-7);
    assertClose(expectedEventsByMonth(opts, 40), c.events_at_40, "curve E(40)", 1e-7);
  }
  // No ramp is the uniform formula; the simulated mean follows the ramp's later accrual.
  const arm = (ratio: number) => exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, ratio, dropoutHazard: 0.0056 });
  const opts = { events: 247, patients: 370, accrualPerMonth: 370 / 36, control: arm(1), experimental: arm(0.7) };
  assert.strictEqual(trialEventTimeline({ ...opts, rampMonths: 0 }).expectedMonths, trialEventTimeline(opts).expectedMonths);
  const ramped = { ...opts, rampMonths: 12 };
  const sim = simulateEventTimeline({ ...ramped, simulations: 300, seed: "ramp-test" });
  const expected = trialEventTimeline(ramped).expectedMonths as number;
  assert.ok(expected > (trialEventTimeline(opts).expectedMonths as number));
  assert.ok(Math.abs((sim.mean as number) - expected) < 4 * (sim.mcse as number) + 0.3, `mean ${sim.mean} vs expected ${expected}`);
  assertClose(sim.meanAccrualMonths, 370 / (370 / 36) + 6, "mean accrual end ≈ n/r + R/2", 0.02);
  assertInputError(() => trialEventTimeline({ ...opts, rampMonths: -1 }), "rampMonths");
});

test("trialEventTimeline: at accrual + follow-up the expected events are patients × ψ; too few patients never reach the events", () => {
  const design = { accrualMonths: 36, followUpMonths: 24 };
  const size = competingRisksSampleSize({ ...design, subdistributionHR: 0.7, causeHazard: 0.067, competingHazard: 0.011, dropoutHazard: 0.0056 });
  const arm = (ratio: number) => exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, ratio, dropoutHazard: 0.0056 });
  const opts = { patients: size.patients, accrualPerMonth: size.patients / 36, control: arm(1), experimental: arm(0.7) };
  assertClose(expectedEventsByMonth(opts, 60), size.events, "E(a + f) = d at the computed size", 1e-9);
  assertClose(trialEventTimeline({ ...opts, events: size.events }).expectedMonths, 60, "time to d = a + f", 1e-8);
  const few = trialEventTimeline({ ...opts, patients: 100, events: 247 });
  assert.strictEqual(few.expectedMonths, null);
  assertInputError(() => trialEventTimeline({ ...opts, events: -1 }), "events");
});

test("simulateEventTimeline: seeded and reproducible; its mean time lies within Monte Carlo error of the expected time", () => {
  const arm = (ratio: number) => exponentialArmIncidence({ causeHazard: 0.067, competingHazard: 0.011, ratio, dropoutHazard: 0.0056 });
  const opts = { events: 247, patients: 370, accrualPerMonth: 370 / 36, control: arm(1), experimental: arm(0.7) };
  const a = simulateEventTimeline({ ...opts, simulations: 400, seed: "timeline-test" });
  const b = simulateEventTimeline({ ...opts, simulations: 400, seed: "timeline-test" });
  assert.deepStrictEqual(a, b);
  const expected = trialEventTimeline(opts).expectedMonths as number;
  // Poisson arrivals and a finite trial shift the mean a little from the deterministic-accrual expectation: allow 4 MCSE + 0.3 month.
  assert.ok(Math.abs((a.mean as number) - expected) < 4 * (a.mcse as number) + 0.3, `mean ${a.mean} vs expected ${expected} (MCSE ${a.mcse})`);
  assert.strictEqual(a.neverReached, 0);
  assertInputError(() => simulateEventTimeline({ ...opts, simulations: 1, seed: "x" }), "simulations");
});

test("outOfFieldExcess: the composite endpoint from the per-site data; each draw's Fine-Gray fit is fineGray's; pooled over draws", () => {
  const cohort = loadCohort(dataDir());
  const data = fromRtAnalysisData(cohort, { seed: "failure-from-rt-1" });
  const { time, cause } = outOfFieldFromOrigin(data);
  const ih = data.sites.find((s) => s.site === "intrahepatic")!;
  const eh = data.sites.find((s) => s.site === "extrahepatic")!;
  time.forEach((t, k) => {
    if (ih.status[k] === 1 || eh.status[k] === 1) {
      assert.strictEqual(cause[k], 1);
      assert.strictEqual(t, Math.min(ih.status[k] === 1 ? ih.time[k] : Infinity, eh.status[k] === 1 ? eh.time[k] : Infinity));
    } else assert.strictEqual(cause[k], ih.status[k] === 2 ? 2 : 0);
  });
  const x = outOfFieldExcess(cohort, { draws: 2 });
  const one = fineGray(time, cause, { arm: data.armCode });
  const two = (() => {
    const d2 = fromRtAnalysisData(cohort, { seed: "failure-from-rt-2" });
    const o = outOfFieldFromOrigin(d2);
    return fineGray(o.time, o.cause, { arm: d2.armCode });
  })();
  assertClose(x.fineGray.unadjusted.coef, (one.coef[0] + two.coef[0]) / 2, "pooled = mean of the draws' log sHR", 1e-12);
  assertClose(x.fineGray.unadjusted.removingRatio, 1 / x.fineGray.unadjusted.ratio, "removing ratio", 1e-14);
  assert.ok(x.fineGray.adjusted !== null && x.causeSpecific.adjusted !== null);
});

test("trialPowerFigure: ψ from the exponential model or the control curve, with or without dropout; simulated points only where they were simulated under those assumptions", () => {
  const report = readTrialSimulations(path.join(repoRoot, "data", "trial-simulations.json"))!;
  const cohort = loadCohort(dataDir());
  const inputs = trialDesignInputs(cohort, { fallback: TRIAL_DESIGN_DEFAULTS.fallback });
  const d = TRIAL_DESIGN_DEFAULTS;
  const design = { inputs: inputs.values, allocation: d.allocation, accrualMonths: d.accrualMonths, followUpMonths: d.followUpMonths, alpha: d.alpha, power: d.power, effects: d.subdistributionHRs };
  const markers = (f: ReturnType<typeof trialPowerFigure>) => (f.data as Array<{ mode?: string }>).filter((t) => t.mode === "markers").length;
  const xTitle = (f: ReturnType<typeof trialPowerFigure>) => String((f.layout as { xaxis: { title: { text: string } } }).xaxis.title.text);
  // The committed trials were simulated with the sizing's dropout and an accrual ramp-up: on no exponential curve.
  const eta = report.settings.dropout!.outOfField.control;
  assert.ok(eta > 0 && (report.settings.rampMonths ?? 0) > 0);
  const expo = trialPowerFigure("out-of-field", design, report);
  assert.strictEqual(markers(expo), 0, "the trials had dropout");
  assert.match(xTitle(expo), /exponential model<br>no dropout/);
  assert.strictEqual(markers(trialPowerFigure("out-of-field", { ...design, dropoutHazard: eta }, report)), 0, "the trials ramped accrual up; the curve assumes uniform accrual");
  // Trials simulated with this dropout and uniform accrual are drawn on the exponential curve with that dropout, one per effect.
  const uniform = { ...report, settings: { ...report.settings, rampMonths: 0 } };
  assert.strictEqual(markers(trialPowerFigure("out-of-field", { ...design, dropoutHazard: eta }, uniform)), d.subdistributionHRs.length);
  assert.strictEqual(markers(trialPowerFigure("out-of-field", design, uniform)), 0, "not on the curve without dropout");
  const curve = trialControlCurves(inputs).outOfField!;
  const onCurve = trialPowerFigure("out-of-field", { ...design, controlCurve: curve }, report);
  assert.strictEqual(markers(onCurve), 1); // the cohort generator's trials at the curve size (design effect)
  assert.match(xTitle(onCurve), /control curve \(Aalen-Johansen\)<br>no dropout/);
  const withDropout = trialPowerFigure("out-of-field", { ...design, controlCurve: curve, dropoutHazard: 0.0056 }, report);
  assert.strictEqual(markers(withDropout), 0);
  assert.match(xTitle(withDropout), /dropout 0\.0056\/month/);
});
