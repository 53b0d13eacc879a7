/**
 * Model frames and design matrices for formula-based models (R's model.frame and
 * model.matrix with treatment contrasts). Internal to src/stats.
 *
 * Data come as columns ({ dose: [...], line: [...] }, e.g. a loaded table's `fields`)
 * or as rows ([{ dose: 0, line: "HepG2" }, ...]). A column whose values are all numbers
 * is a numeric covariate, unless listed in `factors`; a column of text (or booleans) is a
 * factor; a column mixing numbers and text is an error. Factor levels are
 * `levels[column]` when given (R's factor(levels = ); levels with no data once rows are
 * dropped are left out, as lm's drop.unused.levels), else the distinct values sorted —
 * numbers by value, text by code point (R sorts text in the locale's collation, which
 * agrees for plain ASCII names of one case; pass `levels` to be sure).
 */
import { InputError, factorColumn, isMissing, missingRows } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { FORMULA_FUNCTIONS, deparse } from "./formula";
import type { FormulaNode, ExpandedTerms } from "./formula";
import { keptRows, requireMissingPolicy } from "./input";

/** A data set: named columns of equal length, or an array of row objects. */
export type ModelData = Readonly<Record<string, ArrayLikeInput<unknown>>> | ReadonlyArray<Readonly<Record<string, unknown>>>;

export interface ModelFrameOptions {
  /** "error" (default) throws at the first missing value in a column the formula uses; "drop" drops such rows (R's na.omit). */
  missing?: MissingPolicy;
  /** Numeric columns to treat as factors (e.g. a dose in Gy or an experiment number). */
  factors?: readonly string[];
  /** Level order per factor column (the first is the reference level of its treatment contrasts). */
  levels?: Readonly<Record<string, readonly (string | number)[]>>;
}

/** A variable evaluated on the kept rows. */
export interface FrameVariable {
  label: string;
  kind: "numeric" | "factor";
  /** Numeric values (numeric variables). */
  values: Float64Array;
  /** Level index per row (factors). */
  codes: Int32Array;
  levels: string[];
}

export interface ModelFrame {
  /** Rows kept (complete in every column the model uses). */
  n: number;
  /** Original row index of each kept row. */
  rows: Int32Array;
  /** Rows dropped for missing values. */
  dropped: number;
  nRows: number;
}

/** Column access for either data layout. */
export class DataColumns {
  readonly nRows: number;
  private readonly cache = new Map<string, ArrayLikeInput<unknown>>();
  private readonly kinds = new Map<string, "numeric" | "factor">();

  constructor(private readonly data: ModelData, private readonly options: ModelFrameOptions) {
    if (data === null || typeof data !== "object") throw new InputError("data", null, data, "must be an object of columns or an array of rows");
    if (Array.isArray(data)) {
      this.nRows = data.length;
      for (let i = 0; i < data.length; i++) {
        if (data[i] === null || typeof data[i] !== "object") throw new InputError("data", i, data[i], "must be a row object");
      }
    } else {
      const names = Object.keys(data);
      if (names.length === 0) throw new InputError("data", null, data, "has no columns");
      let n = -1;
      for (const name of names) {
        const col = (data as Record<string, ArrayLikeInput<unknown>>)[name];
        if (col === null || col === undefined || typeof col.length !== "number") continue;
        if (n < 0) n = col.length;
      }
      this.nRows = n < 0 ? 0 : n;
    }
    if (this.nRows === 0) throw new InputError("data", null, 0, "has no rows");
    for (const f of options.factors ?? []) this.column(f, "factors");
    for (const f of Object.keys(options.levels ?? {})) this.column(f, "levels");
  }

  has(name: string): boolean {
    if (Array.isArray(this.data)) return this.data.some((row) => Object.prototype.hasOwnProperty.call(row, name));
    return Object.prototype.hasOwnProperty.call(this.data, name);
  }

  /** The column, checked for presence and length. `argument` names what referred to it. */
  column(name: string, argument = "formula"): ArrayLikeInput<unknown> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (!this.has(name)) {
      const known = Array.isArray(this.data) ? Object.keys(this.data[0] ?? {}) : Object.keys(this.data);
      throw new InputError(argument, null, name, `names a column that is not in data (columns: ${known.join(", ")})`);
    }
    let col: ArrayLikeInput<unknown>;
    if (Array.isArray(this.data)) {
      col = this.data.map((row) => (row as Record<string, unknown>)[name]);
    } else {
      col = (this.data as Record<string, ArrayLikeInput<unknown>>)[name];
      if (col === null || col === undefined || typeof col.length !== "number") throw new InputError(name, null, col, "must be an array (a column of data)");
      if (col.length !== this.nRows) throw new InputError(name, null, col.length, `has length ${col.length} but other columns have ${this.nRows} rows`);
    }
    this.cache.set(name, col);
    return col;
  }

  /** Numeric unless listed in `factors` or holding text/booleans; mixing numbers and text is an error. */
  kind(name: string): "numeric" | "factor" {
    const known = this.kinds.get(name);
    if (known) return known;
    const col = this.column(name);
    let kind: "numeric" | "factor" = "numeric";
    if ((this.options.factors ?? []).includes(name)) kind = "factor";
    else {
      let firstNumber = -1;
      let firstText = -1;
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (isMissing(v)) continue;
        if (typeof v === "number") {
          if (firstNumber < 0) firstNumber = i;
        } else if (typeof v === "string" || typeof v === "boolean") {
          if (firstText < 0) firstText = i;
        } else throw new InputError(name, i, v, "must be a number or a label (string)");
        if (firstNumber >= 0 && firstText >= 0) {
          const at = Math.max(firstNumber, firstText);
          throw new InputError(name, at, col[at], "mixes numbers and text: fix the value, or list the column in options.factors to treat it as a factor");
        }
      }
      kind = firstText >= 0 ? "factor" : "numeric";
    }
    this.kinds.set(name, kind);
    return kind;
  }
}

/** Column names an expression reads. */
export function columnsOf(node: FormulaNode, out: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case "name":
      out.add(node.name);
      break;
    case "number":
      break;
    case "call":
      node.args.forEach((a) => columnsOf(a, out));
      break;
    case "paren":
      columnsOf(node.inner, out);
      break;
    case "unary":
      columnsOf(node.arg, out);
      break;
    case "binary":
      columnsOf(node.left, out);
      columnsOf(node.right, out);
      break;
  }
  return out;
}

/**
 * Rows to drop for missing values in the given columns (policy "error" throws at the
 * first, naming column and row), and the kept rows.
 */
export function frameRows(columns: DataColumns, names: Iterable<string>, missing: MissingPolicy | undefined): ModelFrame {
  const used: Record<string, ArrayLikeInput<unknown>> = {};
  for (const name of names) used[name] = columns.column(name);
  const dropSet = missingRows(used, requireMissingPolicy(missing));
  const rows = keptRows(columns.nRows, dropSet);
  if (rows.length === 0) throw new InputError("data", null, columns.nRows, "has no complete rows once missing values are dropped");
  return { n: rows.length, rows, dropped: dropSet.size, nRows: columns.nRows };
}

/** Evaluates a numeric expression on the kept rows (column names, numbers, + - * / ^, log(), I() ...). */
export function numericValues(columns: DataColumns, node: FormulaNode, frame: ModelFrame, label = deparse(node)): Float64Array {
  const n = frame.n;
  const rows = frame.rows;
  const evaluate = (e: FormulaNode): Float64Array => {
    switch (e.kind) {
      case "number":
        return new Float64Array(n).fill(e.value);
      case "name": {
        if (columns.kind(e.name) === "factor") {
          const col = columns.column(e.name);
          let at = 0;
          while (at < n && isMissing(col[rows[at]])) at++;
          const row = at < n ? rows[at] : null;
          throw new InputError(e.name, row, row === null ? null : col[row], `is a factor (text or listed in options.factors) but ${label} needs numbers`);
        }
        const col = columns.column(e.name);
        const out = new Float64Array(n);
        for (let k = 0; k < n; k++) {
          const v = col[rows[k]];
          if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(e.name, rows[k], v, "must be a finite number");
          out[k] = v;
        }
        return out;
      }
      case "paren":
        return evaluate(e.inner);
      case "unary": {
        const a = evaluate(e.arg);
        if (e.op === "-") for (let k = 0; k < n; k++) a[k] = -a[k];
        return a;
      }
      case "call": {
        if (e.fn === "factor") throw new InputError("formula", null, label, "uses factor() inside an expression: factor() takes a column and stands alone as a term");
        const a = evaluate(e.args[0]);
        const f = FORMULA_FUNCTIONS[e.fn];
        if (f) for (let k = 0; k < n; k++) a[k] = f(a[k]);
        return a;
      }
      case "binary": {
        const a = evaluate(e.left);
        const b = evaluate(e.right);
        switch (e.op) {
          case "+":
            for (let k = 0; k < n; k++) a[k] += b[k];
            break;
          case "-":
            for (let k = 0; k < n; k++) a[k] -= b[k];
            break;
          case "*":
            for (let k = 0; k < n; k++) a[k] *= b[k];
            break;
          case "/":
            for (let k = 0; k < n; k++) a[k] /= b[k];
            break;
          case "^":
            for (let k = 0; k < n; k++) a[k] = Math.pow(a[k], b[k]);
            break;
          default:
            throw new InputError("formula", null, label, `uses ${e.op} inside a function call, where only arithmetic (+ - * / ^) is allowed`);
        }
        return a;
      }
    }
  };
  const out = evaluate(node);
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(out[k])) {
      throw new InputError(label, rows[k], out[k], "is not a finite number (e.g. the log of 0 or of a negative number)");
    }
  }
  return out;
}

/** Levels and codes of a factor column on the kept rows, in the given or default order (unused levels left out). */
export function factorValues(columns: DataColumns, name: string, frame: ModelFrame, options: ModelFrameOptions, label = name): FrameVariable {
  const col = columns.column(name);
  const dropped = new Set<number>();
  if (frame.dropped > 0) {
    let k = 0;
    for (let i = 0; i < frame.nRows; i++) {
      if (k < frame.n && frame.rows[k] === i) k++;
      else dropped.add(i);
    }
  }
  const factor = factorColumn(name, col, dropped);
  let codes = factor.codes;
  let levels = factor.levels;
  const given = options.levels?.[name] ?? options.levels?.[label];
  if (given !== undefined) {
    if (given === null || typeof given.length !== "number") throw new InputError(`levels.${name}`, null, given, "must be an array of level labels");
    const position = new Map<string, number>();
    given.forEach((v, i) => {
      if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) throw new InputError(`levels.${name}`, i, v, "must be a level label (string or number)");
      if (position.has(String(v))) throw new InputError(`levels.${name}`, i, v, "is repeated");
      position.set(String(v), i);
    });
    const map = levels.map((l) => position.get(l));
    for (let k = 0; k < codes.length; k++) {
      if (map[codes[k]] === undefined) throw new InputError(name, frame.rows[k], col[frame.rows[k]], `is not one of levels.${name} (${given.join(", ")})`);
    }
    // Keep the given order, leaving out levels with no data (as lm's drop.unused.levels).
    const usedGiven = Array.from(new Set(map as number[])).sort((a, b) => a - b);
    const newIndex = new Map<number, number>();
    usedGiven.forEach((g, j) => newIndex.set(g, j));
    levels = usedGiven.map((g) => String(given[g]));
    const recode = map.map((g) => newIndex.get(g as number) as number);
    codes = Int32Array.from(codes, (c) => recode[c]);
  }
  return { label, kind: "factor", values: new Float64Array(0), codes, levels };
}

/** Evaluates a formula variable: a numeric expression, a factor column, or factor(column). */
export function frameVariable(columns: DataColumns, node: FormulaNode, frame: ModelFrame, options: ModelFrameOptions): FrameVariable {
  const label = deparse(node);
  if (node.kind === "name" && columns.kind(node.name) === "factor") return factorValues(columns, node.name, frame, options, label);
  if (node.kind === "call" && node.fn === "factor") {
    const arg = node.args[0];
    if (arg.kind !== "name") throw new InputError("formula", null, label, "factor() takes a column name here");
    columns.column(arg.name);
    return factorValues(columns, arg.name, frame, options, label);
  }
  return { label, kind: "numeric", values: numericValues(columns, node, frame, label), codes: new Int32Array(0), levels: [] };
}

/** A design matrix (R's model.matrix), column-major. */
export interface DesignMatrix {
  x: Float64Array;
  n: number;
  p: number;
  /** Column names as R gives them: "(Intercept)", "dose", "lineHepG2", "dose:lineHepG2". */
  columnNames: string[];
  /** Term of each column: 0 the intercept, t (1-based) the t-th term (R's assign). */
  assign: Int32Array;
}

/**
 * The design matrix of expanded terms with treatment contrasts, as R's model.matrix:
 * a factor in a term is coded by contrasts (levels 2..k) when the term without it is
 * the empty term or is contained in an earlier term, else by indicators of all levels;
 * without an intercept the first factor of the first term holding a factor gets all its
 * levels. Columns of a term vary fastest in its first variable.
 */
export function designMatrix(expanded: ExpandedTerms, variables: FrameVariable[], n: number): DesignMatrix {
  const { terms, intercept } = expanded;
  // coding[t][j]: 1 contrasts, 2 indicators, for the j-th variable of term t
  const coding: number[][] = terms.map((term, t) =>
    term.map((v) => {
      const rest = term.filter((u) => u !== v);
      if (rest.length === 0) return 1;
      for (let s = 0; s < t; s++) if (rest.every((u) => terms[s].includes(u))) return 1;
      return 2;
    }),
  );
  if (!intercept) {
    outer: for (let t = 0; t < terms.length; t++) {
      const sorted = terms[t].map((v, j) => ({ v, j })).sort((a, b) => a.v - b.v);
      for (const { v, j } of sorted) {
        if (variables[v].kind === "factor") {
          coding[t][j] = 2;
          break outer;
        }
      }
    }
  }
  for (const v of variables) {
    if (v.kind === "factor" && v.levels.length < 2) {
      throw new InputError(v.label, null, v.levels.join(", "), `is a factor with ${v.levels.length} level: a model term needs at least 2 levels (contrasts are undefined)`);
    }
  }
  const columnNames: string[] = [];
  const assign: number[] = [];
  const columns: Float64Array[] = [];
  if (intercept) {
    columnNames.push("(Intercept)");
    assign.push(0);
    columns.push(new Float64Array(n).fill(1));
  }
  terms.forEach((term, t) => {
    // Per variable: its column values and names.
    let block: { name: string; values: Float64Array }[] = [{ name: "", values: new Float64Array(n).fill(1) }];
    term.forEach((v, j) => {
      const variable = variables[v];
      let own: { name: string; values: Float64Array }[];
      if (variable.kind === "numeric") own = [{ name: variable.label, values: variable.values }];
      else {
        const first = coding[t][j] === 1 ? 1 : 0;
        own = [];
        for (let l = first; l < variable.levels.length; l++) {
          const values = new Float64Array(n);
          for (let k = 0; k < n; k++) if (variable.codes[k] === l) values[k] = 1;
          own.push({ name: variable.label + variable.levels[l], values });
        }
      }
      // Earlier variables vary fastest.
      const next: { name: string; values: Float64Array }[] = [];
      for (const o of own) {
        for (const b of block) {
          const values = new Float64Array(n);
          for (let k = 0; k < n; k++) values[k] = b.values[k] * o.values[k];
          next.push({ name: b.name === "" ? o.name : `${b.name}:${o.name}`, values });
        }
      }
      block = next;
    });
    for (const b of block) {
      columnNames.push(b.name);
      assign.push(t + 1);
      columns.push(b.values);
    }
  });
  const p = columns.length;
  const x = new Float64Array(n * p);
  columns.forEach((c, j) => x.set(c, j * n));
  return { x, n, p, columnNames, assign: Int32Array.from(assign) };
}
