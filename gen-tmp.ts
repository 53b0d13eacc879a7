import { generateLaboratoryData } from "./src/synth/laboratory/index";
for (const s of process.argv.slice(2)) generateLaboratoryData(`/tmp/lab/${s}`, s);
