import * as path from "path";
import { byPosition, parseCsv } from "./csv";
import { DataValidationError, ValidationIssue, WHOLE_ROW } from "./issues";
import { dataDir } from "./load";
import { readDataFile } from "./text-file";
import { ColumnSpec, Table, TableSchema } from "./schema";
import { validateTable } from "./validate";

/**
 * The laboratory tables: RT-qPCR and ELISA of VEGF in irradiated hepatoma cell lines
 * (in vitro), and tumor volumes and end-point measures of irradiated xenografts (in vivo).
 * Files, relative to the data folder (DATA_DIR or data/):
 *   invitro/vegf_mrna.csv, invitro/vegf_secretion.csv, invivo/tumor_growth.csv, invivo/endpoint.csv.
 *
 * Each loader checks the cells against the schema (types, allowed values, plausible
 * ranges) and then the rules that span rows, and throws a DataValidationError listing
 * every problem with its row and line:
 * - in vitro: one p53 and one HBV status per cell line (any line name is accepted, so a
 *   user's own lines load; only consistency within the file is checked); each
 *   (cell_line, dose_gy, hours, replicate) at most once;
 * - tumor growth: each mouse in one group; each (mouse_id, site, day) at most once;
 * - endpoint: each mouse once; with loadXenograft, every endpoint mouse must be in the
 *   growth file with the same group.
 * Findings (VEGF rises with dose, irradiated tumors grow faster, ...) are claims to
 * test, never load rules: a user's data may not show them.
 *
 * @example
 * const mrna = loadVegfMrna();                 // DATA_DIR or data/
 * mrna.fields.ct_vegf;                         // number[]
 * const { growth, endpoint } = loadXenograft("my-data");
 */

export const P53_STATUSES = ["wild-type", "null", "mutant"] as const;
export const HBV_STATUSES = ["positive", "negative"] as const;
export const MOUSE_GROUPS = ["sham", "irradiated"] as const;
export const TUMOR_SITES = ["in_field", "out_of_field"] as const;
export type P53Status = (typeof P53_STATUSES)[number];
export type HbvStatus = (typeof HBV_STATUSES)[number];
export type MouseGroup = (typeof MOUSE_GROUPS)[number];
export type TumorSite = (typeof TUMOR_SITES)[number];

/** Paths of the laboratory files relative to a data folder (also the keys the generator writes). */
export const LABORATORY_FILES = {
  vegfMrna: "invitro/vegf_mrna.csv",
  vegfSecretion: "invitro/vegf_secretion.csv",
  tumorGrowth: "invivo/tumor_growth.csv",
  endpoint: "invivo/endpoint.csv",
} as const;

const invitroDesign: ColumnSpec[] = [
  { name: "cell_line", type: "string", label: true, description: "hepatoma cell line, e.g. HepG2" },
  { name: "p53_status", type: "enum", values: P53_STATUSES, description: "TP53 status of the line" },
  { name: "hbv_status", type: "enum", values: HBV_STATUSES, description: "HBV DNA integrated in the line's genome" },
  { name: "dose_gy", type: "number", min: 0, max: 100, unit: "Gy", description: "single radiation dose; 0 = sham-irradiated control" },
  { name: "hours", type: "number", min: 0, unit: "h", description: "time from irradiation to harvest; 0 = just after irradiation" },
  { name: "replicate", type: "number", integer: true, min: 1, description: "independent experiment (qPCR plate / ELISA run) number" },
];

/** RT-qPCR of VEGF and GAPDH: one row per sample (the mean of its technical wells). */
export const vegfMrnaSchema: TableSchema = {
  name: "VEGF mRNA (RT-qPCR)",
  columns: [
    ...invitroDesign,
    { name: "ct_vegf", type: "number", min: 5, max: 45, unit: "cycles", description: "threshold cycle of VEGF" },
    { name: "ct_gapdh", type: "number", min: 5, max: 45, unit: "cycles", description: "threshold cycle of the reference gene GAPDH" },
  ],
};

/**
 * ELISA of VEGF in conditioned medium: one row per sample. `cells_1e6` (optional: files
 * without it load, and the analyses then use the concentration, saying so) is the viable
 * cell count of the well at harvest, in 10^6 cells, for secretion per 10^6 cells.
 */
export const vegfSecretionSchema: TableSchema = {
  name: "VEGF secretion (ELISA)",
  columns: [
    ...invitroDesign,
    { name: "vegf_pg_ml", type: "number", min: 0, unit: "pg/ml", description: "VEGF concentration in conditioned medium" },
    { name: "cells_1e6", type: "number", min: 0, max: 100, unit: "10^6 cells", description: "viable cells in the well at harvest (optional column), for VEGF per 10^6 cells" },
  ],
};

/** Columns a file may leave out (header without them): the analyses that need one say so and skip it. */
export const OPTIONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  [vegfSecretionSchema.name]: ["cells_1e6"],
};

/** Caliper volumes: one row per tumor and measurement day. */
export const tumorGrowthSchema: TableSchema = {
  name: "xenograft tumor growth",
  columns: [
    { name: "mouse_id", type: "string", label: true, description: "mouse identifier" },
    { name: "group", type: "enum", values: MOUSE_GROUPS, description: "sham or irradiated (the in-field tumor)" },
    { name: "site", type: "enum", values: TUMOR_SITES, description: "in_field: the treated tumor; out_of_field: a second tumor shielded from the beam" },
    { name: "day", type: "number", unit: "days", description: "days after irradiation (negative = before)" },
    { name: "volume_mm3", type: "number", min: 0, unit: "mm³", description: "tumor volume by caliper" },
  ],
};

/** End-point measures at sacrifice: one row per mouse. */
export const endpointSchema: TableSchema = {
  name: "xenograft end points",
  columns: [
    { name: "mouse_id", type: "string", unique: true, label: true, description: "mouse identifier (as in tumor_growth.csv)" },
    { name: "group", type: "enum", values: MOUSE_GROUPS },
    {
      name: "mvd_per_hpf",
      type: "number",
      min: 0,
      allowMissing: true,
      unit: "vessels/HPF",
      description: "CD31-stained microvessels per high-power field in the out-of-field tumor",
    },
    {
      name: "serum_vegf_pg_ml",
      type: "number",
      min: 0,
      allowMissing: true,
      unit: "pg/ml",
      description: "serum human VEGF at sacrifice (tumor-derived; human-specific ELISA)",
    },
  ],
};

/** A validated table with its file lines (lines[i] is the line where data row i + 1 starts). */
export interface LabTable<F> extends Table {
  fields: F;
  lines: number[];
}

/** The design columns both in vitro files share: which well a measurement comes from. */
export interface InVitroDesignFields {
  cell_line: string[];
  p53_status: P53Status[];
  hbv_status: HbvStatus[];
  dose_gy: number[];
  hours: number[];
  replicate: number[];
}

export interface VegfMrnaFields extends InVitroDesignFields {
  ct_vegf: number[];
  ct_gapdh: number[];
}

export interface VegfSecretionFields extends InVitroDesignFields {
  vegf_pg_ml: number[];
  /** Absent when the file has no cells_1e6 column. */
  cells_1e6?: number[];
}

export interface TumorGrowthFields {
  mouse_id: string[];
  group: MouseGroup[];
  site: TumorSite[];
  day: number[];
  volume_mm3: number[];
}

export interface EndpointFields {
  mouse_id: string[];
  group: MouseGroup[];
  /** NaN where missing. */
  mvd_per_hpf: number[];
  serum_vegf_pg_ml: number[];
}

export type VegfMrna = LabTable<VegfMrnaFields>;
export type VegfSecretion = LabTable<VegfSecretionFields>;
export type TumorGrowth = LabTable<TumorGrowthFields>;
export type Endpoint = LabTable<EndpointFields>;

/** Which cells passed the column checks, from the issues validateTable reported. */
class CellStatus {
  private readonly bad = new Set<string>();
  constructor(issues: ValidationIssue[]) {
    for (const issue of issues) {
      if (issue.row === null) continue;
      this.bad.add(issue.column === WHOLE_ROW ? `${issue.row}|*` : `${issue.row}|${issue.column}`);
    }
  }
  /** True when data row r + 1 has valid values in every named column. */
  ok(r: number, columns: string[]): boolean {
    if (this.bad.has(`${r + 1}|*`)) return false;
    return columns.every((c) => !this.bad.has(`${r + 1}|${c}`));
  }
}

type TableRule = (table: Table, lines: number[], cells: CellStatus) => ValidationIssue[];

/** One value of `valueColumn` per value of `keyColumn`: rows that differ from the first row of their key are issues. */
function oneValuePer(keyColumn: string, valueColumn: string): TableRule {
  return (table, lines, cells) => {
    const issues: ValidationIssue[] = [];
    const first = new Map<string, { value: string; row: number }>();
    const keys = table.columns[keyColumn];
    const values = table.columns[valueColumn];
    if (keys === undefined || values === undefined) return issues; // missing column: already reported
    for (let r = 0; r < table.nRows; r++) {
      if (!cells.ok(r, [keyColumn, valueColumn])) continue;
      const key = String(keys[r]);
      const value = String(values[r]);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, { value, row: r + 1 });
      else if (seen.value !== value) {
        issues.push({
          row: r + 1,
          line: lines[r],
          column: valueColumn,
          value,
          rule: `one ${valueColumn} per ${keyColumn}: ${keyColumn} ${JSON.stringify(key)} is ${JSON.stringify(seen.value)} in row ${seen.row}`,
        });
      }
    }
    return issues;
  };
}

/** Each combination of the key columns at most once; every repeat is an issue naming the first row. */
function uniqueKey(keyColumns: string[]): TableRule {
  return (table, lines, cells) => {
    const issues: ValidationIssue[] = [];
    if (keyColumns.some((c) => table.columns[c] === undefined)) return issues;
    const first = new Map<string, number>();
    for (let r = 0; r < table.nRows; r++) {
      if (!cells.ok(r, keyColumns)) continue;
      const key = JSON.stringify(keyColumns.map((c) => table.columns[c][r]));
      const seen = first.get(key);
      if (seen === undefined) first.set(key, r + 1);
      else {
        issues.push({
          row: r + 1,
          line: lines[r],
          column: keyColumns.join(", "),
          value: keyColumns.map((c) => `${c}=${table.columns[c][r]}`).join("; "),
          rule: `duplicate ${keyColumns.join(" + ")}: the same measurement is already in row ${seen}`,
        });
      }
    }
    return issues;
  };
}

/** Values of a number column must be > 0 (a schema's min is inclusive). */
function positive(column: string, why: string): TableRule {
  return (table, lines, cells) => {
    const issues: ValidationIssue[] = [];
    const values = table.columns[column];
    if (values === undefined) return issues;
    for (let r = 0; r < table.nRows; r++) {
      if (!cells.ok(r, [column])) continue;
      const v = values[r];
      if (typeof v === "number" && v <= 0) issues.push({ row: r + 1, line: lines[r], column, value: String(v), rule: `must be > 0 (${why})` });
    }
    return issues;
  };
}

const INVITRO_RULES: TableRule[] = [
  oneValuePer("cell_line", "p53_status"),
  oneValuePer("cell_line", "hbv_status"),
  uniqueKey(["cell_line", "dose_gy", "hours", "replicate"]),
];
const GROWTH_RULES: TableRule[] = [oneValuePer("mouse_id", "group"), uniqueKey(["mouse_id", "site", "day"])];

const SECRETION_RULES: TableRule[] = INVITRO_RULES.concat([positive("cells_1e6", "VEGF is expressed per 10^6 cells")]);

/** The schema without the optional columns the file's header leaves out. */
function presentSchema(schema: TableSchema, header: readonly string[]): TableSchema {
  const optional = OPTIONAL_COLUMNS[schema.name];
  if (optional === undefined || header.length === 0) return schema;
  const absent = optional.filter((c) => header.indexOf(c) < 0);
  return absent.length === 0 ? schema : { ...schema, columns: schema.columns.filter((c) => absent.indexOf(c.name) < 0) };
}

function validateWith<F>(text: string, schema: TableSchema, rules: TableRule[], file: string): { table: LabTable<F>; issues: ValidationIssue[] } {
  const parsed = parseCsv(text, file);
  const { table, issues } = validateTable(text, presentSchema(schema, parsed.header), file);
  const lines = parsed.lines;
  const cells = new CellStatus(issues);
  const all = issues.slice();
  for (const rule of rules) all.push(...rule(table, lines, cells));
  all.sort(byPosition);
  return { table: { ...table, fields: table.columns as unknown as F, lines }, issues: all };
}

/** Checks RT-qPCR CSV text (schema and cross-row rules); returns the table and every issue. */
export function validateVegfMrna(text: string, file = "<text>"): { table: VegfMrna; issues: ValidationIssue[] } {
  return validateWith<VegfMrnaFields>(text, vegfMrnaSchema, INVITRO_RULES, file);
}

/** Checks ELISA CSV text (schema and cross-row rules); returns the table and every issue. */
export function validateVegfSecretion(text: string, file = "<text>"): { table: VegfSecretion; issues: ValidationIssue[] } {
  return validateWith<VegfSecretionFields>(text, vegfSecretionSchema, SECRETION_RULES, file);
}

/** Checks tumor-growth CSV text (schema and cross-row rules); returns the table and every issue. */
export function validateTumorGrowth(text: string, file = "<text>"): { table: TumorGrowth; issues: ValidationIssue[] } {
  return validateWith<TumorGrowthFields>(text, tumorGrowthSchema, GROWTH_RULES, file);
}

/** Checks end-point CSV text; returns the table and every issue. */
export function validateEndpoint(text: string, file = "<text>"): { table: Endpoint; issues: ValidationIssue[] } {
  return validateWith<EndpointFields>(text, endpointSchema, [], file);
}

function loadWith<T>(file: string, validate: (text: string, file: string) => { table: T; issues: ValidationIssue[] }): T {
  const text = readDataFile(file); // an unreadable or non-UTF-8 file throws the project's DataValidationError
  const { table, issues } = validate(text, file);
  if (issues.length > 0) throw new DataValidationError(file, issues);
  return table;
}

/** Loads and validates <dir>/invitro/vegf_mrna.csv; throws a DataValidationError listing every problem. */
export function loadVegfMrna(dir: string = dataDir()): VegfMrna {
  return loadWith(path.join(dir, LABORATORY_FILES.vegfMrna), validateVegfMrna);
}

/** Loads and validates <dir>/invitro/vegf_secretion.csv. */
export function loadVegfSecretion(dir: string = dataDir()): VegfSecretion {
  return loadWith(path.join(dir, LABORATORY_FILES.vegfSecretion), validateVegfSecretion);
}

/** Loads and validates <dir>/invivo/tumor_growth.csv. */
export function loadTumorGrowth(dir: string = dataDir()): TumorGrowth {
  return loadWith(path.join(dir, LABORATORY_FILES.tumorGrowth), validateTumorGrowth);
}

/** Loads and validates <dir>/invivo/endpoint.csv (on its own; loadXenograft also checks it against the growth file). */
export function loadEndpoint(dir: string = dataDir()): Endpoint {
  return loadWith(path.join(dir, LABORATORY_FILES.endpoint), validateEndpoint);
}

/**
 * Cross-file check: every end-point mouse must appear in the growth file, in the same
 * group. Issues point at rows of the end-point file. Mice measured for growth but
 * without end points (e.g. died early) are allowed.
 */
export function checkXenograftMice(growth: TumorGrowth, endpoint: Endpoint): ValidationIssue[] {
  const groupOf = new Map<string, string>();
  for (let i = 0; i < growth.nRows; i++) if (!groupOf.has(growth.fields.mouse_id[i])) groupOf.set(growth.fields.mouse_id[i], growth.fields.group[i]);
  const growthFile = path.basename(growth.file);
  const issues: ValidationIssue[] = [];
  for (let r = 0; r < endpoint.nRows; r++) {
    const id = endpoint.fields.mouse_id[r];
    const group = groupOf.get(id);
    if (group === undefined) {
      issues.push({ row: r + 1, line: endpoint.lines[r], column: "mouse_id", value: id, rule: `mouse not found in ${growthFile}` });
    } else if (group !== endpoint.fields.group[r]) {
      issues.push({
        row: r + 1,
        line: endpoint.lines[r],
        column: "group",
        value: endpoint.fields.group[r],
        rule: `mouse ${id} is in group ${JSON.stringify(group)} in ${growthFile}`,
      });
    }
  }
  return issues;
}

/** Loads both xenograft files and checks them against each other. */
export function loadXenograft(dir: string = dataDir()): { growth: TumorGrowth; endpoint: Endpoint } {
  const growth = loadTumorGrowth(dir);
  const endpoint = loadEndpoint(dir);
  const issues = checkXenograftMice(growth, endpoint);
  if (issues.length > 0) throw new DataValidationError(endpoint.file, issues);
  return { growth, endpoint };
}

/** All four laboratory tables, validated, with the cross-file check. */
export function loadLaboratory(dir: string = dataDir()): { vegfMrna: VegfMrna; vegfSecretion: VegfSecretion; growth: TumorGrowth; endpoint: Endpoint } {
  return { vegfMrna: loadVegfMrna(dir), vegfSecretion: loadVegfSecretion(dir), ...loadXenograft(dir) };
}
