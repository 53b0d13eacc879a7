/**
 * Figures of notebook 03 (failure patterns) beyond the study's own: built from
 * failurePatterns (first failure from enrollment, the study's view) and failureFromRtStart
 * (every progression per site, from RT start / matched landmark). `npm run figures`
 * renders the same functions (src/report/study-figures.ts).
 */
import { InputError } from "../core/index";
import type { PlotlyFigure } from "../plots/figure";
import { cumulativeIncidencePanelFigure } from "../plots/cumulative-incidence-panel";
import { stateOccupancyFigure } from "../plots/state-occupancy";
import { forestPlotFigure } from "../plots/forest-plot";
import type { ForestRow } from "../plots/forest-plot";
import { formatPValue } from "../plots/format";
import type { CumulativeIncidenceCurve } from "../survival/cumulative-incidence";
import type { CohortData } from "./arms";
import type { FailurePatternsResult } from "./failure-patterns";
import type { FailureFromRtResult, FirstFailureBias, ProgressionSite } from "./failure-from-rt";

/** The multi-state figures' state names. */
export const FAILURE_STATE_LABELS: Readonly<Record<string, string>> = {
  "(no progression)": "Alive, no progression",
  local: "Local progression only",
  intrahepatic: "Intrahepatic (worst so far)",
  extrahepatic: "Extrahepatic (worst so far)",
  death: "Death",
};

/** The study's view: cumulative incidence of first failure by site from enrollment (death without failure competing), with the number at risk under each panel. */
export function firstFailurePanelFigure(cohort: CohortData, fp: FailurePatternsResult): PlotlyFigure {
  const causeLabels: Record<string, string> = {};
  fp.causes.forEach((c) => (causeLabels[String(c.code)] = c.label));
  return cumulativeIncidencePanelFigure(fp.incidence, {
    causes: fp.causes.filter((c) => c.site !== "death").map((c) => c.code),
    causeLabels,
    confLevel: fp.confLevel,
    xTitle: "Months from enrollment (first failure only)",
    atRisk: { time: cohort.fields.failure_months, group: cohort.fields.arm },
    riskTableTitle: "Number at risk (no failure yet)",
  });
}

/** Every progression per site from RT start / matched landmark: one panel per site (death before it competing), Gray's P per panel, the number under observation below. */
export function fromRtIncidenceFigure(fr: FailureFromRtResult): PlotlyFigure {
  const curves: CumulativeIncidenceCurve[] = [];
  const causeLabels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  fr.sites.forEach((s, k) => {
    causeLabels[String(k + 1)] = s.label;
    annotations[String(k + 1)] = s.grayP === null ? "" : `Gray's test ${formatPValue(s.grayP)}`;
    for (const c of s.incidence.curves) if (c.cause === 1) curves.push({ ...c, cause: k + 1 });
  });
  return cumulativeIncidencePanelFigure(curves, {
    causeLabels,
    annotations,
    confLevel: fr.confLevel,
    groups: fr.arms,
    xTitle: "Months from RT start (TACE+RT) or matched landmark (TACE)",
    atRisk: { time: fr.followUpMonths, group: fr.arm },
    riskTableTitle: "Under observation",
  });
}

/** State occupancy from RT start / matched landmark (worst site so far, then death), per arm. */
export function fromRtOccupancyFigure(fr: FailureFromRtResult): PlotlyFigure {
  if (fr.multiState === null) throw new InputError("fr", null, "causeSpecificOnly", "has no multi-state fit (run failureFromRtStart without causeSpecificOnly)");
  return stateOccupancyFigure(fr.multiState.fit, {
    stateLabels: FAILURE_STATE_LABELS as Record<string, string>,
    groups: fr.arms,
    xTitle: "Months from RT start (TACE+RT) or matched landmark (TACE)",
  });
}

/**
 * Hazard ratios of TACE+RT vs TACE per site, analysis by analysis: the study's first
 * failure from enrollment, then every progression from RT start / matched landmark
 * (cause-specific unadjusted and adjusted, Fine-Gray adjusted), and, when given, the true
 * hazard ratio of a simulation (a row without interval).
 */
export function failureHazardRatioFigure(bias: readonly FirstFailureBias[], fr: FailureFromRtResult, truth: Partial<Record<ProgressionSite, number>> | null = null): PlotlyFigure {
  const rows: ForestRow[] = [];
  for (const b of bias) {
    const s = fr.sites.filter((x) => x.site === b.site)[0];
    rows.push({ label: b.label, estimate: null });
    const add = (label: string, e: { hazardRatio: number; lower: number; upper: number; pValue: number } | null) => {
      if (e !== null) rows.push({ label, estimate: e.hazardRatio, lower: e.lower, upper: e.upper, pValue: e.pValue });
    };
    add("First failure, from enrollment (the study's)", b.firstFailure);
    add("Every progression, from RT: cause-specific", s.causeSpecific.unadjusted);
    add("  … adjusted", s.causeSpecific.adjusted);
    add("  Fine-Gray (subdistribution), adjusted", s.fineGray === null ? null : s.fineGray.adjusted);
    if (truth !== null && truth[b.site] !== undefined) rows.push({ label: "True hazard ratio (simulation)", estimate: truth[b.site] as number, color: "#555555" });
  }
  return forestPlotFigure(rows, { favours: ["Lower with TACE+RT", "Higher with TACE+RT"], xTitle: "Hazard ratio, TACE+RT vs TACE (95% CI)" });
}
