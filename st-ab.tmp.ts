import * as fs from "fs";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const oldS = require("/tmp/st-base/src/survival/index");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const newS = require("./src/survival/index");
const text = fs.readFileSync("/tmp/st-cohort-1e6.csv", "utf8").split("\n");
const n = text.length - 2;
const time = new Float64Array(n), status = new Uint8Array(n), group = new Float64Array(n);
for (let i = 0; i < n; i++) { const f = text[i + 1].split(","); time[i] = +f[0]; status[i] = +f[1]; group[i] = +f[2]; }
const analysis = process.argv[2] ?? "km";
const best: Record<string, { wall: number; cpu: number }> = { old: { wall: Infinity, cpu: Infinity }, new: { wall: Infinity, cpu: Infinity } };
for (let r = 0; r < 12; r++) {
  for (const [name, S] of (r % 2 ? [["old", oldS], ["new", newS]] : [["new", newS], ["old", oldS]]) as Array<[string, any]>) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    if (analysis === "km") S.kaplanMeierByGroup(time, status, group);
    else if (analysis === "km1") S.kaplanMeier(time, status);
    else S.logRank(time, status, group);
    const wall = performance.now() - t0; const cu = process.cpuUsage(c0); const cpu = (cu.user + cu.system) / 1000;
    best[name].wall = Math.min(best[name].wall, wall); best[name].cpu = Math.min(best[name].cpu, cpu);
  }
}
console.log(analysis, JSON.stringify(best));
