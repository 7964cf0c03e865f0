/**
 * Writes `db/knowledge.json`, the form in which the published package (JSR) ships the knowledge database:
 * a JSON module holding `db/knowledge.sqlite.gz` as base64, plus its version and sha256. JSON modules are
 * part of the module graph (bytes imports are not publishable), so `deno install` and the first `deno run`
 * of `jsr:@awslabs/iam-policy-autopilot` cache the database and the tool then works offline.
 *
 * Only `db/knowledge.sqlite.gz` and `db/manifest.json` are kept in git; `db/knowledge.json` is derived from
 * them (git-ignored, but published: see `publish.exclude` in deno.json). `deno task db:build` writes it too.
 *
 *   deno task db:module [DIR]     (default DIR: db)
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** The generated module's file name inside the database directory. */
export const MODULE_FILE = "knowledge.json";
/** The gzip database's file name inside the database directory. */
export const GZIP_FILE = "knowledge.sqlite.gz";
/** The manifest's file name inside the database directory. */
export const MANIFEST_FILE = "manifest.json";
/** Value of the module's `format` field. */
export const MODULE_FORMAT = "iam-policy-autopilot-knowledge-module/1";

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The module's text for the gzip bytes; the small fields come first so a reader can check them cheaply. */
export function knowledgeModuleText(gzip: Uint8Array, version: string, sha256: string): string {
  return JSON.stringify({
    format: MODULE_FORMAT,
    version,
    sha256,
    bytes: gzip.length,
    gzipBase64: Buffer.from(gzip.buffer, gzip.byteOffset, gzip.length).toString("base64"),
  }) + "\n";
}

/** Writes `path` via a temporary file and a rename, so readers never see a partial file. */
export async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
}

/** The `sha256` recorded in an existing module (read from its first bytes), or `undefined`. */
async function moduleSha256(path: string): Promise<string | undefined> {
  let file: Deno.FsFile | undefined;
  try {
    file = await Deno.open(path);
    const head = new Uint8Array(512);
    const n = await file.read(head) ?? 0;
    return /"sha256":"([0-9a-f]{64})"/.exec(new TextDecoder().decode(head.subarray(0, n)))?.[1];
  } catch {
    return undefined;
  } finally {
    file?.close();
  }
}

/**
 * Makes `DIR/knowledge.json` match `DIR/knowledge.sqlite.gz` and `DIR/manifest.json` (rewritten only when
 * its recorded sha256 differs). The gzip file must match the manifest's `database.sha256`.
 *
 * @returns Whether the module was (re)written.
 */
export async function writeKnowledgeModule(dir: string): Promise<{ written: boolean; path: string }> {
  const path = `${dir}/${MODULE_FILE}`;
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/${MANIFEST_FILE}`));
  const gzip = await Deno.readFile(`${dir}/${GZIP_FILE}`);
  const sha256 = await sha256Hex(gzip);
  if (sha256 !== manifest.database?.sha256) {
    throw new Error(
      `${dir}/${GZIP_FILE} has sha256 ${sha256}, but ${dir}/${MANIFEST_FILE} says ${manifest.database?.sha256}`,
    );
  }
  if (await moduleSha256(path) === sha256) return { written: false, path };
  await atomicWrite(path, knowledgeModuleText(gzip, manifest.version, sha256));
  return { written: true, path };
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? new URL("../db", import.meta.url).pathname;
  try {
    const { written, path } = await writeKnowledgeModule(dir);
    console.error(written ? `Wrote ${path}` : `Up to date: ${path}`);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
