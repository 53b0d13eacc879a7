/**
 * How well each claim's rule tells data with the claimed effect from data without it, read
 * from the committed rule-check reports (data/rule-checks/*.json, written by
 * `npm run rule-checks`; never recomputed here): per claim, the pass rate over the
 * calibrated generator's seeds (sensitivity: how often the claim holds on another draw of
 * the same model) and the false-pass rate under each null generator that removes the
 * claim's effect, and each false-claim generator that makes it false in another way (the
 * scenarios of kind "null" or "false-claim" whose `nullFor` lists the claim). A claim no null generator
 * removes (C1–C8: arm sizes, enrollment, follow-up and survival medians, the log-rank P)
 * is a calibration target, not an effect of RT: it has no false-pass rate.
 *
 * Used by notebook 06 and the reports/index.html page (reproductionFramingHtml), with the
 * plain statement that the simulated data were calibrated to the published aggregates.
 *
 * @example
 * const d = ruleDiscrimination([readRuleCheckReport("clinical"), readRuleCheckReport("laboratory")]);
 * d.find((c) => c.id === "C11").worstNull.rate.rate; // highest false-pass rate of C11
 */
import { escapeHtml } from "../display/html-escape";
import { formatNumber } from "../display/format-number";
import { readRuleCheckReport } from "./rule-checks";
import type { ClaimRuleRate, RuleCheckReport } from "./rule-checks";
import { STUDY_CLAIMS } from "./study-claims";
import { CLINICAL_CLAIM_TOLERANCE } from "../clinical/clinical-claims";

export interface NullRate {
  scenario: string;
  description: string;
  rate: ClaimRuleRate;
}

export interface ClaimDiscrimination {
  id: string;
  statement: string;
  /** "clinical" or "laboratory", the report it comes from; null when no report covers the claim. */
  domain: string | null;
  /** Pass rate over the calibrated generator's seeds (null when not in a report). */
  calibrated: ClaimRuleRate | null;
  /** False-pass rates under each null generator that removes the claim's effect, and each false-claim generator that makes the claim false (kind "false-claim"). */
  nulls: NullRate[];
  /** The null with the highest false-pass rate, or null when no null removes the claim. */
  worstNull: NullRate | null;
  /** Seeds pattern of the calibrated scenario, e.g. "hcc-check-{k}, k = 1..1000". */
  seedPattern: string | null;
}

export interface DiscriminationSummary {
  /** Claims with a calibrated pass rate. */
  checked: number;
  /** Claims some null generator removes, and how many of them keep every false-pass rate at or below `level`. */
  withNull: number;
  falsePassAtMost: number;
  level: number;
  /** The claim with the highest false-pass rate (any null), and the one with the lowest calibrated pass rate. */
  highestFalsePass: ClaimDiscrimination | null;
  lowestPass: ClaimDiscrimination | null;
  /** Calibrated draws on which every claim of a domain passed, per report. */
  allPassed: { domain: string; passed: number; seeds: number }[];
}

/** Per claim of STUDY_CLAIMS, its rates in the reports (see the file comment). Missing reports leave their claims without rates. */
export function ruleDiscrimination(reports: ReadonlyArray<RuleCheckReport | null>): ClaimDiscrimination[] {
  const present = reports.filter((r): r is RuleCheckReport => r !== null);
  return STUDY_CLAIMS.map((claim) => {
    for (const report of present) {
      const calibrated = report.scenarios.filter((s) => s.kind === "calibrated")[0];
      const rate = calibrated === undefined ? undefined : calibrated.claims.filter((c) => c.id === claim.id)[0];
      if (rate === undefined) continue;
      const nulls = report.scenarios
        .filter((s) => (s.kind === "null" || s.kind === "false-claim") && s.nullFor.indexOf(claim.id) >= 0)
        .map((s) => ({ scenario: s.id, description: s.description, rate: s.claims.filter((c) => c.id === claim.id)[0] }))
        .filter((n) => n.rate !== undefined && n.rate.rate !== null);
      let worst: NullRate | null = null;
      for (const n of nulls) if (worst === null || (n.rate.rate as number) > (worst.rate.rate as number)) worst = n;
      return { id: claim.id, statement: claim.statement, domain: report.domain, calibrated: rate, nulls, worstNull: worst, seedPattern: calibrated.seedPattern };
    }
    return { id: claim.id, statement: claim.statement, domain: null, calibrated: null, nulls: [], worstNull: null, seedPattern: null };
  });
}

/** The claims' discrimination from the repository's committed reports (data/rule-checks/clinical.json, laboratory.json). */
export function committedRuleDiscrimination(root?: string): { claims: ClaimDiscrimination[]; reports: RuleCheckReport[] } {
  const reports = (["clinical", "laboratory"] as const).map((d) => readRuleCheckReport(d, root)).filter((r): r is RuleCheckReport => r !== null);
  return { claims: ruleDiscrimination(reports), reports };
}

/** Counts behind the sentences of notebook 06 and the index page. */
export function discriminationSummary(claims: readonly ClaimDiscrimination[], reports: readonly RuleCheckReport[], level = 0.05): DiscriminationSummary {
  const checked = claims.filter((c) => c.calibrated !== null && c.calibrated.rate !== null);
  const withNull = claims.filter((c) => c.worstNull !== null);
  let highest: ClaimDiscrimination | null = null;
  for (const c of withNull) if (highest === null || (c.worstNull!.rate.rate as number) > (highest.worstNull!.rate.rate as number)) highest = c;
  let lowest: ClaimDiscrimination | null = null;
  for (const c of checked) if (lowest === null || (c.calibrated!.rate as number) < (lowest.calibrated!.rate as number)) lowest = c;
  return {
    checked: checked.length,
    withNull: withNull.length,
    falsePassAtMost: withNull.filter((c) => (c.worstNull!.rate.rate as number) <= level).length,
    level,
    highestFalsePass: highest,
    lowestPass: lowest,
    allPassed: reports.map((r) => {
      const cal = r.scenarios.filter((s) => s.kind === "calibrated")[0];
      return { domain: r.domain, passed: cal ? cal.allPassed : 0, seeds: cal ? cal.seeds : 0 };
    }),
  };
}

const pct = (r: ClaimRuleRate | null): string => (r === null || r.rate === null ? "" : `${formatNumber(100 * r.rate, 1)}`);
const pctSe = (r: ClaimRuleRate | null): string =>
  r === null || r.rate === null ? "" : r.rate === 0 || r.rate === 1 ? pct(r) : `${pct(r)} (±${formatNumber(100 * (r.mcse as number), 1)})`;

/** Table rows: claim, statement, calibrated pass rate % (± Monte Carlo SE), false-pass rate % under each null that removes it (worst first). */
export function ruleDiscriminationRows(claims: readonly ClaimDiscrimination[]): Record<string, string>[] {
  return claims.map((c) => {
    const nulls = c.nulls.slice().sort((a, b) => (b.rate.rate as number) - (a.rate.rate as number));
    return {
      claim: c.id,
      statement: c.statement,
      "passes on calibrated draws, %": c.calibrated === null ? "no rule check" : pctSe(c.calibrated),
      "false passes under null and false-claim generators, %":
        c.calibrated === null ? "" : nulls.length === 0 ? "no null removes it (a calibration target)" : nulls.map((n) => `${pctSe(n.rate)} (${n.scenario})`).join("; "),
    };
  });
}

/** The same table as HTML (for reports/index.html). */
export function ruleDiscriminationHtml(claims: readonly ClaimDiscrimination[]): string {
  const rows = ruleDiscriminationRows(claims);
  const heads = Object.keys(rows[0] ?? { claim: "" });
  return (
    `<table class="rule-discrimination"><thead><tr>${heads.map((h) => `<th style="text-align:left">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${heads.map((h) => `<td style="text-align:left">${escapeHtml(r[h])}</td>`).join("")}</tr>`).join("") +
    `</tbody></table>`
  );
}

/**
 * The framing sentences (markdown-free text): for the project's simulated data, that the data
 * were calibrated to the published aggregates and the cohort's seed chosen because it meets
 * the claims, so matching them shows the pipeline works, not that the study is right; then
 * the rule checks' summary, computed. For a user's own data, what a pass or fail means there.
 */
export function reproductionFraming(simulated: boolean, s: DiscriminationSummary): string[] {
  const out: string[] = [];
  if (simulated) {
    out.push(
      "These data are simulated and were calibrated to the study's published aggregates: the generators carry the study's findings as true effects, " +
        "and the clinical cohort's seed was chosen, among many, because it meets the clinical claims. Matching the published values here shows that the " +
        "pipeline computes the published analyses as the study did; it is not evidence that the study is right.",
    );
  } else {
    out.push(
      "These are your own data: a claim that holds or fails here is a finding about them, judged by the rules below, whose ability to tell an effect from none was measured on simulated data.",
    );
  }
  const parts: string[] = [];
  if (s.checked > 0) {
    parts.push(
      `Each claim's rule was checked on many other draws of the calibrated generators, and on null generators without the claimed effect or false-claim generators under which the claim is untrue (data/rule-checks/*.json).`,
    );
    if (s.lowestPass !== null) {
      parts.push(
        `On calibrated draws the pass rates go down to ${pct(s.lowestPass.calibrated)} % (${s.lowestPass.id}), and ` +
          s.allPassed.map((a) => `all ${a.domain} claims held together on ${a.passed} of ${a.seeds} draws`).join(", and ") +
          ".",
      );
    }
    if (s.withNull > 0) {
      parts.push(
        `Of the ${s.withNull} claims a null or false-claim generator makes untrue, ${s.falsePassAtMost} pass on at most ${formatNumber(100 * s.level, 0)} % of those draws` +
          (s.highestFalsePass === null
            ? "."
            : `; the highest false-pass rate is ${pct(s.highestFalsePass.worstNull!.rate)} % (${s.highestFalsePass.id}, ${s.highestFalsePass.worstNull!.scenario}).`),
      );
    }
    const targets = s.checked - s.withNull;
    if (targets > 0) parts.push(`The other ${targets} claims are calibration targets (sizes, dates, medians, the log-rank P), which no null or false-claim generator tests: they have no false-pass rate.`);
  } else {
    parts.push("No rule-check report was found (npm run rule-checks writes data/rule-checks/*.json).");
  }
  out.push(parts.join(" "));
  return out;
}

/** The framing and the discrimination table as HTML, for reports/index.html. */
export function reproductionFramingHtml(simulated: boolean, root?: string): string {
  const { claims, reports } = committedRuleDiscrimination(root);
  const s = discriminationSummary(claims, reports);
  const [framing, checks] = reproductionFraming(simulated, s);
  return (
    `<h2>What matching the published values shows</h2><p class="framing">${escapeHtml(framing)}</p><p class="rule-checks">${escapeHtml(checks)}</p>` +
    claimReadingNotes().map((n) => `<p class="claim-reading">${escapeHtml(n.replace(/\*\*/g, ""))}</p>`).join("") +
    (s.checked > 0 ? `<h3>How well each claim's rule discriminates</h3>${ruleDiscriminationHtml(claims)}` : "")
  );
}

/**
 * What a pass does and does not show for the claims whose wording says more than their rule
 * checks: C8 (a log-rank P in the published range is absence of evidence, not equivalence) and
 * C10/C11 ("more frequent / earlier", judged only by the incidence at one time). Built from the
 * claims table and the clinical rule tolerances, so the ranges and times follow the rules.
 */
export function claimReadingNotes(): string[] {
  const tol = CLINICAL_CLAIM_TOLERANCE;
  const byId = (id: string) => STUDY_CLAIMS.filter((c) => c.id === id)[0];
  const out: string[] = [];
  const c8 = byId("C8");
  if (c8 !== undefined) {
    out.push(
      `**${c8.id} is not a finding of equal survival.** Its rule passes when the log-rank P lies between ${formatNumber(tol.logRankP[0], 2)} and ${formatNumber(tol.logRankP[1], 2)}, ` +
        `the range around the published ${c8.published}: a pass reproduces a non-significant test, which is absence of evidence of a survival difference, not evidence that survival is the same (equivalence). ` +
        `Notebook 07 (section "What could this study detect?") gives the hazard ratios this cohort could have detected and the equivalence (TOST) tests that could show equivalence.`,
    );
  }
  const ids = ["C10", "C11"].filter((id) => byId(id) !== undefined);
  if (ids.length > 0) {
    out.push(
      `**${ids.join(" and ")} test "more frequent", not "earlier".** Their statements say "more frequent / earlier", but the rule compares only the cumulative incidence at ${formatNumber(tol.incidenceMonths, 0)} months (with Gray's test of the whole curves, P < ${formatNumber(tol.alpha, 2)}); ` +
        `a pass does not test that the failures come earlier (notebook 03, Part A, reports the timing comparison separately).`,
    );
  }
  return out;
}
