/**
 * The project's public API: everything a notebook or a user's script needs.
 * Notebooks import from "./src/index" (through the notebooks/src link); each
 * folder's own index.ts lists what it adds.
 */
export * from "./core/index";
export * from "./distributions/index";
export * from "./survival/index";
export * from "./stats/index";
export * from "./design/index";
export * from "./data/index";
export * from "./display/index";
export * from "./environment/index";
export * from "./claims/index";
export * from "./clinical/index";
export * from "./plots/index";
export * from "./laboratory/index";
