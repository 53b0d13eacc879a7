/**
 * The laboratory analysis plan: every choice the claims C12–C18 depend on, fixed before
 * the data were drawn (data/README.md, "Pre-specified analysis"). The notebooks' parameters
 * cells hold the same values (a test checks that they agree), the claims ledger and the
 * rule checks use these defaults; a user can pass another plan for their own design.
 *
 * - mRNA (C12): the induction is read at the highest dose and at 6 h, the expected peak of an
 *   early transcriptional response (chosen from the biology, not from this data); every other
 *   harvest time is shown with Holm-adjusted P values.
 * - p53 independence (C12): equivalence of the p53 wild-type / deficient fold-change ratio within
 *   2/3 to 3/2 (two one-sided tests, alpha 0.05): a 1.5-fold difference in induction is about the
 *   spread among the p53-deficient lines themselves, so a smaller one would not make p53 status a
 *   determinant of the response.
 * - secretion (C13, C15): at 72 h, the last harvest, where secreted VEGF has built up longest;
 *   time course (C14) at the highest dose against the time-matched sham.
 * - serum VEGF and microvessel density (C18): the group-adjusted (partial) correlation, because a
 *   pooled correlation can come from the group difference alone.
 */
export interface LaboratoryAnalysisPlan {
  /** Significance level of every test (two-sided) and of each one-sided test of TOST. */
  alpha: number;
  /** Harvest time (h) of the mRNA induction (pre-specified; never chosen from the data). */
  mrnaHours: number;
  /** Dose of the mRNA induction (Gy); null: the highest dose every line has. */
  mrnaDose: number | null;
  /** Equivalence margin for the wild-type / deficient fold-change ratio. */
  p53Margin: { lower: number; upper: number };
  /** Harvest time (h) of the secretion dose-response and the line comparison. */
  secretionHours: number;
  /** Dose of the secretion time course (Gy); null: the highest dose every line has at 2+ times. */
  timeCourseDose: number | null;
}

export const LAB_ANALYSIS_PLAN: Readonly<LaboratoryAnalysisPlan> = Object.freeze({
  alpha: 0.05,
  mrnaHours: 6,
  mrnaDose: null,
  p53Margin: Object.freeze({ lower: 2 / 3, upper: 3 / 2 }),
  secretionHours: 72,
  timeCourseDose: null,
});
