/**
 * The official MCP Inspector CLI as an independent client, installed from npm into a cache directory under
 * $TMPDIR keyed by version (so repeated runs are fast), and run with HOME and its catalog in a temp dir.
 *
 * @module
 */

/** The pinned Inspector version. */
export const INSPECTOR_VERSION = "2.12.0";

function tmpRoot(): string {
  return Deno.env.get("TMPDIR") || "/tmp";
}

/** Directory the Inspector is installed in (cached across runs). */
export const INSPECTOR_DIR =
  `${tmpRoot()}/iam-policy-autopilot-test-cache/mcp-inspector-${INSPECTOR_VERSION}`;

let installing: Promise<string> | undefined;

/** Installs the Inspector once (npm) and returns the path of its `mcp-inspector` bin. */
export function ensureInspector(): Promise<string> {
  installing ??= install();
  return installing;
}

async function install(): Promise<string> {
  const bin = `${INSPECTOR_DIR}/node_modules/.bin/mcp-inspector`;
  try {
    await Deno.stat(bin);
    return bin;
  } catch { /* not installed yet */ }
  await Deno.mkdir(INSPECTOR_DIR, { recursive: true });
  await Deno.writeTextFile(`${INSPECTOR_DIR}/package.json`, JSON.stringify({ private: true }));
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("npm", {
      args: [
        "i",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `@modelcontextprotocol/inspector@${INSPECTOR_VERSION}`,
      ],
      cwd: INSPECTOR_DIR,
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    throw new Error(
      `Cannot run npm to install the MCP Inspector CLI ${INSPECTOR_VERSION} (${(error as Error).message}). ` +
        "Install Node.js/npm, or pre-install the Inspector into " + INSPECTOR_DIR,
    );
  }
  if (!out.success) {
    throw new Error(
      `npm could not install @modelcontextprotocol/inspector@${INSPECTOR_VERSION} into ${INSPECTOR_DIR} ` +
        `(is the npm registry reachable?):\n${new TextDecoder().decode(out.stderr).slice(-2000)}`,
    );
  }
  return bin;
}

/** Output of one Inspector CLI run. */
export interface InspectorRun {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Runs `mcp-inspector --cli <target...> <args...>` with a throwaway HOME and catalog. */
export async function runInspector(target: string[], args: string[]): Promise<InspectorRun> {
  const bin = await ensureInspector();
  const home = await Deno.makeTempDir({ prefix: "mcp-inspector-home-" });
  try {
    const env: Record<string, string> = {
      HOME: home,
      MCP_CATALOG_PATH: `${home}/catalog.json`,
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      NO_COLOR: "1",
    };
    const out = await new Deno.Command(bin, {
      args: ["--cli", ...target, ...args],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    let json: unknown = undefined;
    try {
      json = JSON.parse(stdout);
    } catch { /* not JSON */ }
    return { code: out.code, stdout, stderr: new TextDecoder().decode(out.stderr), json };
  } finally {
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
}
