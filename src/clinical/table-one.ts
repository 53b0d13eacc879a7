/**
 * "Table 1": baseline characteristics of the cohort by arm, each row with the
 * test that compares the arms, as clinical papers print it (the layout of R's
 * tableone::CreateTableOne with nonnormal variables and exact tests).
 *
 * Rows and tests (values missing in a row are left out of its summary and test,
 * and counted in the row's `missing`):
 * - Patients: n per arm.
 * - Age, years: mean ± SD; Welch two-sample t-test (R `t.test`), as age is roughly
 *   symmetric and the arms need not share a variance.
 * - Male sex, HBsAg positive, Child-Pugh B: n (%) of the patients with the value
 *   recorded; the arm x category table (2 x 2) is tested with Pearson's chi-square
 *   test with Yates' continuity correction (R `chisq.test` default), or with
 *   Fisher's exact test (R `fisher.test`) when an expected count is below 5, the
 *   usual rule (option `fisherBelow`). With more than two arms and a small expected
 *   count the chi-square test is kept and its warning noted (Fisher is 2 x 2 only here).
 * - Largest tumor diameter, cm, and AFP, ng/mL: median [IQR] (quartiles by R's
 *   type 7), Wilcoxon rank-sum test (R `wilcox.test`, normal approximation with
 *   continuity correction when an arm has 50 or more patients or there are ties),
 *   as both are right-skewed (AFP spans orders of magnitude).
 * - When the cohort has the optional columns behind the choice of RT (src/data/clinical.ts):
 *   number of tumors (median [IQR], Wilcoxon), ECOG performance status, portal
 *   vein thrombosis and residual viable tumor after TACE (n (%), chi-square or Fisher as
 *   above). A column the cohort lacks gives no row.
 * - A categorical column with levels given (option `levels`, pre-specified; default ECOG
 *   0 / 1 / 2–4, DEFAULT_TABLE_ONE_LEVELS) is shown as tableone prints a factor: one row for the
 *   variable with its SMD and test, and one row per level (`levels`: n (%) of the patients with
 *   the value recorded), plus a row of the missing values (n (%) of all patients) when there are
 *   any. Its test is Pearson's chi-square test of the arm x level table (R `chisq.test`, no
 *   continuity correction beyond 2 x 2; levels empty in both arms left out; with an expected
 *   count below `fisherBelow` the chi-square test is kept and R's warning noted, as Fisher's
 *   test here is 2 x 2 only). Its SMD is the multi-level one of R's tableone
 *   (categoricalStandardizedDifference, Yang & Dalton 2012: unsigned; null when the levels
 *   separate the arms completely); each level's row also has the signed SMD of that level
 *   against all others. Two levels give the usual single row counting the second level.
 * With more than two arms, the numeric rows would need Kruskal-Wallis / ANOVA: the
 * cohort schema has exactly two arms, so this throws for more.
 * Every row but the count also has its standardized mean difference (`smd`, second arm minus
 * reference; src/stats standardizedDifference: the pooled SD of the two arms, p(1 - p) for the
 * category counted; AFP on the log10 scale), which unlike P does not grow with the sample size.
 * A test that cannot be computed (e.g. every recorded patient in one category, or an
 * arm with fewer than two values) gives pValue null and says why in `note`.
 *
 * @example
 * const t1 = tableOne(loadCohort());
 * showTable(tableOneDisplay(t1), { caption: "Table 1" });
 * t1.rows.find((r) => r.variable === "afp_ng_ml").test; // "Wilcoxon rank-sum"
 */
import { InputError } from "../core/index";
import { chiSquareTest } from "../stats/chi-square-test";
import { fisherExactTest } from "../stats/fisher-exact-test";
import { tTest } from "../stats/t-test";
import { wilcoxonTest } from "../stats/wilcoxon-test";
import { standardizedDifference } from "../stats/standardized-difference";
import { categoricalStandardizedDifference } from "../stats/categorical-standardized-difference";
import { pAdjust } from "../stats/p-adjust";
import type { TableLike } from "../display/table-html";
import { cohortArms, rowsByArm } from "./arms";
import type { CohortData } from "./arms";
import { describeNumbers } from "./describe";
import type { NumberSummary } from "./describe";
import { fmt, formatP } from "./format";

/** One level of a categorical row: its label and the recorded values it groups (compared as text). */
export interface TableOneLevelGroup {
  label: string;
  values: readonly (string | number)[];
}

export interface TableOneOptions {
  /** Fisher's exact test instead of chi-square for a 2 x 2 table with an expected count below this (default 5). */
  fisherBelow?: number;
  /**
   * Categorical columns shown by level, each with its levels in order (the first the reference):
   * e.g. { ecog: [{ label: "0", values: [0] }, { label: "1", values: [1] }, { label: "2–4", values: [2, 3, 4] }] }.
   * Every recorded value must be in exactly one level. Replaces DEFAULT_TABLE_ONE_LEVELS for the
   * columns it names; `{ ecog: null }` restores the single row of ECOG 1–4.
   */
  levels?: Record<string, readonly TableOneLevelGroup[] | null>;
  /** Run each row's test (default true); false leaves test, statistic and P null (SMDs only, e.g. for permutations). */
  tests?: boolean;
}

/** The levels Table 1 shows by default: ECOG 0 / 1 / 2–4 (as ecogByArm; the levels beyond 2 are rare). */
export const DEFAULT_TABLE_ONE_LEVELS: Readonly<Record<string, readonly TableOneLevelGroup[]>> = {
  ecog: [
    { label: "0", values: [0] },
    { label: "1", values: [1] },
    { label: "2\u20134", values: [2, 3, 4] },
  ],
};

/** One level of a categorical row shown by level. */
export interface TableOneLevel {
  /** The level's label, e.g. "2–4". */
  level: string;
  /** The recorded values it groups, as text. */
  values: string[];
  /** n (%) per arm and overall, of the patients with the value recorded. */
  arms: TableOneCell[];
  overall: TableOneCell;
  /** Signed SMD of this level against all others (second arm minus reference, p(1 - p)); null if not computable. */
  smd: number | null;
}

/** One arm's (or all patients') numbers in a row. */
export interface TableOneCell {
  /** Patients with the value recorded. */
  n: number;
  missing: number;
  /** Continuous rows: the summary of the values. */
  numbers: NumberSummary | null;
  /** Categorical rows: patients in the row's category and their share of `n` (percent). */
  count: number | null;
  percent: number | null;
  /** The cell as printed, e.g. "57.1 ± 10.9", "226 (81.9)", "7.5 [5.7–9.8]". */
  text: string;
}

export interface TableOneRow {
  /** Cohort column, or "n" for the patient count. */
  variable: string;
  /** Short name for sentences, e.g. "Age", "Child-Pugh class B". */
  name: string;
  /** Row label with its unit and summary, e.g. "Age, years, mean ± SD". */
  label: string;
  /** Categorical rows: the category counted (e.g. "M"); null for a row shown by level. */
  level: string | null;
  /** Categorical rows shown by level (more than two levels): one entry per level; otherwise null. */
  levels: TableOneLevel[] | null;
  /** Rows shown by level: the patients with no value, n (% of all patients in the arm); null when none is missing. */
  missingLevel: { arms: TableOneCell[]; overall: TableOneCell } | null;
  summary: "count" | "mean ± SD" | "median [IQR]" | "n (%)";
  /** One cell per arm, in `arms` order. */
  arms: TableOneCell[];
  overall: TableOneCell;
  /** The test's name, e.g. "Welch t-test", "Pearson chi-square (Yates)", "Fisher exact", "Wilcoxon rank-sum". */
  test: string | null;
  /** The test's method as R prints it. */
  method: string | null;
  statistic: number | null;
  pValue: number | null;
  /** Why there is no test, or a caveat (e.g. R's small-expected-count warning). */
  note: string | null;
  /**
   * Standardized mean difference, second arm minus reference arm (standardizedDifference: pooled
   * SD of the two arms; p(1 - p) for a category), on log10 AFP; null for the patient count or
   * when an arm has no recorded value (or a continuous row fewer than two). A row shown by level
   * has the unsigned multi-level SMD (categoricalStandardizedDifference), null when the levels
   * separate the arms.
   */
  smd: number | null;
  /** How `smd` was computed: "pooled SD" (signed) or "multi-level" (Yang & Dalton, unsigned); null without an SMD. */
  smdMethod: "pooled SD" | "multi-level" | null;
}

export interface TableOneResult {
  arms: string[];
  /** Patients per arm. */
  n: number[];
  rows: TableOneRow[];
  /** Why each test was chosen, in words, for a table footnote. */
  footnote: string;
}

interface NumericSpec {
  variable: "age" | "tumor_cm" | "afp_ng_ml" | "tumor_number";
  name: string;
  label: string;
  summary: "mean ± SD" | "median [IQR]";
  digits: number;
}

interface CategoricalSpec {
  variable: "sex" | "hbv" | "child_pugh" | "ecog" | "portal_vein_thrombosis" | "residual_viable_tumor";
  name: string;
  label: string;
  /** The variable's name when it is shown by level, e.g. "ECOG performance status". */
  title: string;
  /** The category counted, and all categories of the 2 x k table. */
  level: string;
  levels: string[];
  /** Groups a recorded value into a category (default: the value as text); null when it is in none. */
  group?: (value: string) => string | null;
}

const NUMERIC: NumericSpec[] = [
  { variable: "age", name: "Age", label: "Age, years, mean ± SD", summary: "mean ± SD", digits: 1 },
  { variable: "tumor_cm", name: "Tumor diameter", label: "Largest tumor diameter, cm, median [IQR]", summary: "median [IQR]", digits: 1 },
  { variable: "afp_ng_ml", name: "AFP", label: "AFP, ng/mL, median [IQR]", summary: "median [IQR]", digits: 0 },
  { variable: "tumor_number", name: "Number of tumors", label: "Number of tumors, median [IQR]", summary: "median [IQR]", digits: 0 },
];

const CATEGORICAL: CategoricalSpec[] = [
  { variable: "sex", name: "Male sex", label: "Male sex, n (%)", title: "Sex", level: "M", levels: ["M", "F"] },
  { variable: "hbv", name: "HBsAg positive", label: "HBsAg positive, n (%)", title: "HBsAg", level: "1", levels: ["1", "0"] },
  { variable: "child_pugh", name: "Child-Pugh class B", label: "Child-Pugh class B, n (%)", title: "Child-Pugh class", level: "B", levels: ["B", "A"] },
  {
    variable: "ecog",
    title: "ECOG performance status",
    name: "ECOG 1 or more",
    label: "ECOG performance status 1–4, n (%)",
    level: "1-4",
    levels: ["1-4", "0"],
    group: (v) => (v === "0" ? "0" : "1-4"),
  },
  { variable: "portal_vein_thrombosis", name: "Portal vein thrombosis", label: "Portal vein thrombosis, n (%)", title: "Portal vein thrombosis", level: "1", levels: ["1", "0"] },
  {
    variable: "residual_viable_tumor",
    title: "Residual viable tumor after TACE",
    name: "Residual viable tumor after TACE",
    label: "Residual viable tumor after TACE, n (%)",
    level: "1",
    levels: ["1", "0"],
  },
];

/** Order of the rows: count, age, sex, HBV, Child-Pugh, ECOG, tumor size, number of tumors, portal vein thrombosis, AFP, residual tumor (rows whose column is absent are left out). */
const ORDER = ["n", "age", "sex", "hbv", "child_pugh", "ecog", "tumor_cm", "tumor_number", "portal_vein_thrombosis", "afp_ng_ml", "residual_viable_tumor"];

/** Checks a column's levels (null: no grouping). */
function resolveLevels(variable: string, groups: readonly TableOneLevelGroup[] | null | undefined): readonly TableOneLevelGroup[] | null {
  if (groups === null || groups === undefined) return null;
  const where = `levels.${variable}`;
  if (!Array.isArray(groups) || groups.length < 2) throw new InputError(where, null, groups, "must list at least two levels, each { label, values }");
  const labels = new Set<string>();
  const values = new Map<string, string>();
  groups.forEach((g, k) => {
    if (g === null || typeof g !== "object" || typeof g.label !== "string" || g.label === "") throw new InputError(where, k, g, "must be { label: text, values: [...] }");
    if (labels.has(g.label)) throw new InputError(where, k, g.label, "is a label given twice");
    labels.add(g.label);
    if (!Array.isArray(g.values) || g.values.length === 0) throw new InputError(where, k, g.values, `(level ${g.label}) must list the recorded values it groups`);
    for (const v of g.values) {
      const key = String(v);
      if (values.has(key)) throw new InputError(where, k, v, `is in level ${values.get(key)} and level ${g.label}`);
      values.set(key, g.label);
    }
  });
  return groups;
}

/** Maps a recorded value (as text) to its level's label, null when it is in none. */
export function levelOfValue(groups: readonly TableOneLevelGroup[]): (value: string) => string | null {
  const map = new Map<string, string>();
  for (const g of groups) for (const v of g.values) map.set(String(v), g.label);
  return (value) => (map.has(value) ? (map.get(value) as string) : null);
}

/** Table 1 of the cohort; see the file comment. */
export function tableOne(cohort: CohortData, options: TableOneOptions = {}): TableOneResult {
  return tableOneWithSmdPlan(cohort, options).table;
}

/** One row's SMD as a function of the allocation: `treated[k]` is 1 when the plan's k-th patient is in the second arm. */
export type SmdOfAllocation = (treated: readonly number[]) => number | null;

export interface TableOneSmdPlanRow {
  variable: string;
  smd: SmdOfAllocation;
}

/**
 * Table 1 (tableOne) and, for each row but the count, its SMD as a function of the arm labels:
 * the values stay, only the allocation changes, so the SMDs of another allocation of the same
 * patients (smdUnderRandomAllocation's permutations) are the same computations as tableOne's
 * without building the table again. `patients` are the cohort rows in the order `treated` takes.
 */
export function tableOneWithSmdPlan(cohort: CohortData, options: TableOneOptions = {}): { table: TableOneResult; patients: number[]; smdPlan: TableOneSmdPlanRow[] } {
  const arms = cohortArms(cohort);
  if (arms.length !== 2) throw new InputError("arm", null, arms.join(", "), "Table 1 compares exactly two arms");
  const fisherBelow = options.fisherBelow === undefined ? 5 : options.fisherBelow;
  const runTests = options.tests === undefined ? true : options.tests;
  if (typeof runTests !== "boolean") throw new InputError("tests", null, runTests, "must be true or false");
  if (typeof fisherBelow !== "number" || !(fisherBelow >= 0)) throw new InputError("fisherBelow", null, fisherBelow, "must be a number >= 0");
  const byArm = rowsByArm(cohort, arms);
  const all = byArm[0].concat(byArm[1]).sort((a, b) => a - b);
  const f = cohort.fields;
  const rows: TableOneRow[] = [];

  const countCell = (idx: number[]): TableOneCell => ({ n: idx.length, missing: 0, numbers: null, count: idx.length, percent: null, text: String(idx.length) });
  rows.push({
    variable: "n",
    name: "Patients",
    label: "Patients, n",
    level: null,
    summary: "count",
    arms: byArm.map(countCell),
    overall: countCell(all),
    test: null,
    method: null,
    statistic: null,
    pValue: null,
    note: null,
    smd: null,
    smdMethod: null,
    levels: null,
    missingLevel: null,
  });
  // The SMDs take the patients in `all` order; 1 for the second arm.
  const treatedAll = all.map((i) => (f.arm[i] === arms[1] ? 1 : 0));
  // Standardized difference of `values` (one per patient of `all`), second arm vs reference; null when not computable.
  const smdOf = (values: unknown[], binary = false): number | null => pooledSdSmd(values, binary)(treatedAll);
  const smdPlan: TableOneSmdPlanRow[] = [];

  const has = (variable: string): boolean => (f as unknown as Record<string, unknown>)[variable] !== undefined;
  for (const spec of NUMERIC) {
    if (!has(spec.variable)) continue;
    const column = f[spec.variable] as ArrayLike<number>;
    const pick = (idx: number[]): number[] => idx.map((i) => column[i]);
    const cell = (idx: number[]): TableOneCell => {
      const d = describeNumbers(pick(idx));
      const text =
        d.n === 0
          ? "NA"
          : spec.summary === "mean ± SD"
            ? `${fmt(d.mean, spec.digits)} ± ${fmt(d.sd, spec.digits)}`
            : `${fmt(d.median, spec.digits)} [${fmt(d.q1, spec.digits)}\u2013${fmt(d.q3, spec.digits)}]`;
      return { n: d.n, missing: d.missing, numbers: d, count: null, percent: null, text };
    };
    const cells = byArm.map(cell);
    const row: TableOneRow = {
      variable: spec.variable,
      name: spec.name,
      label: spec.label,
      level: null,
      summary: spec.summary,
      arms: cells,
      overall: cell(all),
      test: spec.summary === "mean ± SD" ? "Welch t-test" : "Wilcoxon rank-sum",
      method: null,
      statistic: null,
      pValue: null,
      note: null,
      smd: null,
      smdMethod: null,
      levels: null,
      missingLevel: null,
    };
    const rowSmd = pooledSdSmd(all.map((i) => {
      const v = column[i];
      return spec.variable === "afp_ng_ml" && typeof v === "number" && Number.isFinite(v) ? Math.log10(Math.max(v, 1)) : v;
    }), false);
    smdPlan.push({ variable: spec.variable, smd: rowSmd });
    row.smd = rowSmd(treatedAll);
    if (row.smd !== null) row.smdMethod = "pooled SD";
    const x = pick(byArm[0]);
    const y = pick(byArm[1]);
    if (!runTests) {
      row.test = null;
    } else if (cells.some((c) => c.n < 2)) {
      row.note = "not tested: an arm has fewer than two recorded values";
    } else if (spec.summary === "mean ± SD") {
      try {
        const t = tTest(x, y, { missing: "drop" });
        row.method = t.method;
        row.statistic = t.t;
        row.pValue = t.pValue;
      } catch (e) {
        row.note = `not tested: ${(e as Error).message}`;
      }
    } else {
      const w = wilcoxonTest(x, y, { missing: "drop" });
      row.method = w.method;
      row.statistic = w.statistic;
      row.pValue = w.pValue;
    }
    rows.push(row);
  }

  const levelsOption = options.levels === undefined ? {} : options.levels;
  if (levelsOption === null || typeof levelsOption !== "object" || Array.isArray(levelsOption)) throw new InputError("levels", null, levelsOption, "must be an object: column -> its levels");
  for (const v of Object.keys(levelsOption)) {
    if (!CATEGORICAL.some((c) => c.variable === v)) throw new InputError("levels", null, v, `is not a categorical row of Table 1 (${CATEGORICAL.map((c) => c.variable).join(", ")})`);
  }
  for (const base of CATEGORICAL) {
    if (!has(base.variable)) continue;
    const groups = resolveLevels(base.variable, Object.prototype.hasOwnProperty.call(levelsOption, base.variable) ? levelsOption[base.variable] : DEFAULT_TABLE_ONE_LEVELS[base.variable]);
    const column = f[base.variable] as ArrayLike<unknown>;
    // A grouping of two levels is one row counting the second level; more levels are shown by level.
    const byLevel = groups !== null && groups.length > 2;
    const spec: CategoricalSpec =
      groups === null
        ? base
        : {
            ...base,
            name: byLevel ? base.title : `${base.title} ${groups[1].label}`,
            label: byLevel ? `${base.title}, n (%)` : `${base.title} ${groups[1].label}, n (%)`,
            level: byLevel ? groups[0].label : groups[1].label,
            levels: byLevel ? groups.map((g) => g.label) : [groups[1].label, groups[0].label],
            group: levelOfValue(groups),
          };
    const label = (i: number): string | null => {
      const v = column[i];
      if (v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v))) return null;
      const g = spec.group === undefined ? String(v) : spec.group(String(v));
      if (g === null) throw new InputError(spec.variable, i, v, `is in none of the levels ${(groups as readonly TableOneLevelGroup[]).map((x) => `${x.label} (${x.values.join(", ")})`).join(", ")}`);
      return g;
    };
    const counts = (idx: number[]): { n: number; missing: number; byLevel: number[] } => {
      const perLevel = spec.levels.map(() => 0);
      let missing = 0;
      for (const i of idx) {
        const v = label(i);
        if (v === null) missing++;
        else {
          const k = spec.levels.indexOf(v);
          if (k < 0) throw new InputError(spec.variable, i, v, `is not one of ${spec.levels.join(", ")}`);
          perLevel[k]++;
        }
      }
      return { n: idx.length - missing, missing, byLevel: perLevel };
    };
    const countCellOf = (count: number, n: number, missing: number): TableOneCell => {
      const percent = n > 0 ? (100 * count) / n : null;
      return { n, missing, numbers: null, count, percent, text: n > 0 ? `${count} (${fmt(percent, 1)})` : "NA" };
    };
    const cell = (idx: number[]): TableOneCell => {
      const c = counts(idx);
      return byLevel ? { n: c.n, missing: c.missing, numbers: null, count: null, percent: null, text: "" } : countCellOf(c.byLevel[0], c.n, c.missing);
    };
    const row: TableOneRow = {
      variable: spec.variable,
      name: spec.name,
      label: spec.label,
      level: byLevel ? null : spec.level,
      levels: null,
      missingLevel: null,
      summary: "n (%)",
      arms: byArm.map(cell),
      overall: cell(all),
      test: null,
      method: null,
      statistic: null,
      pValue: null,
      note: null,
      smd: null,
      smdMethod: null,
    };
    if (byLevel) {
      const perArm = byArm.map(counts);
      const overall = counts(all);
      row.levels = spec.levels.map((lv, k) => ({
        level: lv,
        values: (groups as readonly TableOneLevelGroup[])[k].values.map(String),
        arms: perArm.map((c) => countCellOf(c.byLevel[k], c.n, c.missing)),
        overall: countCellOf(overall.byLevel[k], overall.n, overall.missing),
        smd: smdOf(all.map((i) => {
          const v = label(i);
          return v === null ? NaN : v === lv ? 1 : 0;
        }), true),
      }));
      if (overall.missing > 0) {
        row.missingLevel = {
          arms: perArm.map((c, a) => countCellOf(c.missing, byArm[a].length, 0)),
          overall: countCellOf(overall.missing, all.length, 0),
        };
      }
      const multi = multiLevelSmd(all.map((i) => label(i)), spec.levels);
      smdPlan.push({ variable: spec.variable, smd: (treated) => multi(treated)?.smd ?? null });
      const d = multi(treatedAll);
      if (d !== null) {
        row.smd = d.smd;
        row.smdMethod = "multi-level";
        if (d.separated) row.note = "no SMD: the levels separate the arms completely (the distance is infinite)";
      }
    } else {
      const rowSmd = pooledSdSmd(all.map((i) => {
        const v = label(i);
        return v === null ? NaN : v === spec.level ? 1 : 0;
      }), true);
      smdPlan.push({ variable: spec.variable, smd: rowSmd });
      row.smd = rowSmd(treatedAll);
      if (row.smd !== null) row.smdMethod = "pooled SD";
    }
    const fullTable = byArm.map((idx) => counts(idx).byLevel);
    // Levels empty in both arms are left out of the test (R's chisq.test would give NaN).
    const keep = spec.levels.map((_, j) => j).filter((j) => fullTable[0][j] + fullTable[1][j] > 0);
    const table = fullTable.map((r) => keep.map((j) => r[j]));
    const emptyNote = byLevel && keep.length < spec.levels.length && keep.length >= 2 ? `level${spec.levels.length - keep.length === 1 ? "" : "s"} ${spec.levels.filter((_, j) => keep.indexOf(j) < 0).join(", ")} empty in both arms, left out of the test` : null;
    if (!runTests) {
      // SMDs only.
    } else if (fullTable.some((r) => r.reduce((a, b) => a + b, 0) === 0)) {
      row.note = "not tested: an arm has no recorded values";
    } else if (keep.length < 2) {
      row.note = "not tested: every recorded patient is in one category";
    } else {
      const chi = chiSquareTest(table);
      if (chi.minExpected < fisherBelow && table[0].length === 2) {
        const fe = fisherExactTest(table);
        row.test = "Fisher exact";
        row.method = fe.method;
        row.pValue = fe.pValue;
        row.note = `smallest expected count ${fmt(chi.minExpected, 1)} < ${fisherBelow}`;
      } else {
        row.test = chi.method.indexOf("Yates") >= 0 ? "Pearson chi-square (Yates)" : "Pearson chi-square";
        row.method = chi.method;
        row.statistic = chi.statistic;
        row.pValue = chi.pValue;
        if (chi.minExpected < fisherBelow) row.note = `smallest expected count ${fmt(chi.minExpected, 1)} < ${fisherBelow}: the chi-square approximation may be poor (R warns; Fisher's exact test is 2 x 2 only here)`;
      }
    }
    if (emptyNote !== null) row.note = row.note === null ? emptyNote : `${row.note}; ${emptyNote}`;
    rows.push(row);
  }
  rows.sort((a, b) => ORDER.indexOf(a.variable) - ORDER.indexOf(b.variable));
  const byLevelRows = rows.filter((r) => r.levels !== null);
  const footnote =
    "Percentages are of the patients with the value recorded; missing values are counted in the last column and left out of summaries and tests. " +
    "Age: Welch two-sample t-test. Categorical rows: Pearson's chi-square test with Yates' continuity correction, " +
    `or Fisher's exact test when an expected count is below ${fisherBelow}. ` +
    `${has("tumor_number") ? "Tumor diameter, number of tumors" : "Tumor diameter"} and AFP (right-skewed): Wilcoxon rank-sum test. IQR: quartiles by R's default (type 7). ` +
    `SMD: standardized mean difference, ${arms[1]} minus ${arms[0]}, over the pooled SD of the two arms (categories: the share in the category, SD from p(1 − p); AFP on the log10 scale); |SMD| of 0.1 or more is the usual mark of imbalance.` +
    (byLevelRows.length === 0
      ? ""
      : ` ${byLevelRows.map((r) => r.name).join(", ")}: shown by level (percent of the patients with the value recorded${byLevelRows.some((r) => r.missingLevel !== null) ? "; the missing row, percent of all patients" : ""}), ` +
        `tested with Pearson's chi-square test of the arm-by-level table; the SMD on the variable's row is the multi-level one of R's tableone (Yang & Dalton 2012: the Mahalanobis distance between the arms' level proportions, unsigned), and each level's row gives that level against all others (signed).`);
  return { table: { arms, n: byArm.map((r) => r.length), rows, footnote }, patients: all, smdPlan };
}

/**
 * The pooled-SD SMD of `values` (non-finite: missing) under an allocation; null when an arm has
 * fewer than 2 recorded values (1 for a binary row).
 */
function pooledSdSmd(values: readonly unknown[], binary: boolean): SmdOfAllocation {
  const kept = values.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : NaN));
  const need = binary ? 1 : 2;
  return (treated) => {
    let n0 = 0;
    let n1 = 0;
    for (let k = 0; k < kept.length; k++) {
      if (Number.isNaN(kept[k])) continue;
      if (treated[k] === 1) n1++;
      else if (treated[k] === 0) n0++;
    }
    if (n0 < need || n1 < need) return null;
    return standardizedDifference(kept, treated, { missing: "drop", binary }).smd;
  };
}

/** The multi-level SMD (Yang & Dalton) of labels (null: missing) under an allocation; null when an arm has none recorded. */
function multiLevelSmd(labels: readonly (string | null)[], levels: readonly string[]): (treated: readonly number[]) => { smd: number | null; separated: boolean } | null {
  return (treated) => {
    let n0 = 0;
    let n1 = 0;
    for (let k = 0; k < labels.length; k++) {
      if (labels[k] === null) continue;
      if (treated[k] === 1) n1++;
      else n0++;
    }
    if (n0 === 0 || n1 === 0) return null;
    const d = categoricalStandardizedDifference(labels, treated, { levels: levels.slice(), missing: "drop" });
    return { smd: d.smd, separated: d.separated };
  };
}

/**
 * Table 1's columns measured after the time origin (the first TACE): residual viable tumor is
 * assessed at the post-TACE response assessment, before any RT (data/README.md).
 */
export const MEASURED_AFTER_FIRST_TACE: readonly string[] = ["residual_viable_tumor"];

/** Indent of a level's row under its variable (no-break spaces, kept by HTML). */
const LEVEL_INDENT = "\u00a0\u00a0\u00a0\u00a0";

/**
 * Table 1 as printed: characteristic, one column per arm, all patients, standardized difference,
 * P, test, missing per arm; a row shown by level is followed by one indented row per level (its
 * SMD against the other levels in parentheses) and, when values are missing, a "Missing" row.
 * `measured: true` adds a column saying when each row was measured: at
 * enrollment, or after the first TACE (MEASURED_AFTER_FIRST_TACE).
 */
export function tableOneDisplay(t: TableOneResult, options: { measured?: boolean } = {}): TableLike {
  const total = t.n.reduce((s, v) => s + v, 0);
  const measured = options.measured === true;
  const columns = ["Characteristic"]
    .concat(measured ? ["Measured"] : [])
    .concat(t.arms.map((a, i) => `${a} (n = ${t.n[i]})`))
    .concat([`All (n = ${total})`, "SMD", "P", "Test", `Missing (${t.arms.join(" / ")})`]);
  const values: unknown[][] = [];
  for (const r of t.rows) {
    values.push(
      [r.label as unknown]
        .concat(measured ? [r.variable === "n" ? "" : MEASURED_AFTER_FIRST_TACE.indexOf(r.variable) >= 0 ? "after the first TACE, before RT" : "at enrollment"] : [])
        .concat(r.arms.map((c) => c.text))
        .concat([
          r.overall.text,
          r.variable === "n" ? "" : r.smd === null ? "NA" : fmt(r.smd, 2),
          r.variable === "n" ? "" : formatP(r.pValue),
          r.test === null ? (r.note === null ? "" : r.note) : r.test,
          r.variable === "n" ? "" : r.arms.map((c) => String(c.missing)).join(" / "),
        ]),
    );
    // Rows shown by level: one indented row per level (its SMD against all other levels), then the missing values.
    const sub = (name: string, cells: TableOneCell[], overall: TableOneCell, smd: string) =>
      values.push([`${LEVEL_INDENT}${name}` as unknown].concat(measured ? [""] : []).concat(cells.map((c) => c.text)).concat([overall.text, smd, "", "", ""]));
    if (r.levels !== null) for (const lv of r.levels) sub(lv.level, lv.arms, lv.overall, lv.smd === null ? "NA" : `(${fmt(lv.smd, 2)})`);
    if (r.missingLevel !== null) sub("Missing", r.missingLevel.arms, r.missingLevel.overall, "");
  }
  return { columns, values };
}

export interface TableOneBalance {
  /** Rows with a test result. */
  tested: TableOneRow[];
  /** Holm-adjusted P of each tested row (same order as `tested`), for the many tests of one table. */
  holm: number[];
  /** Tested rows with a Holm-adjusted P below alpha. */
  differingHolm: TableOneRow[];
  /** Rows expected below alpha by chance alone if the arms did not differ at all: tested × alpha. */
  expectedByChance: number;
  /** Rows with |SMD| at or above `smdThreshold`. */
  imbalanced: TableOneRow[];
  smdThreshold: number;
  /** Of them, those with P below alpha. */
  differing: TableOneRow[];
  /** The tested row with the smallest P (null when nothing was tested). */
  smallest: TableOneRow | null;
  /** Missing baseline values in all (every row but the patient count). */
  missing: number;
  alpha: number;
}

/**
 * Which rows of Table 1 differ between the arms at level alpha (default 0.05), unadjusted and with
 * Holm's adjustment for the number of rows tested (R's p.adjust(p, "holm")), and which have
 * |SMD| >= smdThreshold (default 0.1), for the sentences under the table.
 */
export function tableOneBalance(t: TableOneResult, alpha = 0.05, smdThreshold = 0.1): TableOneBalance {
  const tested = t.rows.filter((r) => r.pValue !== null && Number.isFinite(r.pValue));
  const holm = pAdjust(tested.map((r) => r.pValue as number), "holm") as number[];
  const differingHolm = tested.filter((_, k) => holm[k] < alpha);
  const imbalanced = t.rows.filter((r) => r.smd !== null && Math.abs(r.smd) >= smdThreshold);
  const differing = tested.filter((r) => (r.pValue as number) < alpha);
  let smallest: TableOneRow | null = null;
  for (const r of tested) if (smallest === null || (r.pValue as number) < (smallest.pValue as number)) smallest = r;
  const missing = t.rows.filter((r) => r.variable !== "n").reduce((s, r) => s + r.arms.reduce((x, c) => x + c.missing, 0), 0);
  return { tested, holm, differingHolm, expectedByChance: tested.length * alpha, imbalanced, smdThreshold, differing, smallest, missing, alpha };
}

/** Values as a short list: runs of consecutive whole numbers as "a–b". */
function valueList(values: readonly (string | number)[]): string {
  const parts: string[] = [];
  let k = 0;
  while (k < values.length) {
    let j = k;
    while (j + 1 < values.length && typeof values[j] === "number" && typeof values[j + 1] === "number" && (values[j + 1] as number) === (values[j] as number) + 1) j++;
    parts.push(j > k ? `${values[k]}\u2013${values[j]}` : String(values[k]));
    k = j + 1;
  }
  return parts.join(", ");
}

/**
 * Relabels the levels of a categorical column by what the data hold: a level whose recorded values
 * are only partly present is labelled by the values present, with the absent ones named, e.g.
 * { label: "2–4", values: [2, 3, 4] } with only ECOG 2 recorded becomes "2 (none at 3–4)"; a level
 * with none of its values present becomes "2–4 (none recorded)". Values and order are unchanged.
 *
 * @example
 * labelLevelsByData(cohort, "ecog", DEFAULT_TABLE_ONE_LEVELS.ecog); // [..., { label: "2 (none at 3–4)", values: [2, 3, 4] }]
 */
export function labelLevelsByData(cohort: CohortData, variable: string, groups: readonly TableOneLevelGroup[]): TableOneLevelGroup[] {
  const column = (cohort.fields as unknown as Record<string, ArrayLike<unknown> | undefined>)[variable];
  if (column === undefined) throw new InputError(variable, null, variable, "is not a column of the cohort");
  resolveLevels(variable, groups);
  const seen = new Set<string>();
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v))) continue;
    seen.add(String(v));
  }
  return groups.map((g) => {
    const present = g.values.filter((v) => seen.has(String(v)));
    const absent = g.values.filter((v) => !seen.has(String(v)));
    if (absent.length === 0) return { label: g.label, values: g.values };
    if (present.length === 0) return { label: `${g.label} (none recorded)`, values: g.values };
    return { label: `${valueList(present)} (none at ${valueList(absent)})`, values: g.values };
  });
}
