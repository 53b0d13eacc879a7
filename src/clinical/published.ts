/**
 * A row setting a reproduced value beside the study's published one, for the
 * small "published vs this cohort" tables of the notebooks: the claim's id,
 * statement and published value come from src/claims (never typed in a
 * notebook), the reproduced value is the text the notebook computed.
 *
 * @example
 * showTable([besidePublished("C6", `${fmt(os.arms[0].median)} months`)]);
 * // [{ claim: "C6", statement: "Median overall survival, TACE", published: "19 months", "this cohort": "18.4 months" }]
 */
import { studyClaim } from "../claims/study-claims";

export interface PublishedComparison {
  claim: string;
  statement: string;
  published: string;
  "this cohort": string;
}

export function besidePublished(id: string, reproduced: string): PublishedComparison {
  const c = studyClaim(id);
  return { claim: c.id, statement: c.statement, published: c.published, "this cohort": reproduced };
}
