/**
 * The published claims of the study (its claims table, C1-C18), as data: what each says, the
 * published value, and where in the notebooks it is shown. How each is computed and its
 * pass rule live in evaluate-claims.ts; the notebooks quote `published` from here so that
 * no published number is typed into prose.
 */
export interface StudyClaim {
  id: string;
  /** What the study claims, in our words. */
  statement: string;
  /** The published value as the study gives it. */
  published: string;
  /** The published number, where there is one (months, patients, P). */
  publishedNumber: number | null;
  /** Notebook (file name without .ipynb) and section anchor that show it. */
  notebook: string;
  anchor: string;
}

export const STUDY_CLAIMS: readonly StudyClaim[] = [
  { id: "C1", statement: "TACE arm size", published: "276 patients", publishedNumber: 276, notebook: "01-clinical-cohort", anchor: "Arms-and-enrollment" },
  { id: "C2", statement: "TACE+RT arm size", published: "64 patients", publishedNumber: 64, notebook: "01-clinical-cohort", anchor: "Arms-and-enrollment" },
  { id: "C3", statement: "Enrollment window", published: "1996-08 to 2003-08", publishedNumber: null, notebook: "01-clinical-cohort", anchor: "Arms-and-enrollment" },
  { id: "C4", statement: "Median follow-up, TACE (reverse Kaplan-Meier)", published: "39 months", publishedNumber: 39, notebook: "02-overall-survival", anchor: "Follow-up" },
  { id: "C5", statement: "Median follow-up, TACE+RT (reverse Kaplan-Meier)", published: "51 months", publishedNumber: 51, notebook: "02-overall-survival", anchor: "Follow-up" },
  { id: "C6", statement: "Median overall survival, TACE", published: "19 months", publishedNumber: 19, notebook: "02-overall-survival", anchor: "Median-overall-survival" },
  { id: "C7", statement: "Median overall survival, TACE+RT", published: "17 months", publishedNumber: 17, notebook: "02-overall-survival", anchor: "Median-overall-survival" },
  { id: "C8", statement: "Overall survival does not differ (log-rank test)", published: "P = 0.65", publishedNumber: 0.65, notebook: "02-overall-survival", anchor: "Log-rank-test" },
  { id: "C9", statement: "Every irradiated tumor regressed (in-field response CR or PR)", published: "all irradiated tumors regressed", publishedNumber: null, notebook: "03-failure-patterns", anchor: "In-field-response" },
  { id: "C10", statement: "Out-of-field intrahepatic progression more frequent / earlier after TACE+RT", published: "significant share", publishedNumber: null, notebook: "03-failure-patterns", anchor: "Cumulative-incidence-of-failure" },
  { id: "C11", statement: "Extrahepatic progression more frequent / earlier after TACE+RT", published: "significant share", publishedNumber: null, notebook: "03-failure-patterns", anchor: "Cumulative-incidence-of-failure" },
  { id: "C12", statement: "VEGF mRNA rises after irradiation in p53 wild-type and p53-deficient lines alike", published: "p53-independent", publishedNumber: null, notebook: "04-vegf-in-vitro", anchor: "VEGF-mRNA-and-p53" },
  { id: "C13", statement: "Secreted VEGF rises with radiation dose", published: "dose-dependent", publishedNumber: null, notebook: "04-vegf-in-vitro", anchor: "Dose-response" },
  { id: "C14", statement: "Secreted VEGF rises with time after irradiation", published: "time-dependent", publishedNumber: null, notebook: "04-vegf-in-vitro", anchor: "Time-course" },
  { id: "C15", statement: "The rise differs between cell lines", published: "cell type-dependent", publishedNumber: null, notebook: "04-vegf-in-vitro", anchor: "Dose-by-cell-line" },
  { id: "C16", statement: "Irradiated xenografts grow faster (out-of-field tumors)", published: "promoted growth", publishedNumber: null, notebook: "05-in-vivo-angiogenesis", anchor: "Tumor-growth" },
  { id: "C17", statement: "Irradiated xenografts have higher microvessel density", published: "enhanced angiogenesis", publishedNumber: null, notebook: "05-in-vivo-angiogenesis", anchor: "Microvessel-density" },
  { id: "C18", statement: "Serum VEGF is higher and correlates with microvessel density", published: "correlated", publishedNumber: null, notebook: "05-in-vivo-angiogenesis", anchor: "Serum-VEGF-and-microvessel-density" },
];

/** One claim by id (throws for an unknown id, so a typo in a notebook fails loudly). */
export function studyClaim(id: string): StudyClaim {
  const claim = STUDY_CLAIMS.find((c) => c.id === id);
  if (!claim) throw new Error(`unknown claim ${JSON.stringify(id)}: known ids are C1 to C${STUDY_CLAIMS.length}`);
  return claim;
}
