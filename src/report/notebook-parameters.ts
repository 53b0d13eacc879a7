/**
 * A notebook's parameters, read from its committed parameters cell: the one cell tagged
 * "parameters", holding `const params = { ... };` (the parameters-cell convention). Code outside
 * the notebook that must use the notebook's settings (`npm run figures`) reads them here, so the
 * notebook stays their single source of truth: edit the cell and the figures follow.
 *
 * The cell is parsed with TypeScript's parser (tslab's bundled compiler, as the notebook build
 * uses) and its object literal evaluated without running any code. Allowed values: numbers,
 * strings, true / false / null, arrays and objects of them, a sign, arithmetic between numbers
 * (`2 / 3`), and type assertions (`"curve" as "curve" | "exponential"`: the value is kept). Any
 * other expression (a variable, a call, a spread, a template with substitutions) stops with an
 * error naming the file, the parameter and the line, as does a missing or doubled parameters
 * cell, a cell that is not one `const params = { ... }`, or a syntax error (with the parameter
 * it falls in). Lines are the cell's own (line 1 is its first line, as Jupyter numbers them);
 * code that checks the values further names them the same way (`readNotebookParametersCell`,
 * `ParametersCell.error`): `<file>: params.<name> (line <n>): <what>`.
 *
 * @example
 * const params = readNotebookParameters("notebooks/08-trial-design.ipynb");
 * params.accrualMonths; // 36
 */
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { repoRoot } from "../core/repo-root";

export type ParameterValue = number | string | boolean | null | ParameterValue[] | { [key: string]: ParameterValue };

/** tslab's bundled TypeScript (the compiler the notebook kernel and src/cli/notebook-build use). */
function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(path.join(repoRoot(), "node_modules", "@tslab", "typescript-for-tslab")) as typeof TS;
}

interface NotebookCell {
  cell_type?: string;
  source?: string | string[];
  metadata?: { tags?: unknown };
}

/** The source of the notebook's one cell tagged "parameters". */
export function parametersCellSource(file: string): string {
  let nb: { cells?: NotebookCell[] };
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the notebook (${error instanceof Error ? error.message : error})`);
  }
  if (nb === null || typeof nb !== "object" || !Array.isArray(nb.cells)) throw new Error(`${file}: not a notebook (no cells)`);
  const tagged = nb.cells.filter((c) => c !== null && typeof c === "object" && Array.isArray(c.metadata?.tags) && (c.metadata?.tags as unknown[]).indexOf("parameters") >= 0);
  if (tagged.length !== 1) throw new Error(`${file}: needs exactly one cell tagged "parameters", found ${tagged.length}`);
  const cell = tagged[0];
  if (cell.cell_type !== "code") throw new Error(`${file}: the cell tagged "parameters" is a ${cell.cell_type} cell, not code`);
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/**
 * A parameters cell read: its values, and the line (1-based, in the cell) each parameter is
 * written on, so that any later check of a value can name the file, the parameter and the line,
 * each once (`error`).
 */
export interface ParametersCell {
  /** The file (or other source) named in errors. */
  where: string;
  values: Record<string, ParameterValue>;
  /**
   * The line of a parameter as errors name it (`params.a`, `params.a.b`, `params.a[2]`); for one
   * not written in the cell, the line of the literal's closing brace (where it would go).
   */
  line(name: string): number;
  /** An error `<where>: <name> (line <n>): <what>`; `name` as for `line`. */
  error(name: string, what: string): Error;
}

/** The message every parameters-cell error has: the source, the parameter and its line, each once. */
function parameterMessage(where: string, name: string | null, line: number | null, what: string): string {
  const at = name === null ? (line === null ? "the parameters cell" : `the parameters cell (line ${line})`) : line === null ? name : `${name} (line ${line})`;
  return `${where}: ${at}: ${what}`;
}

/** Parses `const params = { ... };` and evaluates its literal. `where` names the source in errors. */
export function parseParametersSource(source: string, where: string): Record<string, ParameterValue> {
  return parseParametersCell(source, where).values;
}

/** As parseParametersSource, keeping each parameter's line (ParametersCell). */
export function parseParametersCell(source: string, where: string): ParametersCell {
  const ts = typescript();
  const syntax = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020 } }).diagnostics ?? [];
  const sf = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const lineAt = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const line = (node: TS.Node) => lineAt(node.getStart(sf));
  if (syntax.length > 0) {
    const d = syntax[0];
    const text = `does not parse: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    if (d.start === undefined) throw new Error(parameterMessage(where, null, null, text));
    throw new Error(parameterMessage(where, parameterAt(ts, sf, d.start), lineAt(d.start), text));
  }
  const shape = (node: TS.Node) => new Error(parameterMessage(where, null, line(node), "must be one statement, const params = { ... };"));
  if (sf.statements.length === 0) throw new Error(parameterMessage(where, null, null, "is empty; it must be one statement, const params = { ... };"));
  if (sf.statements.length !== 1) throw shape(sf.statements[1]);
  if (!ts.isVariableStatement(sf.statements[0])) throw shape(sf.statements[0]);
  const decls = sf.statements[0].declarationList;
  if ((decls.flags & ts.NodeFlags.Const) === 0 || decls.declarations.length !== 1) throw shape(sf.statements[0]);
  const decl = decls.declarations[0];
  if (!ts.isIdentifier(decl.name) || decl.name.text !== "params" || decl.initializer === undefined) throw shape(decl);

  const lines = new Map<string, number>();
  const fail = (node: TS.Node, name: string, what: string): never => {
    throw new Error(parameterMessage(where, name, line(node), `${what}; the parameters cell must hold literal values (numbers, text, true/false/null, arrays, objects)`));
  };
  const evaluate = (node: TS.Expression, name: string): ParameterValue => {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) return evaluate(node.expression, name);
    if (ts.isNumericLiteral(node)) return Number(node.text);
    // Infinity is a number a parameter may hold (notebook 03's δ grid ends at it); it is the global's value, not a variable of the cell.
    if (ts.isIdentifier(node) && node.text === "Infinity") return Infinity;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) {
      const v = evaluate(node.operand, name);
      if (typeof v !== "number") return fail(node, name, "a sign before something that is not a number");
      return node.operator === ts.SyntaxKind.MinusToken ? -v : v;
    }
    if (ts.isBinaryExpression(node)) {
      const ops: Partial<Record<TS.SyntaxKind, (a: number, b: number) => number>> = {
        [ts.SyntaxKind.PlusToken]: (a, b) => a + b,
        [ts.SyntaxKind.MinusToken]: (a, b) => a - b,
        [ts.SyntaxKind.AsteriskToken]: (a, b) => a * b,
        [ts.SyntaxKind.SlashToken]: (a, b) => a / b,
      };
      const op = ops[node.operatorToken.kind];
      const a = evaluate(node.left, name);
      const b = evaluate(node.right, name);
      if (op === undefined || typeof a !== "number" || typeof b !== "number") return fail(node, name, `cannot evaluate "${node.getText(sf)}" (only + − × / between numbers)`);
      return op(a, b);
    }
    if (ts.isArrayLiteralExpression(node)) {
      return node.elements.map((e, i) => {
        lines.set(`${name}[${i}]`, line(e));
        return ts.isSpreadElement(e) ? fail(e, `${name}[${i}]`, "a spread") : evaluate(e, `${name}[${i}]`);
      });
    }
    if (ts.isObjectLiteralExpression(node)) {
      const out: { [key: string]: ParameterValue } = {};
      for (const prop of node.properties) {
        if (!ts.isPropertyAssignment(prop)) return fail(prop, name, `"${prop.getText(sf).slice(0, 40)}" is not a key: value pair`);
        const key = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) || ts.isNumericLiteral(prop.name) ? prop.name.text : fail(prop.name, name, "a computed key");
        if (Object.prototype.hasOwnProperty.call(out, key)) return fail(prop, `${name}.${key}`, "given twice");
        lines.set(`${name}.${key}`, line(prop));
        out[key] = evaluate(prop.initializer, `${name}.${key}`);
      }
      return out;
    }
    return fail(node, name, `"${node.getText(sf).slice(0, 60)}" is not a literal value`);
  };
  const value = evaluate(decl.initializer, "params");
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw shape(decl);
  lines.set("params", line(decl));
  const closing = lineAt(decl.initializer.getEnd() - 1);
  const lineOf = (name: string): number => {
    const own = lines.get(name);
    if (own !== undefined) return own;
    // not written: a nested one goes on its written parent's line (params.fallback for params.fallback.x), a top-level one before the closing brace
    for (let n = name; ; ) {
      const parent = n.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
      if (parent === n || parent === "params") return closing;
      const at = lines.get(parent);
      if (at !== undefined) return at;
      n = parent;
    }
  };
  return {
    where,
    values: value,
    line: lineOf,
    error: (name, what) => new Error(parameterMessage(where, name, lineOf(name), what)),
  };
}

/**
 * The innermost `key: value` of the parameters literal whose text holds `pos`, as `params.a.b`, or
 * null: a property that starts before it and ends at or after it. Of two siblings that both hold
 * it, the first; one that starts at the error is the parser's recovery, which may make the rest of a
 * broken value a property of its own (`power: 0.8.5` reads as `power: 0.8` and a property `.5`).
 */
function parameterAt(ts: typeof TS, sf: TS.SourceFile, pos: number): string | null {
  let found: string | null = null;
  // true once a property holding pos is found in node (forEachChild then skips the later siblings)
  const visit = (node: TS.Node, name: string): boolean => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isNumericLiteral(node.name))) {
      if (pos <= node.getStart(sf) || pos > node.getEnd()) return false;
      name = `${name}.${node.name.text}`;
      found = name;
      ts.forEachChild(node, (child) => visit(child, name) || undefined);
      return true;
    }
    return ts.forEachChild(node, (child) => visit(child, name) || undefined) === true;
  };
  visit(sf, "params");
  return found;
}

/** The parameters of a notebook file (see the file comment). */
export function readNotebookParameters(file: string): Record<string, ParameterValue> {
  return readNotebookParametersCell(file).values;
}

/** The parameters cell of a notebook file, with each parameter's line (ParametersCell). */
export function readNotebookParametersCell(file: string): ParametersCell {
  return parseParametersCell(parametersCellSource(file), file);
}
