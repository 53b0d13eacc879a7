/**
 * How well each claim's pass rule discriminates: its pass rate on many seeds of the
 * calibrated generator (does the claim hold beyond the one shipped draw?) and its
 * false-pass rate on null generators (data made without the effect the claim asserts) and
 * false-claim generators (data on which the claim is false in another way).
 * A rule that passes as often on null data as on calibrated data shows nothing.
 *
 * One report per domain ("clinical", "laboratory") is written by `npm run rule-checks`
 * to data/rule-checks/<domain>.json in the repository (committed, regenerable byte for
 * byte: seeded generators, no clocks) and read by notebook 06 and the report page.
 * The report describes the generators and the rules, not a user's data, so it is always
 * read from the repository's own data/ folder.
 *
 * Rates carry their Monte Carlo standard error sqrt(p (1 - p) / n).
 *
 * @example
 * const rate = claimRuleRate("C8", 912, 1000); // { id: "C8", passed: 912, evaluated: 1000, rate: 0.912, mcse: 0.00895 }
 */
import * as path from "path";
import { repoRoot } from "../core/repo-root";
import { readJsonReport, writeJsonReport } from "../core/json-report-file";

export type RuleCheckDomain = "clinical" | "laboratory";

/** One claim's rule on one scenario's seeds. */
export interface ClaimRuleRate {
  id: string;
  /** Seeds on which the claim was evaluated and its rule passed. */
  passed: number;
  /** Seeds on which the claim could be evaluated. */
  evaluated: number;
  /** passed / evaluated (null when nothing was evaluated). */
  rate: number | null;
  /** Monte Carlo standard error of the rate, sqrt(rate (1 - rate) / evaluated). */
  mcse: number | null;
}

/** One generator setting run over many seeds. */
export interface RuleCheckScenario {
  /** Short id, e.g. "calibrated", "null-no-rt-effect", "null-exchangeable-arms", "false-claim-infield-nonresponse". */
  id: string;
  /**
   * "null": a generator without the effect the claims in `nullFor` assert; "false-claim": the
   * calibrated generator with the claims in `nullFor` made false in another way (e.g. some
   * irradiated lesions not regressing, RT's other effects kept): in both, a pass of a claim in
   * `nullFor` is a false pass. "sensitivity": the calibrated generator with one assumption
   * changed (the effect still present), to show how the pass rate depends on it.
   */
  kind: "calibrated" | "null" | "false-claim" | "sensitivity";
  /** What the generator assumes in this scenario, in a sentence. */
  description: string;
  /** Claims this scenario makes false (a null removes their effect): a pass of one of these is a false pass. */
  nullFor: string[];
  /** How the seeds were formed, e.g. "hcc-check-{k}, k = 1..1000". */
  seedPattern: string;
  seeds: number;
  claims: ClaimRuleRate[];
  /** Seeds on which every claim of the domain passed. */
  allPassed: number;
  /** Optional: rates of parts of a claim's rule, id "<claim>:<part>" (e.g. "C10:first-failure", the study's analysis alone), to show what each part adds. */
  parts?: ClaimRuleRate[];
}

export interface RuleCheckReport {
  domain: RuleCheckDomain;
  /** The command that regenerates this file. */
  command: string;
  scenarios: RuleCheckScenario[];
}

/** A claim's pass count as a rate with its Monte Carlo standard error. */
export function claimRuleRate(id: string, passed: number, evaluated: number): ClaimRuleRate {
  if (!Number.isInteger(passed) || !Number.isInteger(evaluated) || passed < 0 || passed > evaluated) {
    throw new Error(`claimRuleRate(${id}): passed ${passed} must be an integer between 0 and evaluated ${evaluated}`);
  }
  if (evaluated === 0) return { id, passed, evaluated, rate: null, mcse: null };
  const rate = passed / evaluated;
  return { id, passed, evaluated, rate, mcse: Math.sqrt((rate * (1 - rate)) / evaluated) };
}

/** data/rule-checks/<domain>.json of the repository. */
export function ruleCheckFile(domain: RuleCheckDomain, root: string = repoRoot()): string {
  return path.join(root, "data", "rule-checks", `${domain}.json`);
}

/** Writes a report as stable, indented JSON (same input, same bytes). */
export function writeRuleCheckReport(report: RuleCheckReport, root: string = repoRoot()): string {
  return writeJsonReport(ruleCheckFile(report.domain, root), report, 2);
}

/** The committed report of a domain, or null when it has not been generated. */
export function readRuleCheckReport(domain: RuleCheckDomain, root: string = repoRoot()): RuleCheckReport | null {
  const file = ruleCheckFile(domain, root);
  const report = readJsonReport<RuleCheckReport>(file);
  if (report === null) return null;
  if (report.domain !== domain) throw new Error(`${file} holds the "${report.domain}" report, expected "${domain}"`);
  return report;
}
