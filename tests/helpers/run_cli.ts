/**
 * Runs the real `iam-policy-autopilot` entry point in a child process, as a user would.
 *
 * @module
 */

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Absolute path of cli.ts. */
export const CLI_PATH: string = new URL("../../cli.ts", import.meta.url).pathname;

/** Runs `deno run -A cli.ts ...args` with optional stdin, env and working directory. */
export async function runCli(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", new URL("../../deno.json", import.meta.url).pathname, CLI_PATH, ...args],
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/**
 * Deno's own cache directory, for child processes whose `XDG_CACHE_HOME` a test redirects (Deno's cache
 * defaults to `$XDG_CACHE_HOME/deno`: without it pinned they would fetch their dependencies again).
 */
export async function currentDenoDir(): Promise<string> {
  const fromEnv = Deno.env.get("DENO_DIR");
  if (fromEnv) return fromEnv;
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  return JSON.parse(new TextDecoder().decode(info.stdout)).denoDir;
}

/**
 * Runs `generate-policies` (region us-east-1, account 123456789012, plus `extraArgs`) on one source file
 * (`app.py`, `app.ts`, `main.go`) written to a temporary folder, and returns the parsed JSON output. Throws,
 * with the CLI's stderr, when it does not exit 0.
 */
export async function generatePoliciesFor(
  file: string,
  source: string,
  extraArgs: string[] = [],
): Promise<unknown> {
  const dir = await Deno.makeTempDir({ prefix: "generate_" });
  try {
    await Deno.writeTextFile(`${dir}/${file}`, source);
    const run = await runCli([
      "generate-policies",
      `${dir}/${file}`,
      "--region",
      "us-east-1",
      "--account",
      "123456789012",
      ...extraArgs,
    ]);
    if (run.code !== 0) throw new Error(`generate-policies exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
