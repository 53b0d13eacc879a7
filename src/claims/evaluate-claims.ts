/**
 * The claims ledger: every claim of STUDY.md evaluated on a data folder with the
 * project's own statistics, with the reproduced value, the pass rule and a mark.
 * Clinical claims (C1-C11) are measured by src/synth/clinical-calibration (the same
 * targets the simulated cohort was calibrated to); laboratory claims (C12-C18) by
 * src/laboratory (the analyses notebooks 04 and 05 show). A data file that cannot be loaded leaves its claims "not evaluated"
 * with the reason, instead of stopping the whole ledger.
 */
import { dataDir } from "../data/load";
import { loadCohort } from "../data/clinical";
import { calibrationReport, measureClinicalCohort } from "../synth/clinical-calibration";
import { loadLaboratory } from "../data/laboratory";
import { evaluateLaboratoryClaims } from "../laboratory/laboratory-claims";
import { formatNumber, formatPExact, withPLabel } from "../display/format-number";
import { STUDY_CLAIMS, StudyClaim } from "./study-claims";

export type ClaimStatus = "pass" | "fail" | "not evaluated";

export interface ClaimResult extends StudyClaim {
  /** The value this data gives, as text. */
  reproduced: string;
  /** The pass rule with its tolerance. */
  rule: string;
  status: ClaimStatus;
  /** Why a claim could not be evaluated, or extra numbers behind the value. */
  detail: string;
}

/** One evaluated claim as the evaluators return it, before the ledger adds the claim's own fields. */
export interface ClaimEvaluation {
  id: string;
  reproduced: string;
  rule: string;
  pass: boolean;
  /** False when the data lack what the claim needs (then `detail` says why). */
  evaluated?: boolean;
  detail?: string;
}

/** A group of claims evaluated from one set of data files. */
export interface ClaimEvaluator {
  ids: string[];
  evaluate(dir: string): ClaimEvaluation[];
}

const months = (x: number | null): string => (x === null ? "not reached" : `${formatNumber(x, 1)} months`);
const pValue = (p: number): string => withPLabel(formatPExact(p));

export const clinicalClaimsEvaluator: ClaimEvaluator = {
  ids: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"],
  evaluate(dir: string): ClaimEvaluation[] {
    const cohort = loadCohort(dir);
    const m = measureClinicalCohort(cohort.fields);
    const report = calibrationReport(m);
    const nRt = m.n["TACE+RT"];
    const cif = (site: "intrahepatic" | "extrahepatic"): string =>
      `12-month cumulative incidence ${formatNumber(m.cif12[site].TACE, 3)} (TACE) vs ${formatNumber(m.cif12[site]["TACE+RT"], 3)} (TACE+RT); ` +
      `Gray's test, out-of-field failure: ${pValue(m.grayP.outOfField)}`;
    const text: Record<string, [string, string]> = {
      C1: [String(m.n.TACE), "equal"],
      C2: [String(nRt), "equal"],
      C3: [`${m.enrolledFirst} to ${m.enrolledLast}`, "first and last enrollment within"],
      C4: [months(m.followUp.TACE), "within"],
      C5: [months(m.followUp["TACE+RT"]), "within"],
      C6: [months(m.medianOs.TACE), "within"],
      C7: [months(m.medianOs["TACE+RT"]), "within"],
      C8: [pValue(m.logRankP), "P within"],
      C9: [`${nRt - m.irradiatedWithoutResponse} of ${nRt} irradiated lesions CR or PR`, "every irradiated lesion CR or PR"],
      C10: [cif("intrahepatic"), ""],
      C11: [cif("extrahepatic"), ""],
    };
    return report.map((t) => {
      const [reproduced, prefix] = text[t.id];
      const unit = /^C[4-7]$/.test(t.id) ? " months" : "";
      const rule = t.id === "C9" ? prefix : prefix === "" ? t.accepted : `${prefix} ${t.accepted}${unit}`;
      return { id: t.id, reproduced, rule, pass: t.pass, detail: t.description };
    });
  },
};

export const laboratoryClaimsEvaluator: ClaimEvaluator = {
  ids: ["C12", "C13", "C14", "C15", "C16", "C17", "C18"],
  evaluate(dir: string): ClaimEvaluation[] {
    return evaluateLaboratoryClaims(loadLaboratory(dir)).map((c) => ({
      id: c.id,
      reproduced: c.evaluated ? c.value : "",
      rule: c.rule,
      pass: c.pass,
      evaluated: c.evaluated,
      detail: c.detail,
    }));
  },
};

const evaluators: readonly ClaimEvaluator[] = [clinicalClaimsEvaluator, laboratoryClaimsEvaluator];

/** Evaluates every claim on the data in `dir` (default: DATA_DIR or data/). Claims no evaluator covers are "not evaluated". */
export function evaluateClaims(dir: string = dataDir()): ClaimResult[] {
  const byId = new Map<string, Omit<ClaimResult, keyof StudyClaim>>();
  for (const evaluator of evaluators) {
    let results: ClaimEvaluation[];
    try {
      results = evaluator.evaluate(dir);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const id of evaluator.ids) byId.set(id, { reproduced: "", rule: "", status: "not evaluated", detail: reason });
      continue;
    }
    for (const r of results) {
      const status: ClaimStatus = r.evaluated === false ? "not evaluated" : r.pass ? "pass" : "fail";
      byId.set(r.id, { reproduced: r.reproduced, rule: r.rule, status, detail: r.detail ?? "" });
    }
  }
  return STUDY_CLAIMS.map((claim) => ({
    ...claim,
    ...(byId.get(claim.id) ?? { reproduced: "", rule: "", status: "not evaluated" as ClaimStatus, detail: "no evaluator for this claim" }),
  }));
}
