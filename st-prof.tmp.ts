import * as fs from "fs";
import { kaplanMeierByGroup } from "./src/survival/index";
const text = fs.readFileSync("/tmp/st-cohort-1e6.csv", "utf8").split("\n");
const n = text.length - 2;
const time = new Float64Array(n), status = new Uint8Array(n), group = new Float64Array(n), age = new Float64Array(n);
for (let i = 0; i < n; i++) { const f = text[i + 1].split(","); time[i] = +f[0]; status[i] = +f[1]; group[i] = +f[2]; age[i] = +f[3]; }
const w = new Float64Array(n); for (let i = 0; i < n; i++) w[i] = 0.5 + (age[i] - 40) / 40;
for (let k = 0; k < 3; k++) { const c0 = process.cpuUsage(); kaplanMeierByGroup(time, status, group); const c1 = process.cpuUsage(); kaplanMeierByGroup(time, status, group, { weights: w }); const c2 = process.cpuUsage();
console.log("plain cpu", ((c1.user - c0.user) / 1000).toFixed(0), "weighted cpu", ((c2.user - c1.user) / 1000).toFixed(0)); }
