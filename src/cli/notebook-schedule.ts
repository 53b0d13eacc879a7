/**
 * Running study notebooks a few at a time: each notebook starts as soon as a slot is free and
 * the notebooks its `after` names (src/cli/study-notebooks.ts) have finished; results are
 * handed on in the list's order, whatever order the runs finish in, so what a run prints and
 * records does not depend on timing.
 */
import type { StudyNotebook } from "./study-notebooks";

/**
 * The prerequisites of each notebook among those being run: `after` names that are not being
 * run now (a partial run) are left out. Throws when a name is not a notebook of `all` or does
 * not come before the notebook that names it (so there can be no cycle).
 */
export function prerequisites(notebooks: readonly StudyNotebook[], all: readonly StudyNotebook[]): Map<string, string[]> {
  const position = new Map(all.map((n, i) => [n.name, i]));
  const running = new Set(notebooks.map((n) => n.name));
  const out = new Map<string, string[]>();
  for (const nb of notebooks) {
    const own = position.get(nb.name) ?? Infinity;
    const before: string[] = [];
    for (const name of nb.after ?? []) {
      const at = position.get(name);
      if (at === undefined) throw new Error(`src/cli/study-notebooks.ts: ${nb.name} runs after ${JSON.stringify(name)}, which is not a study notebook`);
      if (at >= own) throw new Error(`src/cli/study-notebooks.ts: ${nb.name} runs after ${name}, which comes later in the list; list prerequisites first`);
      if (running.has(name)) before.push(name);
    }
    out.set(nb.name, before);
  }
  return out;
}

/**
 * Runs `run` for each notebook, at most `jobs` at a time, respecting `after`, and calls
 * `report` once per notebook in the order of `notebooks` (a notebook's report waits for those
 * listed before it). Stops starting new runs once `stopped()` is true. A run that throws stops
 * the schedule: the error is rethrown after the runs already started have ended.
 *
 * `expectedSeconds` (a previous run's times, say) decides which of the notebooks free to start
 * starts first: the longest (so a long notebook does not start last and run alone at the end);
 * notebooks without a time, and ties, start in list order. Reports stay in list order.
 */
export async function runScheduled<T>(
  notebooks: readonly StudyNotebook[],
  all: readonly StudyNotebook[],
  jobs: number,
  run: (notebook: StudyNotebook) => Promise<T>,
  report: (notebook: StudyNotebook, result: T, index: number) => void,
  stopped: () => boolean = () => false,
  expectedSeconds: (notebook: StudyNotebook) => number | undefined = () => undefined,
): Promise<Map<string, T>> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be a whole number of at least 1, not ${jobs}`);
  const needs = prerequisites(notebooks, all);
  const results = new Map<string, T>();
  const started = new Set<string>();
  let reported = 0;
  let failure: unknown = null;
  let wake: () => void = () => {};

  const flush = () => {
    while (reported < notebooks.length && results.has(notebooks[reported].name)) {
      const nb = notebooks[reported];
      report(nb, results.get(nb.name) as T, reported);
      reported++;
    }
  };
  const ready = (): StudyNotebook | undefined => {
    let best: StudyNotebook | undefined;
    let bestSeconds = -Infinity;
    for (const nb of notebooks) {
      if (started.has(nb.name) || !(needs.get(nb.name) ?? []).every((name) => results.has(name))) continue;
      const seconds = expectedSeconds(nb) ?? -1;
      if (best === undefined || seconds > bestSeconds) {
        best = nb;
        bestSeconds = seconds;
      }
    }
    return best;
  };

  const running = new Set<Promise<void>>();
  for (;;) {
    while (failure === null && !stopped() && running.size < jobs) {
      const nb = ready();
      if (nb === undefined) break;
      started.add(nb.name);
      const p: Promise<void> = run(nb).then(
        (result) => {
          results.set(nb.name, result);
          flush();
        },
        (error) => {
          if (failure === null) failure = error;
        },
      ).finally(() => {
        running.delete(p);
        wake();
      });
      running.add(p);
    }
    if (running.size === 0) break;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  if (failure !== null) throw failure;
  return results;
}
