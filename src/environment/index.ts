export { environmentVersions, jupyterVersions } from "./versions";
export type { ComponentVersion } from "./versions";
