/**
 * Which analyses a cohort's columns support. The cohort schema has optional columns
 * (src/data/clinical.ts, OPTIONAL_COHORT_COLUMNS): a cohort in the original layout lacks
 * them and still runs every notebook, but an analysis that needs one is skipped with a
 * note naming the column that would enable it (capabilityNote).
 *
 * Capabilities:
 * - "rt-start": rt_start_months. RT as a time-dependent exposure (landmark analyses, a
 *   time-dependent Cox model), failure timed from the start of RT.
 * - "progression-by-site": local_, intrahepatic_ and extrahepatic_progression_months. Every
 *   progression by site, not only the first failure (cause-specific and multi-state models
 *   of each progression type).
 * - "rt-indication": residual_viable_tumor, portal_vein_thrombosis, tumor_number, ecog. The
 *   reasons RT was given in practice (propensity model, weighting, adjustment for
 *   confounding by indication).
 * A capability is available when each of its columns is in the data with at least one
 * value recorded.
 *
 * @example
 * const caps = cohortCapabilities(loadCohort());
 * if (!caps.rtStart.available) showMarkdown(capabilityNote(caps.rtStart));
 */
import { InputError } from "../core/index";
import type { CohortData } from "./arms";

export type CapabilityId = "rt-start" | "progression-by-site" | "rt-indication";

export interface CohortCapability {
  id: CapabilityId;
  /** What the columns allow, in words. */
  enables: string;
  /** The columns it needs. */
  columns: string[];
  /** Columns absent from the data. */
  absent: string[];
  /** Columns present but with no value recorded. */
  empty: string[];
  available: boolean;
}

export interface CohortCapabilities {
  rtStart: CohortCapability;
  progressionBySite: CohortCapability;
  rtIndication: CohortCapability;
  /** All three, in the order above. */
  all: CohortCapability[];
}

const SPECS: Array<{ key: "rtStart" | "progressionBySite" | "rtIndication"; id: CapabilityId; columns: string[]; enables: string }> = [
  {
    key: "rtStart",
    id: "rt-start",
    columns: ["rt_start_months"],
    enables: "RT as a time-dependent exposure (landmark analyses, time-dependent Cox model) and failure timed from the start of RT",
  },
  {
    key: "progressionBySite",
    id: "progression-by-site",
    columns: ["local_progression_months", "intrahepatic_progression_months", "extrahepatic_progression_months"],
    enables: "every progression by site, not only the first failure (cause-specific and multi-state models of each progression type)",
  },
  {
    key: "rtIndication",
    id: "rt-indication",
    columns: ["residual_viable_tumor", "portal_vein_thrombosis", "tumor_number", "ecog"],
    enables: "the reasons RT was given (propensity model, weighting, adjustment for confounding by indication)",
  },
];

function recorded(v: unknown): boolean {
  return !(v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v)));
}

/** The capabilities of a cohort; see the file comment. */
export function cohortCapabilities(cohort: CohortData): CohortCapabilities {
  if (!cohort || !cohort.fields) throw new InputError("cohort", null, cohort, "must be a cohort (loadCohort) with fields");
  const fields = cohort.fields as unknown as Record<string, ArrayLike<unknown> | undefined>;
  const out = {} as CohortCapabilities;
  const all: CohortCapability[] = [];
  for (const spec of SPECS) {
    const absent = spec.columns.filter((c) => fields[c] === undefined);
    const empty = spec.columns.filter((c) => fields[c] !== undefined && !Array.prototype.some.call(fields[c], recorded));
    const cap: CohortCapability = { id: spec.id, enables: spec.enables, columns: spec.columns.slice(), absent, empty, available: absent.length === 0 && empty.length === 0 };
    out[spec.key] = cap;
    all.push(cap);
  }
  out.all = all;
  return out;
}

const quoted = (names: string[]): string => names.map((n) => `\`${n}\``).join(", ");

/** One sentence for a skipped analysis: what it needs and which columns are absent or empty; null when available. */
export function capabilityNote(cap: CohortCapability): string | null {
  if (cap.available) return null;
  const parts: string[] = [];
  if (cap.absent.length > 0) parts.push(`${cap.absent.length === 1 ? "the column" : "the columns"} ${quoted(cap.absent)}, which this cohort does not have`);
  if (cap.empty.length > 0) parts.push(`${cap.empty.length === 1 ? "a value in" : "values in"} ${quoted(cap.empty)}, where nothing is recorded`);
  return `Skipped: ${cap.enables} needs ${parts.join(", and ")}.`;
}
