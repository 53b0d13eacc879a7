/**
 * The marginal comparison of notebook 07 (sequentialTrialsMarginal) with its censoring model
 * fitted by maximum likelihood and by Firth's penalised likelihood (censoringModel "firth"),
 * side by side: a sensitivity analysis for the bootstrap draws whose ML censoring model is
 * (quasi-)separated. Both runs must use the same seeded draws (same seed, number of draws and
 * data); draws are matched by their number.
 *
 * marginalFirthComparison, per measure: the ML estimate and percentile interval from all
 * usable draws and from the draws not separated (marginalSeparationSensitivity), the Firth
 * estimate and interval from all its draws, and the median absolute per-draw change Firth − ML
 * in the draws ML flags as separated and in the others. Also the Firth fits' convergence,
 * steps and smallest fitted probability (to set against ML's in the separated draws).
 * Optionally a third run with FLIC (censoringModel "flic": Firth's slopes, the intercept refitted
 * by ML), typically its point estimate only (bootstrap 0): per measure its difference, and for
 * each model the expected RT starts (sum of fitted probabilities, against the observed), the
 * control rows' entry odds against ML's (entryOddsRatios) and the mean per-window weight factor
 * (meanWindowWeightFactor).
 *
 * @example
 * const ml = sequentialTrialsMarginal(cohort, options);
 * const firth = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "firth" });
 * showTable(marginalFirthRows(marginalFirthComparison(ml, firth)));
 */
import { InputError } from "../core/index";
import { quantileSorted } from "../stats/quantile-sorted";
import type { TableLike } from "../display/table-html";
import { fmt } from "./format";
import { marginalMeasureRow } from "./bias-tables";
import { marginalSeparationSensitivity } from "./marginal-separation";
import type { SeparationInterval } from "./marginal-separation";
import type { IpcwWeights, MarginalResult } from "./sequential-trials-ipcw";

/** One censoring model's fit as the comparison reports it. */
export interface CensoringModelCheck {
  /** Sum of the fitted probabilities of starting RT, and the RT starts observed. */
  expectedStarts: number;
  observedStarts: number;
  /** Mean per-window weight factor (1 - numerator) / (1 - censoring model) of the control rows (meanWindowWeightFactor). */
  meanWeightFactor: number;
  /** Control rows' entry odds over ML's: median, min, max (1 for ML itself). */
  entryOddsRatio: [number, number, number];
}

export interface MarginalFirthComparison {
  confLevel: number;
  /** Per model: expected against observed RT starts, weight factor, entry odds against ML's (flic null without a FLIC run). */
  models: { ml: CensoringModelCheck; firth: CensoringModelCheck; flic: CensoringModelCheck | null };
  /** Usable draws of each run, and the draws both have. */
  draws: { ml: number; firth: number; matched: number };
  /** Matched draws whose ML censoring model is separated (marginal-separation.ts). */
  separatedDraws: number;
  /** The Firth censoring models of the draws: converged, steps (median, min, max), smallest fitted probability (min over draws). */
  firthFits: { converged: number; iterations: [number, number, number]; minProbability: number };
  /** ML's smallest fitted probability over its separated draws (NaN when none). */
  mlSeparatedMinProbability: number;
  /** Per measure (the runs' estimates order). */
  measures: {
    measure: "survival" | "rmst";
    time: number;
    ml: { difference: number; all: SeparationInterval; nonSeparated: SeparationInterval };
    firth: { difference: number; all: SeparationInterval };
    /** FLIC's point estimate (null without a FLIC run); over the draws the three runs share (a FLIC run with fewer draws of the same seed shares its first ones), the median |FLIC − ML| and |Firth − ML| per draw, the largest of each (which bounds how far any percentile of those draws can move), and how many of the shared draws ML separated (null without shared draws). */
    flic: { difference: number; drawChange: { draws: number; flic: number; firth: number; flicMax: number; firthMax: number; separated: number } | null } | null;
    /** Median |Firth − ML| of the draws' differences, in ML-separated draws and in the others. */
    medianChange: { separated: number; nonSeparated: number };
  }[];
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  return quantileSorted(values.slice().sort((a, b) => a - b), 0.5);
}

/**
 * The mean, over the control rows after their first (start > 0), of the factor by which a
 * control's censoring weight grows at a window start: weight / previous row's weight =
 * (1 - numerator(u)) / (1 - censoring model(u)) (1 - numerator(u) once progressed). Near 1 + (the
 * share of controls that start RT in a window) when the censoring model's probabilities are right.
 */
export function meanWindowWeightFactor(weights: IpcwWeights): number {
  const rows = weights.rows;
  let sum = 0;
  let n = 0;
  for (let r = 0; r < rows.weight.length; r++) {
    if (rows.treated[r] !== 0 || !(rows.start[r] > 0)) continue;
    const f = rows.weight[r] / rows.weight[r - 1];
    if (!Number.isFinite(f)) continue;
    sum += f;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Each control trial row's entry odds under `other` over ML's (first row of each trial row; the runs' rows align), sorted. */
export function entryOddsRatios(ml: IpcwWeights, other: IpcwWeights): number[] {
  const a = ml.rows;
  const b = other.rows;
  if (a.weight.length !== b.weight.length) throw new InputError("other", null, b.weight.length, `must have the ML run's ${a.weight.length} rows (same data, windows and truncation)`);
  return a.entryOdds.map((o, r) => (a.treated[r] === 0 && a.start[r] === 0 ? b.entryOdds[r] / o : NaN)).filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
}

function modelCheck(ml: MarginalResult, run: MarginalResult): CensoringModelCheck {
  const ratios = entryOddsRatios(ml.weights, run.weights);
  return {
    expectedStarts: run.weights.censoringModel.fittedSum,
    observedStarts: run.weights.censoringModel.events,
    meanWeightFactor: meanWindowWeightFactor(run.weights),
    entryOddsRatio: ratios.length === 0 ? [NaN, NaN, NaN] : [quantileSorted(ratios, 0.5), ratios[0], ratios[ratios.length - 1]],
  };
}

/** The runs side by side; see the file comment. `flic`, optional: a run with censoringModel "flic" on the same data (its point estimate is used). */
export function marginalFirthComparison(ml: MarginalResult, firth: MarginalResult, flic?: MarginalResult): MarginalFirthComparison {
  if (ml.censoringModel !== "ml") throw new InputError("ml", null, ml.censoringModel, 'must be a run with censoringModel "ml"');
  if (firth.censoringModel !== "firth") throw new InputError("firth", null, firth.censoringModel, 'must be a run with censoringModel "firth"');
  if (ml.seed !== firth.seed || ml.bootstrap !== firth.bootstrap) throw new InputError("firth", null, `${firth.bootstrap} draws, seed ${firth.seed}`, `must use the same bootstrap draws as the ML run (${ml.bootstrap} draws, seed ${ml.seed})`);
  if (ml.confLevel !== firth.confLevel) throw new InputError("firth", null, firth.confLevel, `must have the ML run's confidence level ${ml.confLevel}`);
  const same = ml.estimates.length === firth.estimates.length && ml.estimates.every((e, j) => e.measure === firth.estimates[j].measure && e.time === firth.estimates[j].time);
  if (!same) throw new InputError("firth", null, null, "must report the same measures and horizons as the ML run");
  if (flic !== undefined) {
    if (flic.censoringModel !== "flic") throw new InputError("flic", null, flic.censoringModel, 'must be a run with censoringModel "flic"');
    const sameFlic = flic.estimates.length === ml.estimates.length && ml.estimates.every((e, j) => e.measure === flic.estimates[j].measure && e.time === flic.estimates[j].time);
    if (!sameFlic) throw new InputError("flic", null, null, "must report the same measures and horizons as the ML run");
  }
  const sens = marginalSeparationSensitivity(ml);
  const firthAll = marginalSeparationSensitivity(firth);
  const firthAt = new Map<number, number>();
  firth.draws.index.forEach((b, k) => firthAt.set(b, k));
  const matched: [number, number][] = [];
  ml.draws.index.forEach((b, k) => {
    const f = firthAt.get(b);
    if (f !== undefined) matched.push([k, f]);
  });
  const isSep = (k: number) => ml.draws.separation[k].separated;
  const fits = firth.draws.separation;
  const its = fits.map((d) => d.iterations).sort((a, b) => a - b);
  const mlSep = ml.draws.separation.filter((d) => d.separated).map((d) => d.minProbability);
  return {
    confLevel: ml.confLevel,
    models: { ml: modelCheck(ml, ml), firth: modelCheck(ml, firth), flic: flic === undefined ? null : modelCheck(ml, flic) },
    draws: { ml: ml.draws.index.length, firth: firth.draws.index.length, matched: matched.length },
    separatedDraws: matched.filter(([k]) => isSep(k)).length,
    firthFits: {
      converged: fits.filter((d) => d.converged).length,
      iterations: its.length === 0 ? [NaN, NaN, NaN] : [quantileSorted(its, 0.5), its[0], its[its.length - 1]],
      minProbability: fits.reduce((a, d) => Math.min(a, d.minProbability), Infinity),
    },
    mlSeparatedMinProbability: mlSep.length === 0 ? NaN : Math.min(...mlSep),
    measures: ml.estimates.map((e, j) => {
      const flicChange = (m: number) => {
        if (flic === undefined || flic.seed !== ml.seed) return null;
        const flicAt = new Map<number, number>();
        flic.draws.index.forEach((b, k) => flicAt.set(b, k));
        const shared = matched.filter(([k]) => flicAt.has(ml.draws.index[k]));
        if (shared.length === 0) return null;
        const flicAbs = shared.map(([k]) => Math.abs(flic.draws.differences[m][flicAt.get(ml.draws.index[k]) as number] - ml.draws.differences[m][k]));
        const firthAbs = shared.map(([k, f]) => Math.abs(firth.draws.differences[m][f] - ml.draws.differences[m][k]));
        return {
          draws: shared.length,
          flic: median(flicAbs),
          firth: median(firthAbs),
          flicMax: Math.max(...flicAbs),
          firthMax: Math.max(...firthAbs),
          separated: shared.filter(([k]) => isSep(k)).length,
        };
      };
      const change = (sep: boolean) => median(matched.filter(([k]) => isSep(k) === sep).map(([k, f]) => Math.abs(firth.draws.differences[j][f] - ml.draws.differences[j][k])));
      return {
        measure: e.measure,
        time: e.time,
        ml: { difference: e.difference, all: sens.measures[j].all, nonSeparated: sens.measures[j].nonSeparated },
        firth: { difference: firth.estimates[j].difference, all: firthAll.measures[j].all },
        flic: flic === undefined ? null : { difference: flic.estimates[j].difference, drawChange: flicChange(j) },
        medianChange: { separated: change(true), nonSeparated: change(false) },
      };
    }),
  };
}

/** Table of marginalFirthComparison: per measure the ML and Firth estimates with their percentile intervals (and FLIC's point estimate when run). */
export function marginalFirthRows(c: MarginalFirthComparison): TableLike {
  const level = `${fmt(100 * c.confLevel, 0)}%`;
  const cell = (estimate: number, x: SeparationInterval, d: number) => `${fmt(estimate, d)} (${x.draws === 0 ? "—" : `${fmt(x.lower, d)} to ${fmt(x.upper, d)}`})`;
  return {
    columns: [
      "Measure",
      `ML censoring model, all ${c.draws.ml} draws (${level} interval)`,
      `ML, without the ${c.separatedDraws} separated draws`,
      `Firth censoring model, all ${c.draws.firth} draws`,
      "Median |Firth − ML| per draw: separated / other draws",
      ...(c.models.flic === null ? [] : ["FLIC censoring model (point estimate)"]),
    ],
    values: c.measures.map((m) => {
      const { label, digits: d } = marginalMeasureRow(m.measure, m.time);
      return [
        label,
        cell(m.ml.difference, m.ml.all, d),
        m.ml.nonSeparated.draws === 0 ? "—" : `${fmt(m.ml.nonSeparated.lower, d)} to ${fmt(m.ml.nonSeparated.upper, d)}`,
        cell(m.firth.difference, m.firth.all, d),
        `${fmt(m.medianChange.separated, d + 1)} / ${fmt(m.medianChange.nonSeparated, d + 1)}`,
        ...(m.flic === null ? [] : [fmt(m.flic.difference, d)]),
      ];
    }),
  };
}
