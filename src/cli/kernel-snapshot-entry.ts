/**
 * The builder script of the kernel's start-up snapshot (src/cli/kernel-snapshot.ts), bundled by
 * src/cli/setup.sh into .jupyter/kernel/kernel-snapshot-entry.js and run as
 * `node --snapshot-blob BLOB --build-snapshot kernel-snapshot-entry.js MANIFEST`.
 *
 * A process started with `node --snapshot-blob BLOB SCRIPT ARGS…` runs SCRIPT as its main module,
 * as `node SCRIPT ARGS…` would (Node 20 runs a snapshot's main function instead of the script it is
 * given; a plain script run after the snapshot would lose Error.stackTraceLimit, which Node restores
 * only for the main function).
 */
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import { KernelSnapshotManifest, prepareKernelSnapshot } from "./kernel-snapshot";

// Node deletes Error.stackTraceLimit while a snapshot is built and restores V8's default after
// deserialisation, unless the builder script set it; then it re-installs the builder's value.
// TypeScript's file-exists check saves and restores it (fileSystemEntryExists), which sets it to the
// undefined it read: kernels started from the snapshot had no stack traces ("[TypeError: bad type]"
// for a failing cell). So the property goes again when it was not there to begin with.
const hadStackTraceLimit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit") !== undefined;
const manifestFile = process.argv[2];
if (manifestFile === undefined) throw new Error("kernel-snapshot-entry: give the manifest file");
const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as KernelSnapshotManifest;
const { files } = prepareKernelSnapshot(manifest, require);
if (!hadStackTraceLimit) delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
process.stdout.write(`kernel snapshot: TypeScript ${manifest.tsPath} and ${files} parsed and bound files\n`);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const script = process.argv[1];
  if (script === undefined) {
    process.stderr.write("node --snapshot-blob: this snapshot runs a script: give its path\n");
    process.exit(2);
  }
  const main = path.resolve(script);
  process.argv[1] = main;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  (require("module") as { runMain(main?: string): void }).runMain(main);
});
