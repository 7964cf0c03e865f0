/**
 * Helpers for simulating a JSR install without jsr.io: the exact file set of `deno publish --dry-run`,
 * "unfurled" the way `deno publish` rewrites bare specifiers from the import map into full `npm:`/`jsr:`
 * specifiers, served by a local HTTP server on 127.0.0.1.
 *
 * @module
 */

const ROOT = new URL("../../", import.meta.url);

/** Result of a child `deno` process. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `deno <args>` with this process's environment plus `env`. */
export async function deno(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    ms: performance.now() - started,
  };
}

/** The files `deno publish --dry-run` lists, relative to the project root. */
export async function publishedFiles(): Promise<{ files: string[]; dry: Run }> {
  const dry = await deno(["publish", "--dry-run", "--allow-dirty"], { cwd: ROOT.pathname });
  if (dry.code !== 0) throw new Error(`deno publish --dry-run failed:\n${dry.stderr}`);
  const files = [...dry.stderr.matchAll(/^\s+(file:\/\/\S+) \(/gm)]
    .map((m) => decodeURIComponent(new URL(m[1]).pathname).slice(ROOT.pathname.length));
  return { files, dry };
}

/**
 * Rewrites bare specifiers that the import map of deno.json maps (`"sql.js"` → `"npm:sql.js@1.16.0"`,
 * prefixes for keys ending in `/`), in static and dynamic imports, `export … from`, `import.meta.resolve`
 * and `@ts-types` comments — what `deno publish` does to the files it uploads.
 */
export function unfurl(source: string, imports: Record<string, string>): string {
  const map = (specifier: string): string => {
    if (specifier in imports && !specifier.endsWith("/")) return imports[specifier];
    let best: string | undefined;
    for (const key of Object.keys(imports)) {
      if (key.endsWith("/") && specifier.startsWith(key) && (!best || key.length > best.length)) best = key;
    }
    if (best) return imports[best] + specifier.slice(best.length);
    // "sql.js/dist/x.js" with a bare "sql.js" mapping to an npm: specifier: npm:sql.js@1.16.0/dist/x.js
    for (const key of Object.keys(imports)) {
      if (!key.endsWith("/") && specifier.startsWith(key + "/") && imports[key].startsWith("npm:")) {
        return imports[key] + specifier.slice(key.length);
      }
    }
    return specifier;
  };
  const isBare = (s: string) => !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(s);
  const replace = (_m: string, pre: string, quote: string, specifier: string, post: string) =>
    `${pre}${quote}${isBare(specifier) ? map(specifier) : specifier}${quote}${post}`;
  return source
    .replace(/(\bfrom\s*)(["'])([^"'\n]+)\2()/g, replace)
    .replace(/(\bimport\s*)(["'])([^"'\n]+)\2()/g, replace)
    .replace(/(\bimport\s*\(\s*)(["'])([^"'\n]+)\2()/g, replace)
    .replace(/(\bimport\.meta\.resolve\(\s*)(["'])([^"'\n]+)\2()/g, replace)
    .replace(/(@ts-types=)(["'])([^"'\n]+)\2()/g, replace);
}

/** A local "registry" serving the published files; counts requests so a test can prove it was not used. */
export interface PackageServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `files` (relative to the project root, source files unfurled) on 127.0.0.1; `edit` may change a
 * source file's text before it is served (experiments).
 */
export async function servePublishedFiles(
  files: string[],
  edit: (file: string, text: string) => string = (_file, text) => text,
): Promise<PackageServer> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const imports: Record<string, string> = config.imports ?? {};
  const contents = new Map<string, Uint8Array>();
  for (const file of files) {
    const bytes = await Deno.readFile(new URL(file, ROOT));
    contents.set(
      "/" + file,
      /\.(ts|tsx|js|mjs|mts)$/.test(file)
        ? new TextEncoder().encode(unfurl(edit(file, new TextDecoder().decode(bytes)), imports))
        : bytes,
    );
  }
  const requests: string[] = [];
  const types: Record<string, string> = {
    ts: "application/typescript",
    js: "application/javascript",
    json: "application/json",
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    requests.push(path);
    const body = contents.get(path);
    if (!body) return new Response("not found", { status: 404 });
    const ext = path.slice(path.lastIndexOf(".") + 1);
    return new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": types[ext] ?? "application/octet-stream" },
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    requests,
    close: () => server.shutdown(),
  };
}
