/**
 * The error a model fit throws when the data are valid but the model cannot be fitted:
 * a nonlinear fit that does not converge, a singular gradient (parameters not identifiable
 * from these data), or a mixed model whose optimizer fails. It says what failed and why,
 * so a notebook can report it instead of showing NaN. Bad input is an InputError instead.
 *
 * @example
 * try { fitDoseResponse(dose, vegf); } catch (e) { if (e instanceof FitError) console.log(e.reason, e.message); }
 */
export class FitError extends Error {
  /** What failed: "singular-gradient", "no-convergence" or "optimizer". */
  readonly reason: "singular-gradient" | "no-convergence" | "optimizer";
  /** The model being fitted, e.g. "ll4" or "lmer". */
  readonly model: string;
  /** Parameter values when the fit stopped (empty when unknown). */
  readonly parameters: Record<string, number>;

  constructor(model: string, reason: FitError["reason"], message: string, parameters: Record<string, number> = {}) {
    super(`${model}: ${message}`);
    this.name = "FitError";
    this.model = model;
    this.reason = reason;
    this.parameters = parameters;
  }
}
