/**
 * The study's figures, computed from a data folder with the same functions the notebooks
 * call (src/clinical/figures, src/laboratory/figures), for `npm run figures`.
 */
import { loadCohort } from "../data/clinical";
import { loadVegfMrna, loadVegfSecretion, loadXenograft } from "../data/laboratory";
import { survivalByArm } from "../clinical/survival-by-arm";
import { overallSurvivalFigure } from "../clinical/figures";
import { failurePatternFigures } from "./competing-risks-figures";
import { dataProvenance } from "../data/provenance";
import { mrnaInduction } from "../laboratory/mrna-induction";
import { secretionDoseResponse } from "../laboratory/secretion-dose-response";
import { growthMixedModel } from "../laboratory/growth-mixed-model";
import { secretionTimeCourse } from "../laboratory/secretion-time-course";
import { endpointComparison } from "../laboratory/endpoint-comparison";
import { mrnaDoseFigure, secretionTimeFigure, growthCurveFigure, vegfMvdFigure, doseResponseFigure, p53EquivalenceFigure, growthModelFigure } from "../laboratory/figures";
import type { FigureFileRequest } from "./figure-files";
import { biasFigures } from "./bias-figures";

export interface StudyFigure extends FigureFileRequest {
  /** What the figure shows, and the notebook that shows it. */
  caption: string;
  notebook: string;
}

/** Every study figure from the data in `dir`; loading or analysis errors propagate with their file and row. */
export function studyFigures(dir: string): StudyFigure[] {
  const cohort = loadCohort(dir);
  const mrna = loadVegfMrna(dir);
  const secretion = loadVegfSecretion(dir);
  const { growth, endpoint } = loadXenograft(dir);
  const tc = secretionTimeCourse(secretion.fields);
  const m = mrnaInduction(mrna.fields);
  const endpoints = endpointComparison(endpoint.fields, { missing: "drop" });
  const figures: StudyFigure[] = [
    {
      name: "fig1-overall-survival",
      caption: "Overall survival by arm (Kaplan-Meier, 95% bands, number at risk)",
      notebook: "02-overall-survival",
      figure: overallSurvivalFigure(survivalByArm(cohort)),
      column: "double",
      height: 520,
    },
    ...failurePatternFigures(cohort, dataProvenance(dir).simulated),
    {
      name: "fig3-vegf-mrna-dose",
      caption: "VEGF mRNA fold change by dose and cell line",
      notebook: "04-vegf-in-vitro",
      figure: mrnaDoseFigure(m),
      column: "single",
      height: 360,
    },
    {
      name: "fig4-vegf-secretion-dose-response",
      caption: "VEGF in the medium (concentration) by dose, fold over sham per experiment, with the four-parameter log-logistic curve per cell line",
      notebook: "04-vegf-in-vitro",
      figure: doseResponseFigure(secretionDoseResponse(secretion.fields)),
      column: "single",
      height: 360,
    },
    {
      name: "fig5-vegf-secretion-time",
      caption: "Secreted VEGF over time after irradiation, fold over sham",
      notebook: "04-vegf-in-vitro",
      figure: secretionTimeFigure(tc),
      column: "single",
      height: 360,
    },
  ];
  figures.push(...biasFigures(cohort));
  if (m.p53 !== null) {
    figures.push({
      name: "fig8-p53-equivalence",
      caption: `VEGF mRNA induction, p53 wild-type / deficient ratio with its ${Math.round(100 * m.p53.equivalence.ciLevel)}% (equivalence) and ${Math.round(100 * m.confLevel)}% intervals and the equivalence margin`,
      notebook: "04-vegf-in-vitro",
      figure: p53EquivalenceFigure(m),
      column: "single",
      height: 240,
    });
  }
  const sites = Array.from(new Set(growth.fields.site)).sort();
  sites.forEach((site, k) => {
    figures.push({
      name: `fig6${String.fromCharCode(97 + k)}-tumor-growth-${site.replace(/_/g, "-")}`,
      caption: `Xenograft growth, ${site.replace(/_/g, "-")} tumor (mean ± SEM, individual mice faint)`,
      notebook: "05-in-vivo-angiogenesis",
      figure: growthCurveFigure(growth.fields, site),
      column: "single",
      height: 360,
    });
  });
  const mm = growthMixedModel(growth.fields);
  if (mm.outOfField.error === null) {
    figures.push({
      name: "fig9-tumor-growth-mixed-model",
      caption: "Out-of-field tumor volumes per mouse with the mixed model's fitted mean trajectory per group (quadratic in day)",
      notebook: "05-in-vivo-angiogenesis",
      figure: growthModelFigure(mm),
      column: "single",
      height: 360,
    });
  }
  figures.push({
    name: "fig7-serum-vegf-vs-mvd",
    caption: "Serum VEGF and microvessel density per mouse, with least-squares line",
    notebook: "05-in-vivo-angiogenesis",
    figure: vegfMvdFigure(endpoint.fields, endpoints),
    column: "single",
    height: 360,
  });
  return figures;
}
