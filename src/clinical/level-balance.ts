/**
 * Balance of the bias analyses' categorical covariates by level. The propensity model and the
 * adjusted models of notebook 07 enter ECOG per point (biasCovariates), so their balance
 * tables give the standardized difference of its mean; weights that balance the mean (overlap
 * weights balance it exactly) need not balance the levels. This gives, for each such covariate,
 * the multi-level standardized difference of its levels (categoricalStandardizedDifference:
 * Yang & Dalton 2012, R's tableone; unsigned), unweighted or under weights (weighted level
 * proportions, S from the unweighted groups, as standardizedDifference). The levels are Table 1's
 * default grouping (DEFAULT_TABLE_ONE_LEVELS: ECOG 0 / 1 / 2–4). A covariate the cohort lacks is
 * left out.
 *
 * @example
 * const lv = covariateLevels(cohort, ps.rows);
 * levelBalance(lv, ps.treated, ps.weights.overlap.weights); // [{ name: "ecog", label: "ECOG 0 / 1 / 2–4, by level", smd: 0.28 }]
 */
import { categoricalStandardizedDifference } from "../stats/categorical-standardized-difference";
import type { CohortData } from "./arms";
import { InputError } from "../core/index";
import { DEFAULT_TABLE_ONE_LEVELS, levelOfValue } from "./table-one";
import type { TableOneLevelGroup } from "./table-one";

export interface CovariateLevels {
  /** Cohort column, e.g. "ecog". */
  name: string;
  /** e.g. "ECOG 0 / 1 / 2–4, by level". */
  label: string;
  levels: string[];
  /** The level of each row asked for (null when the value is missing). */
  values: (string | null)[];
}

export interface LevelBalance {
  name: string;
  label: string;
  levels: string[];
  /** Multi-level SMD (unsigned); null when the levels separate the groups or a group has no recorded value. */
  smd: number | null;
}

/** The covariates entered per point in the bias analyses whose levels are checked: ECOG. */
const BY_LEVEL: { name: string; title: string }[] = [{ name: "ecog", title: "ECOG" }];

/** The level of each of `rows` for every categorical covariate checked by level (see the file comment). */
export function covariateLevels(cohort: CohortData, rows: readonly number[], groupsByColumn: Readonly<Record<string, readonly TableOneLevelGroup[]>> = DEFAULT_TABLE_ONE_LEVELS): CovariateLevels[] {
  const fields = cohort.fields as unknown as Record<string, ArrayLike<unknown> | undefined>;
  const out: CovariateLevels[] = [];
  for (const c of BY_LEVEL) {
    const column = fields[c.name];
    const groups = groupsByColumn[c.name];
    if (column === undefined || groups === undefined) continue;
    const levelOf = levelOfValue(groups);
    const values = rows.map((i) => {
      const v = column[i];
      if (v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v))) return null;
      const level = levelOf(String(v));
      if (level === null) throw new InputError(c.name, i, v, `is in none of the levels ${groups.map((g) => g.label).join(", ")}`);
      return level;
    });
    const levels = groups.map((g) => g.label);
    out.push({ name: c.name, label: `${c.title} ${levels.join(" / ")}, by level`, levels, values });
  }
  return out;
}

/** Multi-level SMD of each covariate's levels between treated (1) and control (0), optionally weighted. */
export function levelBalance(covariates: readonly CovariateLevels[], treated: readonly number[], weights?: readonly number[]): LevelBalance[] {
  return covariates.map((c) => {
    const present = c.values.map((v, k) => (v === null ? -1 : treated[k]));
    const both = present.some((g) => g === 1) && present.some((g) => g === 0);
    const smd = both ? categoricalStandardizedDifference(c.values, treated, { levels: c.levels, weights, missing: "drop" }).smd : null;
    return { name: c.name, label: c.label, levels: c.levels, smd };
  });
}
