import { simulateMultiState } from "./src/cli/bench-competing-risks";
import { aalenJohansen } from "./src/survival/index";
import * as fs from "fs";
simulateMultiState(100000, "/tmp/ms1e5.csv");
const rows = fs.readFileSync("/tmp/ms1e5.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
const id = Float64Array.from(rows, (r) => Number(r[0])), start = Float64Array.from(rows, (r) => Number(r[1])), stop = Float64Array.from(rows, (r) => Number(r[2]));
const state = rows.map((r) => r[3]), group = rows.map((r) => r[4]);
console.log("rows", rows.length);
for (let k = 0; k < 2; k++) { const t0 = performance.now(); const f = aalenJohansen(stop, state, group, { start, id, censor: "censor", states: ["local", "oof", "death"] }); console.log((performance.now() - t0).toFixed(0), f.curves[0].time.length); }
