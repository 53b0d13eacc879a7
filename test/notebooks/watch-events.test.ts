/**
 * Files that change on disk while a kernel runs reach tslab's converter through TypeScript's file
 * and directory watchers: a file saved into a folder a cell imports from, a package reinstalled
 * under node_modules/ (its package.json), a folder replaced whole (a build, a copy). tslab's watch
 * host kept one pending timer and threw "Unexpected pending rebuildTimer" when TypeScript asked for
 * a second, which it does after such an event (the invalidation of failed module lookups, beside
 * the program update each cell asks for): every later cell of the kernel failed with that error,
 * or the kernel itself threw from the watcher. src/cli/tslab-patches.ts, pendingTimerQueue.
 *
 * One kernel in a scratch folder: a cell imports a local module and a package of the folder's own
 * node_modules/, then the files are changed between cells, as a user or npm would.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runKernelClient } from "../helpers/kernel-client";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "watch-events-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(workDir, file)), { recursive: true });
  fs.writeFileSync(path.join(workDir, file), text);
}

// Python, run by the client between cells: each change, then a wait longer than TypeScript's
// one-second debounce of directory events, so the watchers have reported it before the next cell.
const CLIENT = `
    import os, shutil, pathlib
    root = pathlib.Path(sys.argv[1])
    def run(code):
        msg_id = kc.execute(code, stop_on_error=False)
        result = {"status": None, "text": None, "error": None}
        try:
            while True:
                m = kc.get_iopub_msg(timeout=120)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    break
                if m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
                    result["text"] = (result["text"] or "") + m["content"]["text"]
                if m["msg_type"] == "error":
                    result["error"] = m["content"]["evalue"]
                if m["msg_type"] == "stream" and m["content"]["name"] == "stderr":
                    result["error"] = (result["error"] or "") + m["content"]["text"]
            result["status"] = reply(msg_id)["status"]
        except Exception as e:
            result["status"] = "no answer: " + repr(e)
        return result
    def settle():
        time.sleep(2.5)
    out = {}
    out["import"] = run('import { answer } from "./lib/mod";\\nimport { version } from "localpkg";\\nanswer + version')
    (root / "lib" / "notes.json").write_text("{}")
    settle()
    out["after a file saved beside the module"] = run("answer + 1")
    (root / "lib" / "notes.json").unlink()
    settle()
    out["after that file deleted"] = run("answer + 2")
    pkg = root / "node_modules" / "localpkg" / "package.json"
    pkg.write_text(pkg.read_text())
    settle()
    out["after the package's package.json rewritten"] = run("version + 1")
    (root / "lib" / "mod.d.ts").write_text("export declare const answer: number;\\nexport declare const extra: number;\\n")
    settle()
    out["a declaration added to the module is seen"] = run('const extra: typeof import("./lib/mod").extra = 7;\\nextra')
    shutil.copytree(root / "lib", root / "lib.new")
    shutil.rmtree(root / "lib")
    os.rename(root / "lib.new", root / "lib")
    settle()
    out["after the module's folder replaced whole"] = run("answer + 3")
    print(json.dumps(out))
`;

test("cells compile and run after files change between them in folders the kernel's compiler watches", { timeout: 600_000 }, () => {
  write("lib/mod.js", "exports.answer = 42;\n");
  write("lib/mod.d.ts", "export declare const answer: number;\n");
  write("node_modules/localpkg/package.json", JSON.stringify({ name: "localpkg", version: "1.0.0", main: "index.js", types: "index.d.ts" }, null, 1) + "\n");
  write("node_modules/localpkg/index.js", "exports.version = 100;\n");
  write("node_modules/localpkg/index.d.ts", "export declare const version: number;\n");
  // TSLAB_CELL_CACHE=off: every cell is compiled by tslab's converter (the cache would not store these
  // cells anyway: they read files outside node_modules/ and the compiled src/)
  const r = runKernelClient(CLIENT, { cwd: workDir, env: { TSLAB_CELL_CACHE: "off" } }) as Record<string, { status: string; text: string | null; error: string | null }>;
  // tslab prints a cell's last value to stdout
  const ok = (value: string) => ({ status: "ok", text: `${value}\n`, error: null });
  assert.deepStrictEqual(r["import"], ok("142"));
  assert.deepStrictEqual(r["after a file saved beside the module"], ok("43"));
  assert.deepStrictEqual(r["after that file deleted"], ok("44"));
  assert.deepStrictEqual(r["after the package's package.json rewritten"], ok("101"));
  // the events still do what they are for: the next cell's program reads the changed declarations
  assert.deepStrictEqual(r["a declaration added to the module is seen"], ok("7"));
  assert.deepStrictEqual(r["after the module's folder replaced whole"], ok("45"));
});
