export { STUDY_CLAIMS, studyClaim } from "./study-claims";
export type { StudyClaim } from "./study-claims";
