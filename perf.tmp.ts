import { simulateMultiState, simulateFineGray } from "./src/cli/bench-competing-risks";
import { aalenJohansen, fineGray } from "./src/survival/index";
import * as fs from "fs";
simulateMultiState(100000, "/tmp/ms1e5.csv");
const rows = fs.readFileSync("/tmp/ms1e5.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
const id = Float64Array.from(rows, (r) => Number(r[0])), start = Float64Array.from(rows, (r) => Number(r[1])), stop = Float64Array.from(rows, (r) => Number(r[2]));
const state = rows.map((r) => r[3]), group = rows.map((r) => r[4]);
for (let k = 0; k < 4; k++) { const u0 = process.cpuUsage(); const t0 = performance.now(); aalenJohansen(stop, state, group, { start, id, censor: "censor", states: ["local", "oof", "death"] }); const u = process.cpuUsage(u0); console.log("AJ wall", (performance.now() - t0).toFixed(0), "cpu", ((u.user + u.system) / 1000).toFixed(0)); }
simulateFineGray(100000, "/tmp/fg1e5.csv");
const r2 = fs.readFileSync("/tmp/fg1e5.csv", "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
const col = (j: number) => Float64Array.from(r2, (r) => r[j]);
for (let k = 0; k < 4; k++) { const u0 = process.cpuUsage(); const t0 = performance.now(); fineGray(col(0), col(1), { group: col(2), age: col(3), z: col(4) }); const u = process.cpuUsage(u0); console.log("FG wall", (performance.now() - t0).toFixed(0), "cpu", ((u.user + u.system) / 1000).toFixed(0)); }
