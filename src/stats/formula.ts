/**
 * R model formulas: parsing ("y ~ a * b + log(x) + (day | tumor)") and expansion into
 * terms as R's terms.formula does. Internal to src/stats (linearModel, linearMixedModel).
 *
 * Grammar and precedence follow R's parser (lowest first): `~`; `|` `||`; binary `+` `-`;
 * `*` `/`; `%in%`; `:`; unary `-` `+`; `^`. Names are R names or `backtick quoted`.
 * At formula level the operators mean: `+` add terms, `-` remove terms (`- 1` removes the
 * intercept), `0` / `1` no intercept / intercept, `a:b` interaction, `a*b` = a + b + a:b,
 * `a/b` = a + a:b (b nested in all of a's variables), `(a + b)^2` all interactions up to
 * order 2, `a %in% b` = a:b. Inside a function call (log(dose + 1), I(x^2), factor(dose))
 * the operators are arithmetic. A term is a set of variables; terms are ordered by their
 * number of variables, then by first appearance, and named by their variables in the
 * order the variables first appear in the formula (so `y ~ b:a + a` has terms "a", "b:a"),
 * exactly as R labels them. Variables are named by deparsing as R does ("log(x + 1)",
 * "I(x^2)", "I(x/2)", "`my col`").
 */
import { InputError } from "../core/index";

/** A parsed expression (formula or arithmetic). */
export type FormulaNode =
  | { kind: "name"; name: string }
  | { kind: "number"; value: number }
  | { kind: "call"; fn: string; args: FormulaNode[] }
  | { kind: "paren"; inner: FormulaNode }
  | { kind: "unary"; op: "-" | "+"; arg: FormulaNode }
  | { kind: "binary"; op: string; left: FormulaNode; right: FormulaNode };

type Token =
  | { type: "name"; text: string; pos: number; quoted: boolean }
  | { type: "number"; value: number; pos: number }
  | { type: "op"; text: string; pos: number };

const ARGUMENT = "formula";

function fail(formula: string, pos: number | null, rule: string): never {
  const where = pos === null ? "" : ` (at character ${pos + 1}: "${formula.slice(pos, pos + 12)}")`;
  throw new InputError(ARGUMENT, null, formula, `${rule}${where}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) fail(text, i, "has an unclosed backtick");
      if (end === i + 1) fail(text, i, "has an empty `` name");
      tokens.push({ type: "name", text: text.slice(i + 1, end), pos: i, quoted: true });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      if (!m) fail(text, i, "has a malformed number");
      tokens.push({ type: "number", value: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z.]/.test(c)) {
      const m = /^[A-Za-z.][A-Za-z0-9._]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ type: "name", text: m[0], pos: i, quoted: false });
      i += m[0].length;
      continue;
    }
    if (text.startsWith("%in%", i)) {
      tokens.push({ type: "op", text: "%in%", pos: i });
      i += 4;
      continue;
    }
    if (text.startsWith("||", i)) {
      tokens.push({ type: "op", text: "||", pos: i });
      i += 2;
      continue;
    }
    if ("~+-*/:^()|,".includes(c)) {
      tokens.push({ type: "op", text: c, pos: i });
      i++;
      continue;
    }
    fail(text, i, `has a character R formulas do not use here: "${c}"`);
  }
  return tokens;
}

/** Functions allowed in a formula: transformations of numeric variables, I() and factor(). */
export const FORMULA_FUNCTIONS: Record<string, ((x: number) => number) | null> = {
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  I: null,
  factor: null,
};

/** Recursive-descent parser with R's precedence. `formulaLevel` is false inside function calls. */
class Parser {
  private at = 0;
  constructor(private readonly text: string, private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.type === "op" && t.text === text;
  }
  private expectOp(text: string): void {
    const t = this.peek();
    if (!this.isOp(text)) fail(this.text, t === undefined ? this.text.length : t.pos, t === undefined ? `ends where "${text}" was expected` : `expected "${text}"`);
    this.at++;
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  position(): number {
    const t = this.peek();
    return t === undefined ? this.text.length : t.pos;
  }

  /** Top: [lhs] ~ rhs. */
  formula(): { lhs: FormulaNode | null; rhs: FormulaNode } {
    let lhs: FormulaNode | null = null;
    if (!this.isOp("~")) lhs = this.bar();
    this.expectOp("~");
    const rhs = this.bar();
    if (!this.done()) fail(this.text, this.position(), "has text after the end of the formula");
    return { lhs, rhs };
  }
  bar(): FormulaNode {
    let left = this.sum();
    while (this.isOp("|") || this.isOp("||")) {
      const op = (this.tokens[this.at++] as { text: string }).text;
      left = { kind: "binary", op, left, right: this.sum() };
    }
    return left;
  }
  sum(): FormulaNode {
    let left: FormulaNode = this.product();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.tokens[this.at++] as { text: string }).text;
      left = { kind: "binary", op, left, right: this.product() };
    }
    return left;
  }
  product(): FormulaNode {
    let left = this.special();
    while (this.isOp("*") || this.isOp("/")) {
      const op = (this.tokens[this.at++] as { text: string }).text;
      left = { kind: "binary", op, left, right: this.special() };
    }
    return left;
  }
  special(): FormulaNode {
    let left = this.colon();
    while (this.isOp("%in%")) {
      this.at++;
      left = { kind: "binary", op: "%in%", left, right: this.colon() };
    }
    return left;
  }
  colon(): FormulaNode {
    let left = this.unary();
    while (this.isOp(":")) {
      this.at++;
      left = { kind: "binary", op: ":", left, right: this.unary() };
    }
    return left;
  }
  unary(): FormulaNode {
    if (this.isOp("-") || this.isOp("+")) {
      const op = (this.tokens[this.at++] as { text: string }).text as "-" | "+";
      return { kind: "unary", op, arg: this.unary() };
    }
    return this.power();
  }
  power(): FormulaNode {
    const base = this.atom();
    if (this.isOp("^")) {
      this.at++;
      // right associative, and binds tighter than unary minus on its left: -x^2 = -(x^2)
      return { kind: "binary", op: "^", left: base, right: this.unary() };
    }
    return base;
  }
  atom(): FormulaNode {
    const t = this.peek();
    if (t === undefined) fail(this.text, this.text.length, "ends where a name, number or ( was expected");
    if (t.type === "number") {
      this.at++;
      return { kind: "number", value: t.value };
    }
    if (t.type === "name") {
      this.at++;
      if (!t.quoted && this.isOp("(")) {
        if (!(t.text in FORMULA_FUNCTIONS)) {
          fail(this.text, t.pos, `uses the function ${t.text}(), which is not supported (supported: ${Object.keys(FORMULA_FUNCTIONS).join(", ")})`);
        }
        this.at++;
        const args: FormulaNode[] = [this.bar()];
        while (this.isOp(",")) {
          this.at++;
          args.push(this.bar());
        }
        this.expectOp(")");
        if (args.length !== 1) fail(this.text, t.pos, `${t.text}() takes one argument here`);
        return { kind: "call", fn: t.text, args };
      }
      return { kind: "name", name: t.text };
    }
    if (t.text === "(") {
      this.at++;
      const inner = this.bar();
      this.expectOp(")");
      return { kind: "paren", inner };
    }
    fail(this.text, t.pos, `has "${t.text}" where a name, number or ( was expected`);
  }
}

/** Parses "lhs ~ rhs" (lhs optional) into expression trees. */
export function parseFormula(text: unknown): { lhs: FormulaNode | null; rhs: FormulaNode } {
  if (typeof text !== "string" || text.trim() === "") throw new InputError(ARGUMENT, null, text, 'must be a model formula such as "y ~ a + b"');
  const tokens = tokenize(text);
  return new Parser(text, tokens).formula();
}

const SYNTACTIC = /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/;
const RESERVED = new Set(["if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "in"]);

/** A name as R deparses it: backticks unless syntactic. */
export function deparseName(name: string): string {
  return SYNTACTIC.test(name) && !RESERVED.has(name) ? name : "`" + name + "`";
}

/** A number as R's deparse writes it (15 significant digits, fixed unless scientific is shorter). */
export function deparseNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : x < 0 ? "-Inf" : "NaN";
  if (x === 0) return "0";
  // Fewest significant digits (<= 15) that give the value back to 15 digits.
  const target = Number(x.toPrecision(15));
  let digits = 1;
  while (digits < 15 && Number(x.toPrecision(digits)) !== target) digits++;
  const sci = x.toExponential(digits - 1).replace(/e([+-])(\d)$/, "e$10$2");
  const exponent = Math.floor(Math.log10(Math.abs(target)));
  const decimals = Math.max(0, digits - 1 - exponent);
  const fixed = target.toFixed(Math.min(decimals, 100));
  return fixed.length <= sci.length ? fixed : sci;
}

/** R's deparse of an expression (the text R uses for variable and coefficient names). */
export function deparse(node: FormulaNode): string {
  switch (node.kind) {
    case "name":
      return deparseName(node.name);
    case "number":
      return deparseNumber(node.value);
    case "call":
      return `${node.fn}(${node.args.map(deparse).join(", ")})`;
    case "paren":
      return `(${deparse(node.inner)})`;
    case "unary":
      return `${node.op}${deparse(node.arg)}`;
    case "binary": {
      const tight = node.op === "/" || node.op === "^" || node.op === ":";
      return tight ? `${deparse(node.left)}${node.op}${deparse(node.right)}` : `${deparse(node.left)} ${node.op} ${deparse(node.right)}`;
    }
  }
}

/** A variable of a formula: a column, a function of columns, or factor(column). */
export interface FormulaVariable {
  /** R's name for it (deparsed expression). */
  label: string;
  node: FormulaNode;
}

/** A random-effects term (lhs | group), before expansion of the group's "/". */
export interface BarTerm {
  lhs: FormulaNode;
  group: FormulaNode;
  /** true for "||" (uncorrelated components). */
  uncorrelated: boolean;
}

/** Terms of a formula's right-hand side, as R's terms(). */
export interface ExpandedTerms {
  /** Variables in order of first appearance (not the response). */
  variables: FormulaVariable[];
  /** Each term as sorted variable indices; terms ordered by size, then first appearance. */
  terms: number[][];
  /** Term labels, e.g. "dose:line". */
  labels: string[];
  intercept: boolean;
}

/** A term while expanding: variable indices ascending, and its key. */
type TermSet = number[];

function key(t: TermSet): string {
  return t.join(",");
}

function union(a: TermSet, b: TermSet): TermSet {
  return Array.from(new Set([...a, ...b])).sort((x, y) => x - y);
}

function dedupe(terms: TermSet[]): TermSet[] {
  const seen = new Set<string>();
  const out: TermSet[] = [];
  for (const t of terms) {
    const k = key(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/**
 * Expands a right-hand side into terms (R's terms.formula with keep.order = FALSE).
 * `bars` collects random-effects terms when given; otherwise a `|` is an error.
 * `variables` may be passed in to share the variable list with another part of the formula.
 */
export function expandTerms(formula: string, rhs: FormulaNode, bars?: BarTerm[], variables: FormulaVariable[] = []): ExpandedTerms {
  const index = new Map<string, number>();
  variables.forEach((v, i) => index.set(v.label, i));
  let intercept = true;

  const variableOf = (node: FormulaNode): number => {
    const label = deparse(node);
    let i = index.get(label);
    if (i === undefined) {
      i = variables.length;
      index.set(label, i);
      variables.push({ label, node });
    }
    return i;
  };

  // Returns the terms of a node; the empty term [] stands for the intercept inside products.
  const walk = (node: FormulaNode): TermSet[] => {
    switch (node.kind) {
      case "paren":
        return walk(node.inner);
      case "number":
        if (node.value === 1) {
          intercept = true;
          return [];
        }
        if (node.value === 0) {
          intercept = false;
          return [];
        }
        return fail(formula, null, `uses the number ${node.value} as a term (only 0 and 1, for the intercept, are allowed)`);
      case "name":
      case "call":
        if (node.kind === "name" && node.name === ".") return fail(formula, null, 'uses ".", which is not supported: list the columns');
        return [[variableOf(node)]];
      case "unary":
        if (node.op === "+") return walk(node.arg);
        return remove([], node.arg);
      case "binary":
        switch (node.op) {
          case "+":
            return dedupe([...walk(node.left), ...walk(node.right)]);
          case "-":
            return remove(walk(node.left), node.right);
          case ":":
          case "%in%":
            return interact(walk(node.left), walk(node.right));
          case "*": {
            const a = walk(node.left);
            const b = walk(node.right);
            return dedupe([...a, ...b, ...interact(a, b)]);
          }
          case "/": {
            const a = walk(node.left);
            const b = walk(node.right);
            const all = a.reduce((acc, t) => union(acc, t), [] as TermSet);
            return dedupe([...a, ...interact([all], b)]);
          }
          case "^": {
            const power = node.right;
            if (power.kind !== "number" || !Number.isInteger(power.value) || power.value < 1) {
              return fail(formula, null, `needs a positive whole number after ^ in a term, got ${deparse(power)}`);
            }
            const base = walk(node.left);
            let out = base;
            for (let k = 1; k < power.value; k++) out = dedupe([...out, ...interact(out, base)]);
            return out;
          }
          case "|":
          case "||":
            if (bars === undefined) {
              return fail(formula, null, `has a random-effects term (${deparse(node)}): use linearMixedModel for those`);
            }
            bars.push({ lhs: node.left, group: node.right, uncorrelated: node.op === "||" });
            return [];
          default:
            return fail(formula, null, `uses the operator ${node.op} where R formulas do not allow it`);
        }
    }
  };
  const interact = (a: TermSet[], b: TermSet[]): TermSet[] => {
    const out: TermSet[] = [];
    for (const x of a) for (const y of b) out.push(union(x, y));
    return dedupe(out.filter((t) => t.length > 0));
  };
  const remove = (from: TermSet[], node: FormulaNode): TermSet[] => {
    // "- 1" / "- 0" toggle the intercept; anything else removes its terms.
    const inner = node.kind === "paren" ? node.inner : node;
    if (inner.kind === "number") {
      if (inner.value === 1) intercept = false;
      else if (inner.value === 0) intercept = true;
      else fail(formula, null, `removes the number ${inner.value} (only - 1 and - 0 are allowed)`);
      return from;
    }
    const saved = intercept;
    const gone = new Set(walk(inner).map(key));
    intercept = saved;
    return from.filter((t) => !gone.has(key(t)));
  };

  const terms = walk(rhs).filter((t) => t.length > 0);
  // Order by number of variables (stable): R's keep.order = FALSE.
  const ordered = terms.map((t, i) => ({ t, i })).sort((x, y) => x.t.length - y.t.length || x.i - y.i).map((x) => x.t);
  const labels = ordered.map((t) => t.map((v) => variables[v].label).join(":"));
  return { variables, terms: ordered, labels, intercept };
}
