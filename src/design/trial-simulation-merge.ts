/**
 * Regenerating part of data/trial-simulations.json (`npm run trial-simulations -- --only id1,id2`):
 * the scenario ids a full run writes, a check of the named ids, and the merge of a partial run
 * into the stored report (the other scenarios kept as stored, byte for byte).
 *
 * @example
 * const only = checkScenarioIds(["out-of-field/null"], trialSimulationScenarioIds(settings, cohortSettings));
 * const merged = mergeTrialSimulations(stored, { ...runTrialSimulations(settings, { only }), cohortGenerator: runCohortTrialSimulations(cohortSettings, { only }) }, only);
 */
import { InputError } from "../core/index";
import { trialScenarioPlan } from "./trial-simulations";
import type { TrialSimulationReport, TrialSimulationSettings } from "./trial-simulations";
import { cohortScenarioPlan } from "./cohort-trial-simulations";

/** Every scenario id a full run writes, in the file's order: the simple generator's, then the cohort generator's. */
export function trialSimulationScenarioIds(settings: TrialSimulationSettings, cohortSettings?: Parameters<typeof cohortScenarioPlan>[0]): string[] {
  return trialScenarioPlan(settings).map((x) => x.id).concat(cohortSettings === undefined ? [] : cohortScenarioPlan(cohortSettings).map((x) => x.id));
}

/** `only` checked against the valid ids: empty, repeated or unknown ids are an error listing the valid ones. */
export function checkScenarioIds(only: string[], valid: string[]): string[] {
  if (!Array.isArray(only) || only.length === 0) throw new InputError("only", null, only, `must name at least one scenario (valid: ${valid.join(", ")})`);
  const unknown = only.filter((id) => valid.indexOf(id) < 0);
  if (unknown.length > 0) throw new InputError("only", null, unknown.join(", "), `unknown scenario id${unknown.length === 1 ? "" : "s"} ${unknown.map((x) => `"${x}"`).join(", ")}; valid ids: ${valid.join(", ")}`);
  const repeated = only.filter((id, i) => only.indexOf(id) !== i);
  if (repeated.length > 0) throw new InputError("only", null, repeated.join(", "), `names ${repeated.map((x) => `"${x}"`).join(", ")} twice`);
  return only;
}

/** The keys of `stored` whose values differ in `now` (new keys of `now` are allowed: they only add scenarios). */
function settingsDifferences(stored: object, now: object, where: string): string[] {
  return Object.keys(stored)
    .filter((key) => JSON.stringify((stored as Record<string, unknown>)[key]) !== JSON.stringify((now as Record<string, unknown>)[key]))
    .map((key) => `${where}${key}: ${JSON.stringify((stored as Record<string, unknown>)[key])} in the file, ${JSON.stringify((now as Record<string, unknown>)[key])} now`);
}

/**
 * A partial run merged into the stored report (npm run trial-simulations -- --only ...): the
 * scenarios named in `only` from `partial` (a run with the same `only`), every other scenario
 * kept as stored, so its bytes are unchanged; the order, settings and description are a full
 * run's. Each scenario has its own seeded stream, so the merged report equals what a full run
 * would write, provided every scenario whose code or settings changed is named. Refused when a
 * setting recorded in the file differs now (those change every scenario: run without --only),
 * or when a scenario of the plan is neither stored nor named.
 */
export function mergeTrialSimulations(stored: TrialSimulationReport, partial: TrialSimulationReport, only: string[]): TrialSimulationReport {
  const differences = settingsDifferences(stored.settings, partial.settings, "settings.");
  if (stored.cohortGenerator !== undefined && partial.cohortGenerator !== undefined) differences.push(...settingsDifferences(stored.cohortGenerator.settings, partial.cohortGenerator.settings, "cohortGenerator.settings."));
  if (differences.length > 0) throw new InputError("only", null, only.join(", "), `cannot regenerate part of a file simulated with other settings (${differences.join("; ")}): run without --only`);
  const pick = <T extends { id: string }>(ids: string[], fresh: T[], old: T[]): T[] =>
    ids.map((id) => {
      const found = only.indexOf(id) >= 0 ? fresh.find((x) => x.id === id) : old.find((x) => x.id === id);
      if (found === undefined) throw new InputError("only", null, id, only.indexOf(id) >= 0 ? `"${id}" was named but not simulated` : `"${id}" is a scenario of these settings missing from the file: name it too (or run without --only)`);
      return found;
    });
  const merged: TrialSimulationReport = { ...partial, scenarios: pick(trialScenarioPlan(partial.settings).map((x) => x.id), partial.scenarios, stored.scenarios) };
  if (partial.cohortGenerator !== undefined) {
    const cg = partial.cohortGenerator;
    merged.cohortGenerator = { ...cg, scenarios: pick(cohortScenarioPlan(cg.settings).map((x) => x.id), cg.scenarios, stored.cohortGenerator === undefined ? [] : stored.cohortGenerator.scenarios) };
  }
  return merged;
}

