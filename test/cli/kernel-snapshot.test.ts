/**
 * The kernel's start-up snapshot (src/cli/kernel-snapshot.ts): a kernel started from it compiles
 * cells to exactly what a kernel started without it gives (the JavaScript, the cell's source map,
 * the declarations later cells see, the diagnostics, the last expression), and the snapshot hands
 * out a stored SourceFile only when it is the one TypeScript would have made itself.
 * environment.md ("helper kernel-snapshot") has the check over every code cell of the nine study notebooks.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bindingOptionsKey, KERNEL_SNAPSHOT_FORMAT, prepareKernelSnapshot, sha256, typescriptWithSourceFileHook, useKernelSnapshot } from "../../src/cli/kernel-snapshot";
import { jupyterEnv, notebooksDir, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { START_KERNEL_PY } from "../helpers/kernel-client";
import { repoRoot } from "../helpers/reference";

const kernelBundle = path.join(repoRoot, ".jupyter", "kernel", "tslab-kernel.js");
const blob = path.join(repoRoot, ".jupyter", "kernel-snapshot", "kernel.blob");
const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [path.join(repoRoot, "node_modules", "tslab", "dist")] });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-snapshot-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Cells that reach into the lib and @types files the snapshot holds (types, errors naming them, globals). */
const EDGE_CELLS = [
  "const params = { horizons: [12, 24], confLevel: 0.95 };\nparams",
  'import * as path from "path";\nimport * as fs from "fs";\nimport { createHash } from "crypto";\nconst digest = createHash("sha256").update(path.join("a", "b")).digest("hex");\nfs.existsSync(".") ? digest.length : 0',
  "let a = 1, { b, c: [d] } = { b: 2, c: [3] };\nvar e;\nfunction f() { const inner = 1; return inner; }\nclass G { x = 1; static y = 2; #z = 3; get z() { return this.#z; } }\ninterface H { x: number }\ntype I = H | string;\nenum J { K }\ndeclare const L: number;\nnamespace M { export const n = 1; }",
  "interface H { y: string }\nfunction f(x: number): number;\nfunction f(x: any) { return x; }",
  "const broken: number = 'text';\nundefinedName;\n[1, 2].flatMapp((v) => v);\ndocument.title;",
  "const buffer = Buffer.from('abc');\nconst url = new URL('https://example.org/x?y=1');\nconst m = new Map<string, Set<number>>();\nconst s: ReadonlyArray<bigint> = [1n];\nbuffer.toString('base64') + url.searchParams.get('y') + m.size + s.length",
  "const t = setTimeout(() => undefined, 0);\nclearTimeout(t);\nconst r = await Promise.allSettled([fetch, structuredClone({ x: 1 })]);\nr.length",
  "export const exported = 1;\nexport function exportedFn(): Promise<Record<string, number>> { return Promise.resolve({}); }\nconst later = exported;",
  "class Sub extends Error { constructor(message: string) { super(message, { cause: 1 }); } }\nnew Sub('x').cause;\nObject.hasOwn({}, 'x');\n'abc'.at(-1);\nprocess.env.HOME?.replaceAll('a', 'b')",
  "",
];

function codeCells(notebook: string): string[] {
  const nb = JSON.parse(fs.readFileSync(path.join(repoRoot, "notebooks", notebook), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

interface CompileRun {
  snapshot: { stored: number; served: number } | null;
  stackTraceLimit: number | null;
  results: { output?: string; declOutput?: string; diagnostics: unknown[]; cellMap?: string }[][];
}

function compile(withSnapshot: boolean, notebooks: string[][]): CompileRun {
  const input = path.join(tmp, "cells.json");
  const output = path.join(tmp, `compiled-${withSnapshot}.json`);
  fs.writeFileSync(input, JSON.stringify(notebooks));
  const args = [...(withSnapshot ? ["--snapshot-blob", blob] : []), kernelBundle, "--compile-cells", input, output];
  const run = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 300_000 });
  assert.strictEqual(run.status, 0, run.stderr);
  return JSON.parse(fs.readFileSync(output, "utf8")) as CompileRun;
}

test("cells compile to the same JavaScript, declarations and diagnostics from the snapshot as without it", () => {
  assert.ok(fs.existsSync(blob), `set-up made no kernel snapshot (${blob}); run sh src/cli/setup.sh and read what it says`);
  // one converter per process, as a kernel: the edge cells, then a study notebook's cells (its own prevDecl chain)
  const notebooks = [EDGE_CELLS, codeCells("00-environment.ipynb")];
  const fromSnapshot = compile(true, notebooks);
  const plain = compile(false, notebooks);
  assert.strictEqual(plain.snapshot, null);
  // the process itself is as Node starts it (a snapshot built carelessly leaves Error.stackTraceLimit undefined: no stack traces)
  assert.strictEqual(typeof plain.stackTraceLimit, "number");
  assert.strictEqual(fromSnapshot.stackTraceLimit, plain.stackTraceLimit, "Error.stackTraceLimit");
  assert.ok(fromSnapshot.snapshot !== null, "the kernel started from the snapshot used it");
  assert.ok(fromSnapshot.snapshot.stored > 100, `the snapshot holds the lib and @types files (${fromSnapshot.snapshot.stored})`);
  assert.strictEqual(fromSnapshot.snapshot.served, fromSnapshot.snapshot.stored, "every stored file was handed to the converter's program");
  assert.strictEqual(fromSnapshot.results.length, notebooks.length);
  const diagnostics = plain.results[0].reduce((n, r) => n + r.diagnostics.length, 0);
  assert.ok(diagnostics >= 4, `the edge cells include compile errors (${diagnostics})`);
  assert.ok(plain.results.flat().filter((r) => r.output !== undefined).length > 10, "cells compiled to code");
  for (let n = 0; n < notebooks.length; n++) {
    for (let i = 0; i < notebooks[n].length; i++) {
      assert.deepStrictEqual(fromSnapshot.results[n][i], plain.results[n][i], `notebook ${n}, cell ${i}:\n${notebooks[n][i]}`);
    }
  }
});

test("typescriptWithSourceFileHook patches the installed typescript.js once, and nothing else", () => {
  const text = fs.readFileSync(tsPath, "utf8");
  const hooked = typescriptWithSourceFileHook(text);
  assert.ok(hooked !== null, "TypeScript 5.0's createGetSourceFile has the expected line");
  assert.strictEqual(hooked!.split("\n").length, text.split("\n").length);
  assert.strictEqual((hooked!.match(/__kernelSnapshotHook/g) ?? []).length, 1);
  assert.strictEqual(typescriptWithSourceFileHook(text + text), null, "not where the line is there twice");
});

test("bindingOptionsKey ignores only the paths that follow the working folder", () => {
  const options = { target: 9, lib: ["lib.es2022.d.ts"], rootDir: "/a", typeRoots: ["/a/node_modules/@types"], alwaysStrict: undefined };
  assert.strictEqual(bindingOptionsKey(options), bindingOptionsKey({ ...options, rootDir: "/b", typeRoots: [] }));
  assert.notStrictEqual(bindingOptionsKey(options), bindingOptionsKey({ ...options, alwaysStrict: true }));
  assert.notStrictEqual(bindingOptionsKey(options), bindingOptionsKey({ ...options, target: 7 }));
  assert.strictEqual(bindingOptionsKey({ b: 1, a: 2 }), bindingOptionsKey({ a: 2, b: 1 }));
});

test("a stored SourceFile is handed out once, and only for the same path, text, language version, module indicator and options", () => {
  const lib = path.join(path.dirname(tsPath), "lib.es2015.collection.d.ts");
  const mod = path.join(repoRoot, "node_modules", "undici-types", "index.d.ts");
  const options = { target: 9, module: 99, moduleResolution: 2, declaration: true, rootDir: "/x", typeRoots: ["/x/node_modules/@types"] };
  const manifest = {
    format: KERNEL_SNAPSHOT_FORMAT,
    node: process.version,
    tsPath,
    tsSha256: sha256(fs.readFileSync(tsPath, "utf8")),
    options,
    files: [lib, mod].map((fileName) => ({ fileName, languageVersion: 9 })),
  };
  assert.deepStrictEqual(prepareKernelSnapshot(manifest, require), { files: 2 });
  const logged: string[] = [];
  assert.strictEqual(require.cache[tsPath], undefined, "nothing in this process loaded TypeScript");
  const use = useKernelSnapshot(tsPath, (line) => logged.push(line));
  assert.ok(use !== null, logged.join("\n"));
  assert.deepStrictEqual(logged, []);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(tsPath) as { getSetExternalModuleIndicator(o: unknown): (f: unknown) => void; createSourceFile(f: string, t: string, lv: unknown): unknown };
  assert.ok(typeof ts.createSourceFile === "function", "require gives the snapshot's TypeScript");
  const hook = use!.sourceFileFor;
  const text = (f: string) => fs.readFileSync(f, "utf8");
  const asked = (o: Record<string, unknown>) => ({ languageVersion: 9, impliedNodeFormat: undefined, setExternalModuleIndicator: ts.getSetExternalModuleIndicator(o) });
  assert.strictEqual(hook(lib, text(lib) + " ", asked(options), undefined, options), undefined, "other text");
  assert.strictEqual(hook(lib, text(lib), { ...asked(options), languageVersion: 7 }, undefined, options), undefined, "other language version");
  assert.strictEqual(hook(lib, text(lib), { ...asked(options), impliedNodeFormat: 99 }, undefined, options), undefined, "other module format");
  assert.strictEqual(hook(lib, text(lib), asked(options), true, options), undefined, "parents set");
  assert.strictEqual(hook(lib, text(lib), asked(options), undefined, { ...options, alwaysStrict: true }), undefined, "bound with other options");
  assert.strictEqual(hook(lib + ".other.d.ts", text(lib), asked(options), undefined, options), undefined, "other path");
  const forcedModule = { ...asked(options), setExternalModuleIndicator: (file: { externalModuleIndicator?: unknown }) => void (file.externalModuleIndicator = true) };
  assert.strictEqual(hook(lib, text(lib), forcedModule, undefined, options), undefined, "another external-module indicator");
  const first = hook(lib, text(lib), asked(options), undefined, { ...options, rootDir: "/y", typeRoots: [] }) as { locals?: Map<string, unknown>; externalModuleIndicator?: unknown; fileName: string } | undefined;
  assert.ok(first !== undefined, "handed out when everything matches (rootDir and typeRoots aside)");
  assert.strictEqual(first.fileName, lib);
  assert.strictEqual(first.externalModuleIndicator, undefined, "a global lib file stays global (the refused indicator was put back)");
  assert.ok(first.locals !== undefined, "bound");
  assert.strictEqual(hook(lib, text(lib), asked(options), undefined, options), undefined, "only once");
  const second = hook(mod, text(mod), asked(options), undefined, options) as { externalModuleIndicator?: unknown } | undefined;
  assert.ok(second !== undefined && typeof second.externalModuleIndicator === "object", "a module file, its indicator as parsed");
  assert.strictEqual(use!.served(), 2);
});

test("a snapshot made for another Node or typescript.js is not used", () => {
  const manifest = { format: KERNEL_SNAPSHOT_FORMAT, node: process.version, tsPath, tsSha256: sha256(fs.readFileSync(tsPath, "utf8")), options: {}, files: [] };
  const logged: string[] = [];
  prepareKernelSnapshot(manifest, require);
  (globalThis as unknown as Record<string, { node: string }>).__projectKernelSnapshot.node = "v0.0.0";
  assert.strictEqual(useKernelSnapshot(tsPath, (line) => logged.push(line)), null);
  assert.match(logged.join("\n"), /not used \(built by Node v0\.0\.0/);
  prepareKernelSnapshot(manifest, require);
  (globalThis as unknown as Record<string, { tsSha256: string }>).__projectKernelSnapshot.tsSha256 = "0";
  assert.strictEqual(useKernelSnapshot(tsPath, (line) => logged.push(line)), null);
  assert.match(logged.join("\n"), /changed since the snapshot was built/);
  assert.strictEqual(useKernelSnapshot(tsPath, (line) => logged.push(line)), null, "no snapshot: nothing to do");
  assert.strictEqual(logged.length, 2);
});

/**
 * Starts the project's kernel as Jupyter does (its kernel spec, through the launcher) with
 * `nodeOptions` as NODE_OPTIONS (none when undefined), runs one cell, and returns what the cell
 * printed, the kernel process's command line and the kernel's log (its stderr).
 */
function kernelWithNodeOptions(nodeOptions: string | undefined): { text: string; command: string; log: string } {
  const client = [
    "import json, sys",
    START_KERNEL_PY,
    "km, kc = start_kernel(sys.argv[1])",
    "try:",
    '    msg_id = kc.execute("const n: number = 41;\\nn + 1")',
    "    text = ''",
    "    while True:",
    "        m = kc.get_iopub_msg(timeout=120)",
    '        if m["parent_header"].get("msg_id") != msg_id: continue',
    '        if m["msg_type"] == "stream": text += m["content"]["text"]',
    '        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle": break',
    '    command = open("/proc/%d/cmdline" % km.provisioner.pid).read().replace("\\0", " ")',
    '    print(json.dumps({"text": text, "command": command}))',
    "finally:",
    "    kc.stop_channels()",
    "    km.shutdown_kernel(now=True)",
  ].join("\n");
  const env = jupyterEnv();
  delete env.NODE_OPTIONS;
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  const run = spawnSync(SYSTEM_PYTHON, ["-c", client, notebooksDir], { env, encoding: "utf8", timeout: 300_000 });
  assert.strictEqual(run.status, 0, run.stderr);
  return { ...JSON.parse(run.stdout.trim().split("\n").pop() as string), log: run.stderr };
}

test("the kernel's launcher starts from the snapshot without NODE_OPTIONS, and with V8 options in NODE_OPTIONS starts without it and says so in the kernel's log", () => {
  assert.ok(fs.existsSync(blob), "set-up made the snapshot");
  const plain = kernelWithNodeOptions(undefined);
  assert.strictEqual(plain.text, "42\n");
  assert.match(plain.command, /--snapshot-blob /);
  assert.doesNotMatch(plain.log, /kernel snapshot: not used/);
  // Node exits 14 on a snapshot built under other V8 flags: the launcher must not hand it one.
  const options = kernelWithNodeOptions("--max-old-space-size=4096");
  assert.strictEqual(options.text, "42\n");
  assert.doesNotMatch(options.command, /--snapshot-blob/);
  assert.match(options.log, /kernel snapshot: not used, NODE_OPTIONS is set \(--max-old-space-size=4096\)/);
});
