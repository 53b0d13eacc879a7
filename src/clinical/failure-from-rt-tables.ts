/**
 * failureFromRtStart results as printed tables (records for showTable), formatted once here:
 * - fromRtPopulationRows: who is analysed from RT start / matched landmark, who is left out and why;
 * - fromRtModelRows: per site and model (cause-specific, Fine-Gray; unadjusted, adjusted) the
 *   arm's hazard ratio with its interval and P, the events, and cox.zph's P for the arm and GLOBAL;
 * - firstFailureBiasRows: the study's first-failure hazard ratio beside the from-RT one, with the
 *   direction of the difference and, when given, the simulation's true value;
 * - followUpRows: median follow-up from the origin and loss to follow-up per arm.
 *
 * @example
 * const fr = failureFromRtStart(loadCohort());
 * showTable(fromRtModelRows(fr));
 */
import type { FailureFromRtResult, ArmEffect, FirstFailureBias, ProgressionSite } from "./failure-from-rt";
import { ciLabel, fmt, formatCI, formatPExact } from "./format";
import { stateOccupancyAt } from "../survival/aalen-johansen";
import { InputError } from "../core/index";

/** Per arm: patients, analysed, left out because death or last contact came first, left out because progression came first, origin median [range]. */
export function fromRtPopulationRows(fr: FailureFromRtResult): Record<string, string>[] {
  return fr.arms.map((arm, a) => ({
    Arm: arm,
    Origin: a === 0 ? "matched landmark (drawn from the RT start times)" : "start of RT",
    Patients: String(fr.n[a]),
    "Died or left follow-up before the origin": String(fr.leftOut.endedBeforeOrigin[a]),
    "Progressed before the origin": String(fr.leftOut.progressedBeforeOrigin[a]),
    Analysed: String(fr.analysed[a]),
    "Origin, months from enrollment: median [range]": `${fmt(fr.origin[a].median, 2)} [${fmt(fr.origin[a].min, 2)}–${fmt(fr.origin[a].max, 2)}]`,
  }));
}

function effectCells(e: ArmEffect | null, confLevel: number): Record<string, string> {
  const ci = ciLabel(confLevel);
  if (e === null) return { Patients: "", Events: "", [`HR (${ci})`]: "not fitted", P: "", "PH test P, arm": "", "PH test P, global": "" };
  return {
    Patients: String(e.n),
    Events: String(e.nEvent),
    [`HR (${ci})`]: formatCI(e.hazardRatio, e.lower, e.upper, 2),
    P: formatPExact(e.pValue),
    "PH test P, arm": e.phArm === null ? (e.phNote === null ? "" : "not computable") : formatPExact(e.phArm),
    "PH test P, global": e.phGlobal === null ? "" : formatPExact(e.phGlobal),
  };
}

/** One row per site and model; the hazard ratio is the subdistribution hazard ratio for Fine-Gray. */
export function fromRtModelRows(fr: FailureFromRtResult): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const s of fr.sites) {
    const models: Array<[string, ArmEffect | null]> = [
      ["cause-specific Cox, unadjusted", s.causeSpecific.unadjusted],
      ["cause-specific Cox, adjusted", s.causeSpecific.adjusted],
    ];
    if (s.fineGray !== null) models.push(["Fine-Gray, unadjusted", s.fineGray.unadjusted], ["Fine-Gray, adjusted", s.fineGray.adjusted]);
    for (const [model, e] of models) rows.push({ Site: s.label, Model: model, ...effectCells(e, fr.confLevel) });
  }
  return rows;
}

/** The study's first-failure hazard ratio beside the from-RT one per site (and the truth of a simulation, when given). */
export function firstFailureBiasRows(bias: readonly FirstFailureBias[], truth: Partial<Record<ProgressionSite, number>> | null = null, confLevel = 0.95): Record<string, string>[] {
  const ci = ciLabel(confLevel);
  return bias.map((b) => {
    const row: Record<string, string> = {
      Site: b.label,
      [`First failure from enrollment, HR (${ci})`]: formatCI(b.firstFailure.hazardRatio, b.firstFailure.lower, b.firstFailure.upper, 2),
      [`Every progression from RT${b.fromRt.adjusted ? ", adjusted" : ""}, HR (${ci})`]: formatCI(b.fromRt.hazardRatio, b.fromRt.lower, b.fromRt.upper, 2),
      "First failure vs from RT": `${b.direction} (ratio ${fmt(b.ratio, 2)})`,
    };
    if (truth !== null) row["True HR (simulation)"] = truth[b.site] === undefined ? "" : fmt(truth[b.site] as number, 2);
    return row;
  });
}

/** Median follow-up from the origin (reverse Kaplan-Meier) and loss to follow-up per arm. */
export function fromRtFollowUpRows(fr: FailureFromRtResult): Record<string, string>[] {
  return fr.arms.map((arm, a) => ({
    Arm: arm,
    "Median follow-up from the origin, months (reverse KM)": fr.followUp.median[a] === null ? "not reached" : fmt(fr.followUp.median[a], 1),
    "Patient-years from the origin": fmt(fr.followUp.patientYears[a], 1),
    [`Lost to follow-up (censored before ${fr.followUp.cutoff})`]: String(fr.followUp.lost[a]),
    "Lost per 100 patient-years": fmt(fr.followUp.lostPer100[a], 1),
  }));
}

/** State occupancy % (with its interval, R's log transform) per state and arm at `times` months from the origin; states named by `labels`. */
export function fromRtOccupancyRows(fr: FailureFromRtResult, times: readonly number[], labels: Readonly<Record<string, string>> = {}): Record<string, string>[] {
  if (fr.multiState === null) throw new InputError("fr", null, "causeSpecificOnly", "has no multi-state fit");
  const at = stateOccupancyAt(fr.multiState.fit, times);
  const out: Record<string, string>[] = [];
  for (const state of fr.multiState.fit.states) {
    for (const arm of fr.arms) {
      const row: Record<string, string> = { State: labels[state] ?? state, Arm: arm };
      for (const t of times) {
        const r = at.filter((x) => x.state === state && x.group === arm && x.time === t)[0];
        row[`${fmt(t, 0)} months, % (${ciLabel(fr.confLevel)})`] =
          r === undefined ? "NA (beyond follow-up)" : r.lower === null || r.upper === null ? fmt(100 * r.probability, 1) : `${fmt(100 * r.probability, 1)} (${fmt(100 * r.lower, 1)}\u2013${fmt(100 * r.upper, 1)})`;
      }
      out.push(row);
    }
  }
  return out;
}
