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
import type { MarginalResult } from "./sequential-trials-ipcw";

export interface MarginalFirthComparison {
  confLevel: number;
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
    /** Median |Firth − ML| of the draws' differences, in ML-separated draws and in the others. */
    medianChange: { separated: number; nonSeparated: number };
  }[];
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  return quantileSorted(values.slice().sort((a, b) => a - b), 0.5);
}

/** The two runs side by side; see the file comment. */
export function marginalFirthComparison(ml: MarginalResult, firth: MarginalResult): MarginalFirthComparison {
  if (ml.censoringModel !== "ml") throw new InputError("ml", null, ml.censoringModel, 'must be a run with censoringModel "ml"');
  if (firth.censoringModel !== "firth") throw new InputError("firth", null, firth.censoringModel, 'must be a run with censoringModel "firth"');
  if (ml.seed !== firth.seed || ml.bootstrap !== firth.bootstrap) throw new InputError("firth", null, `${firth.bootstrap} draws, seed ${firth.seed}`, `must use the same bootstrap draws as the ML run (${ml.bootstrap} draws, seed ${ml.seed})`);
  if (ml.confLevel !== firth.confLevel) throw new InputError("firth", null, firth.confLevel, `must have the ML run's confidence level ${ml.confLevel}`);
  const same = ml.estimates.length === firth.estimates.length && ml.estimates.every((e, j) => e.measure === firth.estimates[j].measure && e.time === firth.estimates[j].time);
  if (!same) throw new InputError("firth", null, null, "must report the same measures and horizons as the ML run");
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
    draws: { ml: ml.draws.index.length, firth: firth.draws.index.length, matched: matched.length },
    separatedDraws: matched.filter(([k]) => isSep(k)).length,
    firthFits: {
      converged: fits.filter((d) => d.converged).length,
      iterations: its.length === 0 ? [NaN, NaN, NaN] : [quantileSorted(its, 0.5), its[0], its[its.length - 1]],
      minProbability: fits.reduce((a, d) => Math.min(a, d.minProbability), Infinity),
    },
    mlSeparatedMinProbability: mlSep.length === 0 ? NaN : Math.min(...mlSep),
    measures: ml.estimates.map((e, j) => {
      const change = (sep: boolean) => median(matched.filter(([k]) => isSep(k) === sep).map(([k, f]) => Math.abs(firth.draws.differences[j][f] - ml.draws.differences[j][k])));
      return {
        measure: e.measure,
        time: e.time,
        ml: { difference: e.difference, all: sens.measures[j].all, nonSeparated: sens.measures[j].nonSeparated },
        firth: { difference: firth.estimates[j].difference, all: firthAll.measures[j].all },
        medianChange: { separated: change(true), nonSeparated: change(false) },
      };
    }),
  };
}

/** Table of marginalFirthComparison: per measure the ML and Firth estimates with their percentile intervals. */
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
    ],
    values: c.measures.map((m) => {
      const { label, digits: d } = marginalMeasureRow(m.measure, m.time);
      return [
        label,
        cell(m.ml.difference, m.ml.all, d),
        m.ml.nonSeparated.draws === 0 ? "—" : `${fmt(m.ml.nonSeparated.lower, d)} to ${fmt(m.ml.nonSeparated.upper, d)}`,
        cell(m.firth.difference, m.firth.all, d),
        `${fmt(m.medianChange.separated, d + 1)} / ${fmt(m.medianChange.nonSeparated, d + 1)}`,
      ];
    }),
  };
}
