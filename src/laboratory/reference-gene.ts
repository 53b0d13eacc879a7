/**
 * Is the reference gene stable under irradiation? The 2^−ΔΔCt fold change of VEGF assumes that
 * GAPDH does not change with dose; GAPDH is a HIF-1 target, and irradiation can raise it. A rise
 * of GAPDH lowers Ct(GAPDH) by δ cycles and makes the VEGF fold change 2^δ times too small.
 *
 * At one harvest time (default the analysis plan's 6 h), for each dose, the shift of Ct(GAPDH)
 * from the sham sample of the same experiment and line (dose − sham; negative = more GAPDH),
 * averaged over every line's experiments with its t interval (R: t.test of the paired
 * differences), and the blocked test of any dose effect on Ct(GAPDH): the dose term of
 * anova(lm(ct_gapdh ~ experiment + factor(dose))) with experiment = line × replicate. `byTime`
 * gives the mean shift at the highest dose at every harvest time (descriptive).
 *
 * @example
 * referenceGeneStability(loadVegfMrna().fields).shifts; // per dose: mean ΔCt(GAPDH) vs sham
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaTable, linearModel, tTest } from "../stats/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import { blockIndex, blockKey, distinctSorted, experimentsOf, mean, readInVitro } from "./columns";
import type { MrnaColumns } from "./columns";
import { requireConfLevel } from "../stats/input";

export interface ReferenceGeneOptions {
  hours?: number;
  calibratorDose?: number;
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface ReferenceGeneShift {
  dose: number;
  /** Line × experiment pairs. */
  n: number;
  /** Mean Ct(GAPDH) of the dose minus its sham (cycles), interval and P (null below 2 pairs). */
  shift: number;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  /** 2^shift: the factor by which a shift of the reference changes the VEGF fold change. */
  foldBias: number;
}

export interface ReferenceGeneResult {
  method: "Shift of Ct(GAPDH) from the sham of the same experiment, by dose; blocked ANOVA of Ct(GAPDH) on dose";
  hours: number;
  confLevel: number;
  /** Mean Ct(GAPDH) per dose at this time (all lines). */
  meanCt: { dose: number; n: number; mean: number }[];
  shifts: ReferenceGeneShift[];
  /** Dose term of anova(lm(ct_gapdh ~ experiment + factor(dose))) at this time. */
  doseTest: { f: number; df1: number; df2: number; pValue: number } | null;
  /** Mean shift at the highest dose at every harvest time. */
  byTime: { hours: number; n: number; shift: number }[];
}

export function referenceGeneStability(columns: MrnaColumns, options: ReferenceGeneOptions = {}): ReferenceGeneResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const hours = options.hours === undefined ? LAB_ANALYSIS_PLAN.mrnaHours : options.hours;
  const calibratorDose = options.calibratorDose === undefined ? 0 : options.calibratorDose;
  const data = readInVitro(columns, ["ct_gapdh"], options.missing, false, true);
  const ct = data.values.ct_gapdh;
  const blocks = blockIndex(data);
  const times = distinctSorted(data.hours);
  if (times.indexOf(hours) < 0) throw new InputError("hours", null, hours, `is not a harvest time of the data (${times.join(", ")} h)`);
  const doses = distinctSorted(data.dose);
  const shiftsAt = (dose: number, h: number): number[] => {
    const d: number[] = [];
    for (const line of data.lines) {
      for (const e of experimentsOf(data, line)) {
        const x = blocks.get(blockKey(line, dose, h, e));
        const c = blocks.get(blockKey(line, calibratorDose, h, e));
        if (x !== undefined && c !== undefined) d.push(ct[x] - ct[c]);
      }
    }
    return d;
  };
  const at: number[] = [];
  for (let k = 0; k < data.line.length; k++) if (data.hours[k] === hours) at.push(k);
  const meanCt = doses
    .map((dose) => {
      const v = at.filter((k) => data.dose[k] === dose).map((k) => ct[k]);
      return { dose, n: v.length, mean: v.length > 0 ? mean(v) : NaN };
    })
    .filter((x) => x.n > 0);
  const shifts: ReferenceGeneShift[] = doses
    .filter((d) => d !== calibratorDose)
    .map((dose) => {
      const d = shiftsAt(dose, hours);
      let lower: number | null = null;
      let upper: number | null = null;
      let pValue: number | null = null;
      if (d.length >= 2) {
        try {
          const t = tTest(d, null, { confLevel });
          lower = t.lower;
          upper = t.upper;
          pValue = t.pValue;
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }
      const m = d.length > 0 ? mean(d) : NaN;
      return { dose, n: d.length, shift: m, lower, upper, pValue, foldBias: Math.pow(2, m) };
    })
    .filter((x) => x.n > 0);
  let doseTest: ReferenceGeneResult["doseTest"] = null;
  try {
    const experiment = data.experiment as string[];
    const fit = linearModel(
      { ct_gapdh: at.map((k) => ct[k]), experiment: at.map((k) => `${data.line[k]} #${experiment[k]}`), dose: at.map((k) => data.dose[k]) },
      "ct_gapdh ~ experiment + dose",
      { factors: ["dose"], levels: { dose: distinctSorted(at.map((k) => data.dose[k])) } },
    );
    const term = anovaTable(fit).terms.find((t) => t.name === "dose");
    if (term !== undefined && term.f !== null && term.pValue !== null) doseTest = { f: term.f, df1: term.df, df2: fit.dfResidual, pValue: term.pValue };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  const top = doses[doses.length - 1];
  const byTime = times
    .map((h) => {
      const d = shiftsAt(top, h);
      return { hours: h, n: d.length, shift: d.length > 0 ? mean(d) : NaN };
    })
    .filter((x) => x.n > 0);
  return { method: "Shift of Ct(GAPDH) from the sham of the same experiment, by dose; blocked ANOVA of Ct(GAPDH) on dose", hours, confLevel, meanCt, shifts, doseTest, byTime };
}
