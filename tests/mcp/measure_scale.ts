/**
 * Measures how long `generate_application_policies` takes over MCP (stdio, a fresh server, as an assistant
 * would call it) on synthetic Python repositories of growing size.
 *
 * Usage: deno run -A tests/mcp/measure_scale.ts [sizes...]   (default 100 500 1000 2000 4000 8000)
 *
 * @module
 */
import { connectStdio } from "./helpers.ts";
import { writeSyntheticRepo } from "./synthetic_repo.ts";

const sizes = Deno.args.length ? Deno.args.map(Number) : [100, 500, 1000, 2000, 4000, 8000];
console.log(`cores: ${navigator.hardwareConcurrency}`);
for (const files of sizes) {
  const dir = await Deno.makeTempDir({ prefix: `iampa-scale-${files}-` });
  try {
    const bytes = await writeSyntheticRepo(dir, files);
    const session = await connectStdio({ env: { IAM_POLICY_AUTOPILOT_LOG: "error" } });
    try {
      const started = performance.now();
      let notifications = 0;
      const result = await session.client.callTool(
        { name: "generate_application_policies", arguments: { SourceFiles: [dir], Region: "us-east-1" } },
        undefined,
        { onprogress: () => notifications++, timeout: 600_000, resetTimeoutOnProgress: true },
      );
      const seconds = (performance.now() - started) / 1000;
      const s = (result.structuredContent as { Summary: Record<string, number> } | undefined)?.Summary;
      console.log(
        `${files} files (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${files * 150} lines): ${
          seconds.toFixed(1)
        } s, ` +
          `isError=${
            result.isError ?? false
          }, calls=${s?.SdkCalls}, actions=${s?.Actions}, progress=${notifications}` +
          (result.isError ? `\n  ${JSON.stringify(result.content).slice(0, 500)}` : ""),
      );
    } finally {
      await session.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
