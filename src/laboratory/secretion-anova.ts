/**
 * Does the dose effect on secreted VEGF differ between cell lines (claim C15)?
 *
 * At one harvest time (the latest every line has 2+ doses, or `hours`), a two-way ANOVA
 * of log2 VEGF on dose (as a factor) and cell line with their interaction (anovaTwoWay;
 * R: anova(lm(log2(vegf) ~ factor(dose) * cell_line)), sequential sums of squares; the
 * interaction comes last, so its test does not depend on the order of the main effects).
 * The dose × cell line interaction is the claim's test.
 *
 * Why log2 and not pg/ml: the lines secrete different amounts without irradiation, and
 * ELISA error grows with the level. On the raw scale a line with twice the baseline would
 * show twice the absolute rise for the same relative rise, and the interaction would
 * flag the baseline difference; on the log scale the interaction asks whether the fold
 * rise over sham differs between lines, and the variances are alike across cells. The
 * raw-scale table is returned too (`rawScale`) as a sensitivity check.
 *
 * Follow-up comparisons:
 * - Within each line, Tukey HSD of the doses (tukeyHSD; R: TukeyHSD(aov(log2(vegf) ~
 *   factor(dose)))) on that line's own error term; `versusControl` keeps each dose
 *   against the lowest dose, as fold change 2^diff with its simultaneous interval.
 * - Between lines, the induction at the highest dose, D_j = mean log2 VEGF(highest) −
 *   mean log2 VEGF(lowest dose) of line j, compared pairwise by Tukey–Kramer with the
 *   two-way ANOVA's residual mean square (tukeyKramerPairs with v_j = 1/n_high + 1/n_low,
 *   as in induction-contrast.ts); 2^diff is the ratio of two lines' fold rises.
 *
 * @example
 * const a = secretionAnova(loadVegfSecretion().fields);
 * a.anova.terms.find((t) => t.name === "dose:cell line")?.pValue;
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { anovaTwoWay, tukeyHSD } from "../stats/index";
import type { AnovaTwoWayResult } from "../stats/index";
import { cellIndex, cellKey, distinctSorted, latestCommonTime, log2Column, mean, pick, readInVitro } from "./columns";
import type { SecretionColumns } from "./columns";
import { tukeyKramerPairs } from "../stats/tukey-kramer";
import type { TukeyPair } from "../stats/tukey-kramer";

export interface SecretionAnovaOptions {
  /** Harvest time analysed (default: the latest time every line has 2+ doses). */
  hours?: number;
  /** Family-wise level of the Tukey intervals (default 0.95). */
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface DoseVersusControl {
  cellLine: string;
  dose: number;
  controlDose: number;
  /** Difference of mean log2 VEGF and 2^diff with the Tukey interval and adjusted P. */
  log2Diff: number;
  foldChange: number;
  lower: number;
  upper: number;
  pAdj: number;
}

export interface LineInduction {
  cellLine: string;
  /** Highest-dose minus lowest-dose mean log2 VEGF, and 2^ of it. */
  log2Induction: number;
  foldInduction: number;
  n: number;
  nControl: number;
}

export interface SecretionAnovaResult {
  method: "Two-way ANOVA of log2 secreted VEGF: dose (factor) x cell line with interaction, type I SS; Tukey HSD within lines; Tukey-Kramer between lines' inductions";
  hours: number;
  hoursRule: "latest time with every line at 2+ doses" | "given";
  confLevel: number;
  doses: number[];
  lines: string[];
  /** On log2 VEGF: terms dose, cell line, dose:cell line. */
  anova: AnovaTwoWayResult;
  /** The same model on VEGF in pg/ml (sensitivity). */
  rawScale: AnovaTwoWayResult;
  interaction: { f: number | null; df: number; dfResidual: number; pValue: number | null };
  versusControl: DoseVersusControl[];
  /** Induction per line at the highest dose (lines lacking the lowest or highest dose are left out). */
  induction: LineInduction[];
  inductionDose: number;
  controlDose: number;
  /** Tukey–Kramer pairs of line inductions (log2 scale; ratio = 2^diff). */
  lineComparisons: (TukeyPair & { ratio: number; ratioLower: number; ratioUpper: number })[];
  dropped: number;
}

/** Two-way ANOVA dose × cell line on log2 VEGF with Tukey follow-ups; see the file comment. */
export function secretionAnova(columns: SecretionColumns, options: SecretionAnovaOptions = {}): SecretionAnovaResult {
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw new InputError("confLevel", null, confLevel, "must be between 0 and 1");
  const data = readInVitro(columns, ["vegf_pg_ml"], options.missing);
  const hours = options.hours === undefined ? latestCommonTime(data, 2) : options.hours;
  const idx: number[] = [];
  for (let k = 0; k < data.line.length; k++) if (data.hours[k] === hours) idx.push(k);
  if (idx.length === 0) throw new InputError("hours", null, hours, "has no samples");
  const raw = pick(data.values.vegf_pg_ml, idx);
  const y = log2Column("vegf_pg_ml", raw, idx.map((k) => data.rows[k]));
  const dose = pick(data.dose, idx);
  const line = idx.map((k) => data.line[k]);
  const lines = data.lines.filter((l) => line.indexOf(l) >= 0);
  if (lines.length < 2) throw new InputError("cell_line", null, lines.join(", "), `needs at least 2 cell lines at ${hours} h`);
  const doses = distinctSorted(dose);
  if (doses.length < 2) throw new InputError("dose_gy", null, doses.join(", "), `needs at least 2 doses at ${hours} h`);
  const opts = { levelsA: doses, levelsB: lines, names: ["dose", "cell line"] as [string, string] };
  const anova = anovaTwoWay(y, dose, line, opts);
  const rawScale = anovaTwoWay(raw, dose, line, opts);
  const term = anova.terms[2];

  const versusControl: DoseVersusControl[] = [];
  for (const cellLine of lines) {
    const sel: number[] = [];
    line.forEach((l, i) => {
      if (l === cellLine) sel.push(i);
    });
    const lineDoses = distinctSorted(pick(dose, sel));
    if (lineDoses.length < 2) continue;
    const tk = tukeyHSD(pick(y, sel), pick(dose, sel), { confLevel, levels: lineDoses });
    const control = String(lineDoses[0]);
    for (const p of tk.pairs) {
      if (p.groupB !== control) continue;
      versusControl.push({
        cellLine,
        dose: Number(p.groupA),
        controlDose: lineDoses[0],
        log2Diff: p.diff,
        foldChange: Math.pow(2, p.diff),
        lower: Math.pow(2, p.lower),
        upper: Math.pow(2, p.upper),
        pAdj: p.pAdj,
      });
    }
  }

  const controlDose = doses[0];
  const inductionDose = doses[doses.length - 1];
  const sub = { ...data, line, dose, hours: pick(data.hours, idx) };
  const cells = cellIndex(sub);
  const induction: LineInduction[] = [];
  const varFactors: number[] = [];
  for (const cellLine of lines) {
    const hi = cells.get(cellKey(cellLine, inductionDose, hours));
    const lo = cells.get(cellKey(cellLine, controlDose, hours));
    if (hi === undefined || lo === undefined) continue;
    const est = mean(pick(y, hi)) - mean(pick(y, lo));
    induction.push({ cellLine, log2Induction: est, foldInduction: Math.pow(2, est), n: hi.length, nControl: lo.length });
    varFactors.push(1 / hi.length + 1 / lo.length);
  }
  let lineComparisons: SecretionAnovaResult["lineComparisons"] = [];
  if (induction.length >= 2 && anova.residual.df >= 2 && anova.residual.meanSq > 0) {
    const tk = tukeyKramerPairs(
      induction.map((i) => i.cellLine),
      induction.map((i) => i.log2Induction),
      varFactors,
      anova.residual.meanSq,
      anova.residual.df,
      confLevel,
    );
    lineComparisons = tk.pairs.map((p) => ({ ...p, ratio: Math.pow(2, p.diff), ratioLower: Math.pow(2, p.lower), ratioUpper: Math.pow(2, p.upper) }));
  }
  return {
    method: "Two-way ANOVA of log2 secreted VEGF: dose (factor) x cell line with interaction, type I SS; Tukey HSD within lines; Tukey-Kramer between lines' inductions",
    hours,
    hoursRule: options.hours === undefined ? "latest time with every line at 2+ doses" : "given",
    confLevel,
    doses,
    lines,
    anova,
    rawScale,
    interaction: { f: term.f, df: term.df, dfResidual: anova.residual.df, pValue: term.pValue },
    versusControl,
    induction,
    inductionDose,
    controlDose,
    lineComparisons,
    dropped: data.dropped,
  };
}
