/**
 * The expected cumulative incidence of out-of-field progression under a trial design's
 * assumptions, from randomisation at the start of RT to the end of the study (accrual +
 * follow-up): the control arm's curve from its constant cause-specific hazards, and the
 * experimental arm's for each assumed subdistribution hazard ratio, 1 − (1 − F0(t))^s
 * (exponentialCumulativeIncidence); behind them, when the cohort could give it, the control
 * data's own Aalen-Johansen estimate (cmprsk::cuminc), so the fit of the assumed model shows.
 *
 * @example
 * show(trialIncidenceFigure(inputs, { subdistributionHRs: [0.5, 0.7], months: 60, controlLabel: "TACE+RT" }));
 */
import { InputError } from "../core/index";
import { cumulativeIncidence } from "../survival/index";
import { cumulativeIncidenceSteps } from "../plots/cumulative-incidence";
import { designIncidenceFigure } from "../plots/design-incidence";
import type { PlotlyFigure } from "../plots/figure";
import type { BaseFigureOptions } from "../plots/theme";
import { exponentialCumulativeIncidence } from "./exponential-cumulative-incidence";
import type { TrialDesignInputs } from "./trial-design-inputs";

export interface TrialIncidenceOptions extends BaseFigureOptions {
  subdistributionHRs: number[];
  /** Last month drawn (e.g. accrual + follow-up). */
  months: number;
  /** Name of the control arm (default inputs.controlArm). */
  controlLabel?: string;
  /** Name of the experimental arm (default "TACE+RT+anti-VEGF"). */
  experimentalLabel?: string;
}

export function trialIncidenceFigure(inputs: TrialDesignInputs, options: TrialIncidenceOptions): PlotlyFigure {
  const months = options.months;
  if (typeof months !== "number" || !(months > 0) || months === Infinity) throw new InputError("months", null, months, "must be a positive number of months");
  const control = options.controlLabel ?? inputs.controlArm;
  const experimental = options.experimentalLabel ?? "TACE+RT+anti-VEGF";
  const t = Array.from({ length: 121 }, (_, k) => (k * months) / 120);
  const { causeHazard, competingHazard } = inputs.values;
  const curves = [{ name: `${control} (control), assumed`, x: t, y: t.map((u) => exponentialCumulativeIncidence(u, causeHazard, competingHazard)) }].concat(
    options.subdistributionHRs.map((s) => ({ name: `${experimental}, sHR ${s}`, x: t, y: t.map((u) => exponentialCumulativeIncidence(u, causeHazard, competingHazard, s)) })),
  );
  let observed;
  if (inputs.outOfField !== null) {
    const ci = cumulativeIncidence(inputs.outOfField.time, inputs.outOfField.cause);
    const curve = ci.curves.find((c) => c.cause === 1);
    if (curve) {
      const s = cumulativeIncidenceSteps(curve);
      const keep = s.x.map((x, i) => (x <= months ? i : -1)).filter((i) => i >= 0);
      observed = { name: `${control}, observed (Aalen-Johansen)`, x: keep.map((i) => s.x[i]), y: keep.map((i) => s.y[i]) };
    }
  }
  const { subdistributionHRs: _s, months: _m, controlLabel: _c, experimentalLabel: _e, ...figureOptions } = options;
  return designIncidenceFigure(curves, { observed, yTitle: "Out-of-field progression", ...figureOptions });
}
