/**
 * The claims ledger: every claim of STUDY.md evaluated on a data folder with the
 * project's own statistics, with the reproduced value, the pass rule and a mark.
 * Clinical claims (C1-C11) are judged by src/clinical/clinical-claims.ts (the analyses
 * notebooks 01-03 show; the simulated cohort's seed search uses it too); laboratory
 * claims (C12-C18) by src/laboratory/laboratory-claims.ts (the analyses notebooks 04 and
 * 05 show). A data file that cannot be loaded leaves its claims "not evaluated"
 * with the reason, instead of stopping the whole ledger.
 */
import { dataDir } from "../data/load";
import { loadCohort } from "../data/clinical";
import { evaluateClinicalClaims } from "../clinical/clinical-claims";
import { evaluateLaboratoryClaims, loadLaboratoryForClaims } from "../laboratory/laboratory-claims";
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

/** A claim as src/clinical or src/laboratory judges it, as the ledger takes it. */
function toEvaluation(c: { id: string; value: string; rule: string; pass: boolean; evaluated: boolean; detail: string }): ClaimEvaluation {
  return { id: c.id, reproduced: c.evaluated ? c.value : "", rule: c.rule, pass: c.pass, evaluated: c.evaluated, detail: c.detail };
}

export const clinicalClaimsEvaluator: ClaimEvaluator = {
  ids: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"],
  evaluate(dir: string): ClaimEvaluation[] {
    return evaluateClinicalClaims(loadCohort(dir)).map(toEvaluation);
  },
};

/** Each laboratory file is loaded on its own: a broken file leaves only the claims that need it "not evaluated". */
export const laboratoryClaimsEvaluator: ClaimEvaluator = {
  ids: ["C12", "C13", "C14", "C15", "C16", "C17", "C18"],
  evaluate(dir: string): ClaimEvaluation[] {
    return evaluateLaboratoryClaims(loadLaboratoryForClaims(dir)).map(toEvaluation);
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
