/**
 * The laboratory claims C12–C18 measured on a data set with the project's own
 * statistics: the quantities the simulated data were calibrated to, and the pass
 * rule of each claim. Used by test/data/laboratory-findings.test.ts (on the committed
 * files, cross-checked with R) and by the seed robustness check (./seed-check.ts).
 *
 * Analyses (pre-specified; data/README.md "Laboratory data" gives the reasons):
 * - C12: ΔCt = Ct_VEGF − Ct_GAPDH. In each line, 8 Gy vs 0 Gy at 6 h, Welch t test on ΔCt
 *   (the estimate, mean ΔCt(0 Gy) − mean ΔCt(8 Gy), is log2 fold change = −ΔΔCt).
 *   p53: −ΔΔCt at 8 Gy, 6 h against the same experiment's 0 Gy sample (deltaDeltaCt with
 *   calibration group line × hours × replicate), p53 wild-type vs p53-deficient (null or
 *   mutant) lines, Welch t test: no significant difference (P > 0.05).
 * - C13: in each line at 48 h, linear trend of log VEGF across doses (ANOVA linear
 *   contrast with the doses as scores): increase, P < 0.05.
 * - C14: in each line at 8 Gy, linear trend of log VEGF across hours: increase, P < 0.05.
 * - C15: at 48 h, two-way ANOVA of log VEGF, dose (factor) × cell line: interaction P < 0.05.
 * - C16: out-of-field tumors, last-day volume irradiated vs sham (Welch): larger, P < 0.05;
 *   per-tumor growth rate = slope of log volume on day (least squares): higher in irradiated
 *   mice (Welch P < 0.05); every irradiated in-field tumor ends smaller than it started.
 * - C17: microvessel density irradiated vs sham (Welch): higher, P < 0.05.
 * - C18: serum VEGF irradiated vs sham (Welch): higher, P < 0.05; Pearson correlation of
 *   serum VEGF with microvessel density over all mice: r >= 0.6, P < 0.05.
 *
 * @example
 * const m = measureLaboratory(loadLaboratory());
 * laboratoryClaimChecks(m).every((c) => c.pass);
 */
import { anovaTwoWay, correlation, deltaDeltaCt, linearRegression, linearTrendTest, tTest } from "../../stats/index";
import type { VegfMrna, VegfSecretion, TumorGrowth, Endpoint } from "../../data/laboratory";

export interface LaboratoryData {
  vegfMrna: VegfMrna;
  vegfSecretion: VegfSecretion;
  growth: TumorGrowth;
  endpoint: Endpoint;
}

/** A two-group comparison as the claims use it. */
export interface Comparison {
  /** mean(first) − mean(second), as named where used. */
  estimate: number;
  pValue: number;
  t: number;
  df: number;
}

export interface LineMrna {
  cellLine: string;
  p53Status: string;
  /** log2 fold change of VEGF mRNA, 8 Gy vs 0 Gy at 6 h: mean ΔCt(0 Gy) − mean ΔCt(8 Gy), and its Welch test. */
  rise: Comparison;
  foldChange: number;
}

export interface LineTrend {
  cellLine: string;
  /** Linear contrast estimate (log scale, unit-length dose or hour scores), t, df, P. */
  estimate: number;
  t: number;
  df: number;
  pValue: number;
  /** exp(mean log at the top dose or time − mean log at the lowest). */
  fold: number;
}

export interface LaboratoryMeasures {
  c12: {
    lines: LineMrna[];
    /** Paired −ΔΔCt at 8 Gy, 6 h: p53 wild-type minus p53-deficient lines (Welch). */
    p53: Comparison & { meanWildType: number; meanDeficient: number; nWildType: number; nDeficient: number };
  };
  c13: LineTrend[];
  c14: LineTrend[];
  /** log VEGF 8 Gy vs 0 Gy just after irradiation (0 h), all lines pooled (Welch): no rise yet. */
  c14ZeroHours: Comparison;
  c15: { f: number; df: number; dfResidual: number; pValue: number };
  c16: {
    lastDay: number;
    finalVolume: Comparison & { meanIrradiated: number; meanSham: number };
    growthRate: Comparison & { meanIrradiated: number; meanSham: number };
    /** Irradiated in-field tumors: largest last-day / day-0 volume ratio (below 1 = all regressed). */
    inFieldMaxRatio: number;
    /** Sham in-field tumors: smallest last-day / day-0 volume ratio. */
    shamInFieldMinRatio: number;
  };
  c17: Comparison & { meanIrradiated: number; meanSham: number };
  c18: {
    serum: Comparison & { meanIrradiated: number; meanSham: number };
    r: number;
    rPValue: number;
    n: number;
  };
}

export interface LaboratoryClaimCheck {
  id: string;
  rule: string;
  /** The numbers the rule looked at, for a report. */
  value: string;
  pass: boolean;
}

/** The first cell line order seen in a column. */
function levelsInOrder(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) if (out.indexOf(v) < 0) out.push(v);
  return out;
}

function rowsWhere(n: number, keep: (i: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) rows.push(i);
  return rows;
}

function pick<T>(values: readonly T[], rows: readonly number[]): T[] {
  return rows.map((i) => values[i]);
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function welch(x: number[], y: number[]): Comparison {
  const t = tTest(x, y);
  return { estimate: t.estimate, pValue: t.pValue, t: t.t, df: t.df };
}

function trend(cellLine: string, y: number[], x: number[]): LineTrend {
  const tr = linearTrendTest(y, x).contrast;
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  const fold = Math.exp(mean(y.filter((_, i) => x[i] === hi)) - mean(y.filter((_, i) => x[i] === lo)));
  return { cellLine, estimate: tr.estimate, t: tr.t, df: tr.df, pValue: tr.pValue, fold };
}

/** Every C12–C18 quantity (see the file comment for the analyses). */
export function measureLaboratory(data: LaboratoryData): LaboratoryMeasures {
  // C12
  const q = data.vegfMrna.fields;
  const nq = data.vegfMrna.nRows;
  const lines = levelsInOrder(q.cell_line);
  const dct = q.ct_vegf.map((v, i) => v - q.ct_gapdh[i]);
  const paired = deltaDeltaCt({
    ctTarget: q.ct_vegf,
    ctReference: q.ct_gapdh,
    isCalibrator: q.dose_gy.map((d) => d === 0),
    calibrationGroup: q.cell_line.map((c, i) => `${c} | ${q.hours[i]} h | ${q.replicate[i]}`),
  });
  const wt: number[] = [];
  const deficient: number[] = [];
  const lineMrna: LineMrna[] = lines.map((line) => {
    const at = (dose: number) => rowsWhere(nq, (i) => q.cell_line[i] === line && q.hours[i] === 6 && q.dose_gy[i] === dose);
    const rise = welch(pick(dct, at(0)), pick(dct, at(8)));
    const status = q.p53_status[at(8)[0]];
    for (const i of at(8)) (status === "wild-type" ? wt : deficient).push(-(paired.deltaDeltaCt[i] as number));
    return { cellLine: line, p53Status: status, rise, foldChange: Math.pow(2, rise.estimate) };
  });
  const p53 = { ...welch(wt, deficient), meanWildType: mean(wt), meanDeficient: mean(deficient), nWildType: wt.length, nDeficient: deficient.length };

  // C13, C14, C15
  const s = data.vegfSecretion.fields;
  const ns = data.vegfSecretion.nRows;
  const logVegf = s.vegf_pg_ml.map((v) => Math.log(v));
  const c13 = levelsInOrder(s.cell_line).map((line) => {
    const rows = rowsWhere(ns, (i) => s.cell_line[i] === line && s.hours[i] === 48);
    return trend(line, pick(logVegf, rows), pick(s.dose_gy, rows));
  });
  const c14 = levelsInOrder(s.cell_line).map((line) => {
    const rows = rowsWhere(ns, (i) => s.cell_line[i] === line && s.dose_gy[i] === 8);
    return trend(line, pick(logVegf, rows), pick(s.hours, rows));
  });
  const c14ZeroHours = welch(
    pick(logVegf, rowsWhere(ns, (i) => s.hours[i] === 0 && s.dose_gy[i] === 8)),
    pick(logVegf, rowsWhere(ns, (i) => s.hours[i] === 0 && s.dose_gy[i] === 0)),
  );
  const rows48 = rowsWhere(ns, (i) => s.hours[i] === 48);
  const aov = anovaTwoWay(
    pick(logVegf, rows48),
    pick(s.dose_gy, rows48).map(String),
    pick(s.cell_line, rows48),
    { names: ["dose", "cell_line"] },
  );
  const inter = aov.terms[2];
  const c15 = { f: inter.f as number, df: inter.df, dfResidual: aov.residual.df, pValue: inter.pValue as number };

  // C16
  const g = data.growth.fields;
  const ng = data.growth.nRows;
  const lastDay = Math.max(...g.day);
  const firstDay = Math.min(...g.day);
  const mice = levelsInOrder(g.mouse_id);
  const groupOf = new Map<string, string>();
  for (let i = 0; i < ng; i++) groupOf.set(g.mouse_id[i], g.group[i]);
  const tumor = (mouse: string, site: string) => rowsWhere(ng, (i) => g.mouse_id[i] === mouse && g.site[i] === site);
  const volumeOn = (rows: number[], day: number) => g.volume_mm3[rows.filter((i) => g.day[i] === day)[0]];
  const finalBy: Record<string, number[]> = { sham: [], irradiated: [] };
  const rateBy: Record<string, number[]> = { sham: [], irradiated: [] };
  let inFieldMaxRatio = -Infinity;
  let shamInFieldMinRatio = Infinity;
  for (const mouse of mice) {
    const group = groupOf.get(mouse) as string;
    const out = tumor(mouse, "out_of_field");
    finalBy[group].push(volumeOn(out, lastDay));
    rateBy[group].push(linearRegression(pick(g.day, out), pick(g.volume_mm3, out).map((v) => Math.log(v))).slope);
    const inField = tumor(mouse, "in_field");
    const ratio = volumeOn(inField, lastDay) / volumeOn(inField, firstDay);
    if (group === "irradiated") inFieldMaxRatio = Math.max(inFieldMaxRatio, ratio);
    else shamInFieldMinRatio = Math.min(shamInFieldMinRatio, ratio);
  }
  const c16 = {
    lastDay,
    finalVolume: { ...welch(finalBy.irradiated, finalBy.sham), meanIrradiated: mean(finalBy.irradiated), meanSham: mean(finalBy.sham) },
    growthRate: { ...welch(rateBy.irradiated, rateBy.sham), meanIrradiated: mean(rateBy.irradiated), meanSham: mean(rateBy.sham) },
    inFieldMaxRatio,
    shamInFieldMinRatio,
  };

  // C17, C18
  const e = data.endpoint.fields;
  const byGroup = (values: number[], group: string) => values.filter((_, i) => e.group[i] === group);
  const compare = (values: number[]) => ({
    ...welch(byGroup(values, "irradiated"), byGroup(values, "sham")),
    meanIrradiated: mean(byGroup(values, "irradiated")),
    meanSham: mean(byGroup(values, "sham")),
  });
  const cor = correlation(e.serum_vegf_pg_ml, e.mvd_per_hpf);
  return {
    c12: { lines: lineMrna, p53 },
    c13,
    c14,
    c14ZeroHours,
    c15,
    c16,
    c17: compare(e.mvd_per_hpf),
    c18: { serum: compare(e.serum_vegf_pg_ml), r: cor.pearson.r, rPValue: cor.pearson.pValue, n: cor.n },
  };
}

const fmtP = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** Each claim's pass rule applied to the measures. */
export function laboratoryClaimChecks(m: LaboratoryMeasures): LaboratoryClaimCheck[] {
  const c16 = m.c16;
  return [
    {
      id: "C12",
      rule: "every line: VEGF mRNA fold change (8 vs 0 Gy, 6 h) > 1 with Welch P < 0.05; p53 wild-type vs deficient induction P > 0.05",
      value:
        m.c12.lines.map((l) => `${l.cellLine} ${l.foldChange.toFixed(2)}x P=${fmtP(l.rise.pValue)}`).join("; ") +
        `; p53 wt vs deficient log2 FC ${m.c12.p53.meanWildType.toFixed(2)} vs ${m.c12.p53.meanDeficient.toFixed(2)} P=${fmtP(m.c12.p53.pValue)}`,
      pass: m.c12.lines.every((l) => l.rise.estimate > 0 && l.rise.pValue < 0.05) && m.c12.p53.pValue > 0.05,
    },
    {
      id: "C13",
      rule: "every line at 48 h: increasing linear trend of log VEGF across doses, P < 0.05",
      value: m.c13.map((l) => `${l.cellLine} ${l.fold.toFixed(2)}x P=${fmtP(l.pValue)}`).join("; "),
      pass: m.c13.every((l) => l.estimate > 0 && l.pValue < 0.05),
    },
    {
      id: "C14",
      rule: "every line at 8 Gy: increasing linear trend of log VEGF across hours, P < 0.05",
      value: m.c14.map((l) => `${l.cellLine} ${l.fold.toFixed(2)}x P=${fmtP(l.pValue)}`).join("; "),
      pass: m.c14.every((l) => l.estimate > 0 && l.pValue < 0.05),
    },
    {
      id: "C15",
      rule: "two-way ANOVA of log VEGF at 48 h: dose × cell line interaction P < 0.05",
      value: `F(${m.c15.df}, ${m.c15.dfResidual}) = ${m.c15.f.toFixed(2)}, P=${fmtP(m.c15.pValue)}`,
      pass: m.c15.pValue < 0.05,
    },
    {
      id: "C16",
      rule: "out-of-field tumors: larger last-day volume (Welch P < 0.05) and higher growth rate in irradiated mice; every irradiated in-field tumor regressed",
      value:
        `day ${c16.lastDay} volume ${c16.finalVolume.meanIrradiated.toFixed(0)} vs ${c16.finalVolume.meanSham.toFixed(0)} mm³ P=${fmtP(c16.finalVolume.pValue)}; ` +
        `rate ${c16.growthRate.meanIrradiated.toFixed(4)} vs ${c16.growthRate.meanSham.toFixed(4)} /day P=${fmtP(c16.growthRate.pValue)}; ` +
        `in-field last/first volume at most ${c16.inFieldMaxRatio.toFixed(2)}`,
      pass:
        c16.finalVolume.estimate > 0 &&
        c16.finalVolume.pValue < 0.05 &&
        c16.growthRate.estimate > 0 &&
        c16.growthRate.pValue < 0.05 &&
        c16.inFieldMaxRatio < 1,
    },
    {
      id: "C17",
      rule: "microvessel density higher in irradiated mice, Welch P < 0.05",
      value: `${m.c17.meanIrradiated.toFixed(1)} vs ${m.c17.meanSham.toFixed(1)} per HPF, P=${fmtP(m.c17.pValue)}`,
      pass: m.c17.estimate > 0 && m.c17.pValue < 0.05,
    },
    {
      id: "C18",
      rule: "serum VEGF higher in irradiated mice (Welch P < 0.05); Pearson r(serum VEGF, MVD) >= 0.6 with P < 0.05",
      value: `${m.c18.serum.meanIrradiated.toFixed(1)} vs ${m.c18.serum.meanSham.toFixed(1)} pg/ml P=${fmtP(m.c18.serum.pValue)}; r = ${m.c18.r.toFixed(3)} (n = ${m.c18.n}) P=${fmtP(m.c18.rPValue)}`,
      pass: m.c18.serum.estimate > 0 && m.c18.serum.pValue < 0.05 && m.c18.r >= 0.6 && m.c18.rPValue < 0.05,
    },
  ];
}
