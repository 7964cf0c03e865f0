/**
 * A real `moto_server` for the AWS tests: started on a free 127.0.0.1 port, awaited until it answers, and
 * stopped by its PID. moto comes from the machine image's Python (`moto_server` on PATH, or
 * `MOTO_SERVER=/path/to/moto_server`); when it is missing the tests fail at once with a message saying so.
 *
 * @module
 */

/** A running moto server. */
export interface Moto {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  pid: number;
  /** Environment for the AWS SDK (and for CLI subprocesses) pointing at this server with test credentials. */
  env: Record<string, string>;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The account moto answers STS GetCallerIdentity with. */
export const MOTO_ACCOUNT = "123456789012";

/**
 * Starts moto_server on a port the system picks (`-p 0`, read back from its "Running on" line, so parallel
 * tests never race for a port). Sets the region, test credentials, no instance metadata and no shared config
 * files in this process's environment; the endpoint is only in `moto.endpoint` and `moto.env` (for children).
 *
 * @example
 * ```ts ignore
 * const moto = await startMoto();
 * try { ... } finally { await moto.stop(); }
 * ```
 * @throws {Error} moto_server is not installed, exits early, or does not answer within `timeoutMs`.
 */
export async function startMoto(
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Moto> {
  const command = Deno.env.get("MOTO_SERVER") ?? "moto_server";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args: ["-H", "127.0.0.1", "-p", "0"],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: options.env,
    }).spawn();
  } catch (error) {
    throw new Error(
      `cannot start '${command}' (${
        (error as Error).message
      }). The AWS tests need moto's server: install the ` +
        `Python package 'moto[server]' in the machine image (or point MOTO_SERVER at moto_server).`,
    );
  }
  const stderrText = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let log = "";
  (async () => {
    try {
      for (;;) {
        const { value, done } = await stderrText.read();
        if (done) break;
        if (log.length < 20000) log += value;
      }
    } catch { /* closed */ }
  })();
  let exited: Deno.CommandStatus | undefined;
  child.status.then((s) => exited = s);
  let port = 0;
  let endpoint = "";
  const stop = async () => {
    if (!exited) {
      try {
        Deno.kill(child.pid, "SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          Deno.kill(child.pid, "SIGKILL");
        } catch { /* gone */ }
      }, 3000);
      await child.status;
      clearTimeout(timer);
    }
    await stderrText.cancel().catch(() => {});
  };
  const deadline = Date.now() + (options.timeoutMs ?? 20000);
  for (;;) {
    const running = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
    if (!port && running) {
      port = Number(running[1]);
      endpoint = `http://127.0.0.1:${port}`;
    }
    if (exited) {
      await stop();
      throw new Error(`moto_server exited with code ${exited.code} before answering:\n${log.slice(-2000)}`);
    }
    try {
      if (!port) throw new Error("not listening yet");
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `moto_server did not answer within ${options.timeoutMs ?? 20000} ms (${
            endpoint || "no port yet"
          }):\n` +
            log.slice(-2000),
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  };
  // Test modules may run in parallel in one process: the endpoint differs per server, so it is never put in
  // this process's environment (pass `moto.endpoint` / `moto.env` explicitly); the rest is the same for all.
  for (const [key, value] of Object.entries(env)) if (key !== "AWS_ENDPOINT_URL") Deno.env.set(key, value);
  Deno.env.delete("AWS_PROFILE");
  Deno.env.delete("AWS_SESSION_TOKEN");
  return { endpoint, port, pid: child.pid, env, stop };
}
