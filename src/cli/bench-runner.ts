/**
 * Shared by the benchmark scripts (bench.ts, bench-competing-risks.ts): running
 * one R benchmark script in a child process and reading its RESULT line, and
 * comparing the two sides' results.
 */
import { spawnSync } from "child_process";

export interface Measurement {
  ms: number;
  rssMB: number | null;
  /** Numbers both sides report, to check they agree. */
  check: number[];
  /** Best CPU time (user + system) of the repeats, ms, when the side reports it. */
  cpuMs?: number | null;
}

/**
 * Runs `Rscript script args...` (under /usr/bin/time -v when `timeV`) and reads the line
 * "RESULT <best ms> <gc max used Mb> <check;check;...>" it prints; peak memory from time -v,
 * else gc()'s "max used" (a lower bound; the Python scripts print their own maxrss there).
 */
export function runRScript(script: string, args: string[], timeV: boolean, label: string): Measurement {
  return runResultCommand(["Rscript", script, ...args], timeV, `R ${label}`);
}

/** The same for a Python benchmark script run with Debian's /usr/bin/python3 (where statsmodels lives). */
export function runPythonScript(script: string, args: string[], timeV: boolean, label: string): Measurement {
  return runResultCommand(["/usr/bin/python3", script, ...args], timeV, `statsmodels ${label}`);
}

function runResultCommand(all: string[], timeV: boolean, label: string): Measurement {
  const res = timeV ? spawnSync("/usr/bin/time", ["-v", ...all], { encoding: "utf8" }) : spawnSync(all[0], all.slice(1), { encoding: "utf8" });
  const m = /RESULT (\S+) (\S+) ?(\S*)/.exec(res.stdout ?? "");
  if (res.status !== 0 || !m) throw new Error(`${label} failed:\n${res.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr ?? "");
  const cpu = /CPU=(\S+)/.exec(res.stdout ?? "");
  return {
    ms: Number(m[1]),
    rssMB: rss ? Number(rss[1]) / 1024 : Number(m[2]),
    check: m[3] && !m[3].startsWith("CPU=") ? m[3].split(";").map(Number) : [],
    cpuMs: cpu ? Number(cpu[1]) : null,
  };
}

/** "yes" when every number agrees to 1e-6 (relative above 1), "NO" otherwise, "" when there is nothing to compare. */
export function agree(a: number[], b: number[]): string {
  if (a.length === 0 || b.length === 0) return "";
  if (a.length !== b.length) return "no";
  return a.every((v, i) => Math.abs(v - b[i]) <= 1e-6 * Math.max(1, Math.abs(b[i]))) ? "yes" : "NO";
}

/**
 * Runs `script` again in a fresh node process (same loader flags) with `args`, and reads the
 * JSON line { ms, rssMB, check } it prints last.
 */
export function runNodeChild(script: string, args: string[], label: string): Measurement {
  const res = spawnSync(process.execPath, [...process.execArgv, script, ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = res.stdout.trim().split("\n").pop() ?? "";
  if (res.status !== 0 || !line.startsWith("{")) throw new Error(`project ${label} failed:\n${res.stderr}`);
  return JSON.parse(line) as Measurement;
}

/**
 * An R benchmark script: reads the CSV given as its first argument into `d`, runs `run`
 * (an R expression of `what`, the second argument, e.g. a switch() of functions) as many
 * times as the third argument says, and prints the RESULT line runRScript reads, with the
 * numbers of the R expression `check` (of `fit`, the last result) and the best CPU time
 * (user + system of the R process, proc.time()) as CPU=<ms>.
 */
export function rTimingScript(libraries: string, run: string, check: string): string {
  return `
suppressPackageStartupMessages({ ${libraries} })
args <- commandArgs(TRUE)
d <- read.csv(args[1])
what <- args[2]
reps <- as.integer(args[3])
run <- ${run}
gc(reset = TRUE)
best <- Inf
bestCpu <- Inf
for (i in seq_len(reps)) {
  t0 <- proc.time()
  fit <- run()
  t1 <- proc.time()
  best <- min(best, t1[["elapsed"]] - t0[["elapsed"]])
  bestCpu <- min(bestCpu, t1[["user.self"]] + t1[["sys.self"]] - t0[["user.self"]] - t0[["sys.self"]])
}
check <- ${check}
g <- gc()
cat("RESULT", best * 1000, sum(g[, ncol(g) - 1]), paste(sprintf("%.15g", check), collapse = ";"), paste0("CPU=", bestCpu * 1000), "\\n")
`;
}
