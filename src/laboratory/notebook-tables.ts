/**
 * Tables the laboratory notebooks show beside the analyses: how much independent
 * experiments differ (the reason for blocking), the rule checks of the claims (pass rates on
 * simulated data with and without each effect), and the model tables of the curves and the
 * mixed model. They rearrange data and results; nothing here is an analysis of its own.
 */
import { readRuleCheckReport } from "../claims/rule-checks";
import type { RuleCheckReport } from "../claims/rule-checks";
import { cellIndex, distinctSorted, experimentsOf, mean, pick, readInVitro, sd } from "./columns";
import type { MrnaColumns, SecretionColumns } from "./columns";
import { ciLabel, estimateText, num, pNumber } from "./format";
import { readSecretion } from "./secretion-measure";
import type { SecretionDoseResponseResult } from "./secretion-dose-response";
import type { GrowthModelFit } from "./growth-mixed-model";

function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length;
  return m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
}

/**
 * Per cell line, how much a condition varies between independent experiments: the median
 * (over line × dose × time conditions) SD of ΔCt across experiments (cycles), the median CV of
 * secreted VEGF across experiments (the concentration, the plan's measure), and, with cell counts,
 * the cell yield at the highest dose relative to sham at the last harvest (mean over experiments)
 * and at a middle dose (how much the lines' radiosensitivities differ).
 */
export function experimentVariationTable(mrna: MrnaColumns, secretion: SecretionColumns): Record<string, string | number>[] {
  const m = readInVitro(mrna, ["ct_vegf", "ct_gapdh"], "drop", false, true);
  const s = readSecretion(secretion, "drop");
  const dct = Float64Array.from(m.values.ct_vegf, (v, i) => v - m.values.ct_gapdh[i]);
  const cellsM = cellIndex(m);
  const cellsS = cellIndex(s.data);
  const lines = m.lines.concat(s.data.lines.filter((l) => m.lines.indexOf(l) < 0));
  const hasCells = secretion.cells_1e6 !== undefined;
  const counted = hasCells ? readSecretion(secretion, "drop", true, "per 10^6 cells") : null;
  return lines.map((line) => {
    const sdDct: number[] = [];
    cellsM.forEach((rows, key) => {
      if (key.split("\u0000")[0] === line && rows.length > 1) sdDct.push(sd(pick(dct, rows)) as number);
    });
    const cv: number[] = [];
    cellsS.forEach((rows, key) => {
      if (key.split("\u0000")[0] === line && rows.length > 1) cv.push((sd(pick(s.value, rows)) as number) / mean(pick(s.value, rows)));
    });
    const row: Record<string, string | number> = {
      "cell line": line,
      experiments: Math.max(experimentsOf(m, line).length, experimentsOf(s.data, line).length),
      "ΔCt SD between experiments (cycles, median)": sdDct.length === 0 ? "" : num(median(sdDct), 2),
      [`ELISA CV between experiments (${s.measure.kind}, median)`]: cv.length === 0 ? "" : `${num(100 * (median(cv) as number), 0)} %`,
    };
    if (counted !== null) {
      const c = counted.data;
      const rowsOf = (dose: number, hours: number) => {
        const out: number[] = [];
        for (let k = 0; k < c.line.length; k++) if (c.line[k] === line && c.dose[k] === dose && c.hours[k] === hours) out.push(k);
        return out;
      };
      const times = distinctSorted(c.hours);
      const doses = distinctSorted(c.dose);
      const last = times[times.length - 1];
      const cells = c.values.cells_1e6;
      const lo = rowsOf(doses[0], last);
      const yieldAt = (dose: number) => {
        const hi = rowsOf(dose, last);
        return hi.length > 0 && lo.length > 0 ? num(mean(pick(cells, hi)) / mean(pick(cells, lo)), 2) : "";
      };
      const middle = doses[Math.floor(doses.length / 2)];
      if (middle !== doses[0] && middle !== doses[doses.length - 1]) row[`cell yield, ${middle} vs ${doses[0]} Gy at ${last} h`] = yieldAt(middle);
      row[`cell yield, ${doses[doses.length - 1]} vs ${doses[0]} Gy at ${last} h`] = yieldAt(doses[doses.length - 1]);
    }
    return row;
  });
}

/**
 * The rule checks of some claims (data/rule-checks/laboratory.json): each claim's pass rate on
 * the calibrated generator and its false-pass rate in every null scenario that removes its
 * effect, with Monte Carlo standard errors. null when the report has not been generated.
 */
export function ruleCheckRows(ids: readonly string[], report: RuleCheckReport | null = readRuleCheckReport("laboratory")): Record<string, string>[] | null {
  if (report === null) return null;
  const calibrated = report.scenarios.find((s) => s.kind === "calibrated");
  return ids.map((id) => {
    const nulls = report.scenarios.filter((s) => s.kind === "null" && s.nullFor.indexOf(id) >= 0);
    return {
      claim: id,
      [`passes on calibrated data (${calibrated === undefined ? 0 : calibrated.seeds} draws)`]: rateText(calibrated === undefined ? undefined : calibrated.claims.find((c) => c.id === id)),
      "false-pass rate without the effect (null scenario)": nulls.map((s) => `${rateText(s.claims.find((c) => c.id === id))} (${s.id.replace(/^null-/, "")})`).join("; "),
    };
  });
}

function rateText(c: { rate: number | null; mcse: number | null } | undefined): string {
  return c === undefined || c.rate === null ? "" : `${num(100 * c.rate, 1)} % (± ${num(100 * (c.mcse as number), 1)})`;
}

/**
 * What the rule variants the plan did not choose would do (the report's `parts`): per variant, its
 * pass rate on the calibrated draws and in the null scenarios of its claim. Rows: "C13:per-cell"
 * (VEGF per 10^6 cells at harvest), "C13:with-sham" (trend including the sham wells),
 * "C13:dishes-as-replicates" (pooled within-experiment slope), likewise for C14, and
 * "C15:interaction-only". null without the report.
 */
export function ruleVariantRows(report: RuleCheckReport | null = readRuleCheckReport("laboratory")): Record<string, string>[] | null {
  if (report === null) return null;
  const calibrated = report.scenarios.find((s) => s.kind === "calibrated");
  if (calibrated === undefined || calibrated.parts === undefined) return null;
  const what: Record<string, string> = {
    "C13:per-cell": "C13's rule on VEGF per 10^6 cells counted at harvest",
    "C13:with-sham": "C13's trend including the sham (0 Gy) wells",
    "C13:dishes-as-replicates": "C13's trend as lm(y ~ experiment + dose): dishes as replicates of one slope",
    "C14:per-cell": "C14's rule on VEGF per 10^6 cells counted at harvest",
    "C14:dishes-as-replicates": "C14's trend as lm(rise ~ experiment + hours)",
    "C15:interaction-only": "C15 without the condition that every line rises",
  };
  return calibrated.parts.map((part) => {
    const claim = part.id.split(":")[0];
    const nulls = report.scenarios.filter((s) => s.kind === "null" && s.nullFor.indexOf(claim) >= 0 && s.parts !== undefined);
    return {
      "rule variant (not the plan's)": what[part.id] === undefined ? part.id : what[part.id],
      "passes on calibrated data": rateText(part),
      "false-pass rate (null scenario)": nulls.map((s) => `${rateText((s.parts as NonNullable<typeof s.parts>).find((p) => p.id === part.id))} (${s.id.replace(/^null-/, "")})`).join("; "),
    };
  });
}

/** A claim's pass rate in the sensitivity scenarios (the calibrated model with one assumption changed), beside the calibrated rate. null without the report. */
export function sensitivityRows(id: string, report: RuleCheckReport | null = readRuleCheckReport("laboratory")): Record<string, string>[] | null {
  if (report === null) return null;
  const rows = report.scenarios.filter((s) => s.kind === "calibrated" || s.kind === "sensitivity");
  return rows.map((s) => ({ scenario: s.kind === "calibrated" ? `calibrated: ${s.description}` : s.description, [`${id} passes (${s.seeds} draws)`]: rateText(s.claims.find((c) => c.id === id)) }));
}

/** The dose-response fits as rows: EC50, maximum effect (fold) and Hill slope with their intervals, or why there is no fit. */
export function doseResponseRows(dr: SecretionDoseResponseResult): Record<string, string>[] {
  const level = ciLabel(dr.confLevel);
  return dr.lines.map((l) =>
    l.fit === null
      ? { "cell line": l.cellLine, [`EC50, Gy (${level}, from log EC50)`]: "not fitted", [`plateau over sham, fold (${level})`]: "", "Hill slope": "", [`reached at ${Math.max(...l.dose)} Gy`]: "", "residual SD (log2)": "", note: l.error as string }
      : {
          "cell line": l.cellLine,
          [`EC50, Gy (${level}, from log EC50)`]: estimateText((l.ec50 as { estimate: number }).estimate, (l.ec50 as { lower: number }).lower, (l.ec50 as { upper: number }).upper),
          [`plateau over sham, fold (${level})`]: estimateText(l.maxFold as number, l.maxFoldLower, l.maxFoldUpper),
          "Hill slope": estimateText((l.hill as { estimate: number }).estimate, (l.hill as { lower: number }).lower, (l.hill as { upper: number }).upper),
          [`reached at ${Math.max(...l.dose)} Gy`]: l.atHighestDose === null ? "" : `${num(100 * l.atHighestDose, 0)} % of the maximum`,
          "residual SD (log2)": num(l.fit.sigma, 3),
          note: l.fit.notes.concat(l.poorlyDetermined ? ["plateau beyond the doses: maximum and EC50 extrapolated, poorly determined"] : []).join("; "),
        },
  );
}

/** A mixed model's fixed effects (Satterthwaite df) and variance components as two row lists. */
export function mixedModelRows(m: GrowthModelFit): { fixed: Record<string, string | number>[]; random: Record<string, string>[] } {
  const fixed = m.fixedEffects.map((f) => ({ term: f.name, estimate: num(f.estimate, 4), SE: num(f.se, 4), df: num(f.df, 1), t: num(f.t, 2), P: pNumber(f.pValue), [ciLabel(m.fit === null ? 0.95 : m.fit.confLevel)]: `${num(f.lower, 4)} to ${num(f.upper, 4)}` }));
  const random: Record<string, string>[] = [];
  for (const r of m.randomEffects) {
    r.names.forEach((name, k) => random.push({ group: r.group, effect: name, SD: num(r.sd[k], 4), correlation: k === 0 || r.correlation === null || r.correlation[k][0] === null ? "" : num(r.correlation[k][0] as number, 2) }));
  }
  if (m.sigma !== null) random.push({ group: "residual", effect: "", SD: num(m.sigma, 4), correlation: "" });
  return { fixed, random };
}
