/**
 * Competing-risks and multi-state figures of the study, computed from a data
 * folder, for `npm run figures`: the cumulative incidence of first failure by
 * site with the number at risk under each panel, and the state occupancy of
 * the first-failure multi-state model (no progression -> first failure by
 * site -> death) per arm. They are meant for notebook 03 (failure patterns);
 * until that notebook shows them they are listed here rather than in
 * studyFigures, whose entries must each appear in their notebook.
 */
import { loadCohort } from "../data/clinical";
import { cohortArms } from "../clinical/arms";
import { failurePatterns } from "../clinical/failure-patterns";
import { aalenJohansen, multiStateRows } from "../survival/index";
import { cumulativeIncidencePanelFigure, stateOccupancyFigure } from "../plots/index";
import type { StudyFigure } from "./study-figures";

const SITE_LABELS: Record<string, string> = {
  "(no progression)": "No progression",
  local: "Local (treated lesion)",
  intrahepatic: "Intrahepatic, out of field",
  extrahepatic: "Extrahepatic",
  death: "Death",
};

export function competingRisksFigures(dir: string): StudyFigure[] {
  const cohort = loadCohort(dir);
  const f = cohort.fields;
  const arms = cohortArms(cohort);
  const fp = failurePatterns(cohort);
  const causeLabels: Record<string, string> = {};
  fp.causes.forEach((c) => (causeLabels[String(c.code)] = c.label));
  const failureCauses = fp.causes.filter((c) => c.site !== "death").map((c) => c.code);

  const siteTime = (site: string) => f.failure_site.map((s, i) => (s === site ? f.failure_months[i] : null));
  const rows = multiStateRows(
    f.os_months,
    { local: siteTime("local"), intrahepatic: siteTime("intrahepatic"), extrahepatic: siteTime("extrahepatic"), death: f.death.map((d, i) => (d === 1 ? f.os_months[i] : null)) },
    { id: f.patient_id, group: f.arm, initialState: "(no progression)" },
  );
  const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, censor: rows.censor, states: rows.states, initialState: rows.initialState, levels: arms });
  return [
    {
      name: "fig2b-cumulative-incidence-at-risk",
      caption: "Cumulative incidence of first failure by site and arm (death competing), with the number at risk",
      notebook: "03-failure-patterns",
      figure: cumulativeIncidencePanelFigure(fp.incidence, {
        causes: failureCauses,
        causeLabels,
        xTitle: "Months from enrollment",
        atRisk: { time: f.failure_months, group: f.arm },
      }),
      column: "double",
      height: 440,
    },
    {
      name: "fig2c-state-occupancy",
      caption: "State occupancy by arm: no progression, first failure by site, death (Aalen-Johansen)",
      notebook: "03-failure-patterns",
      figure: stateOccupancyFigure(aj, { stateLabels: SITE_LABELS, xTitle: "Months from enrollment" }),
      column: "double",
      height: 420,
    },
  ];
}
