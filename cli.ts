#!/usr/bin/env -S deno run -A
/**
 * The `iam-policy-autopilot` command: parses arguments, calls the library, prints. Results go to stdout;
 * diagnostics to stderr. Errors are one line (`error: ...`) with a documented exit code.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ExitCode, UsageError, UserError } from "./lib/errors.ts";
import { KnowledgeBase, KnowledgeDatabaseError, type SdkLanguage } from "./lib/knowledge/mod.ts";
import { describeOperation, formatOperationDescription } from "./lib/knowledge/describe_operation.ts";
import { formatKnowledgeInfo } from "./lib/knowledge/format_info.ts";
import { KnowledgeUpdateError, updateKnowledgeDatabase } from "./lib/knowledge/update.ts";
import { VERSION } from "./lib/version.ts";
import { generatePolicies } from "./lib/api/generate_policies.ts";
import { extractSdkCalls } from "./lib/api/extract_sdk_calls.ts";
import type { SkippedFile } from "./lib/sources/mod.ts";
import { InputPathError } from "./lib/sources/mod.ts";
import type { Language } from "./lib/types.ts";
// The MCP SDK is loaded only by `mcp-server` (dynamic import below): other commands start ~90 ms faster.
import { DEFAULT_BIND, DEFAULT_HTTP_PORT } from "./lib/mcp/defaults.ts";

const NAME = "iam-policy-autopilot";

const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  error (analysis failed, knowledge database missing or corrupt, AWS call failed)
  2  usage error (unknown flag or command, missing argument, unknown service hint or region, missing path)
  3  finished, but some input files were skipped (each reported on stderr)`;

const MAIN_HELP = `${NAME} ${VERSION}
Reads an application's source code and writes the AWS IAM identity policy it needs.
Offline: everything comes from a knowledge database shipped with the tool.

Usage: ${NAME} <command> [options]

Commands:
  generate-policies <paths>...          IAM identity policies for the code in files and directories
  extract-sdk-calls <paths>...          The AWS SDK calls found in the code, as JSON
  knowledge info                        Version, sources, counts and coverage of the knowledge database
  knowledge operation <service> <op>    IAM actions, resources, conditions and FAS additions of an operation
  knowledge update [--url URL]          Fetch the newest published knowledge database into the user cache
  fix-access-denied [TEXT]              Turns an AccessDenied error into a fix (applies it with confirmation)
  mcp-server                            MCP server for AI coding assistants (stdio, or HTTP on loopback)

Global options:
  --knowledge-db PATH   use this knowledge database (also: IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB)
  -h, --help            show help (also: <command> --help)
  -V, --version         show the version (with --verbose: knowledge database version and sources)

${EXIT_CODES_HELP}
`;

const ANALYSIS_OPTIONS_HELP = `Input:
  <paths>...                  files and directories (walked recursively; .gitignore, VCS, virtualenv,
                              node_modules, vendor and build folders are skipped)
  -l, --language LANG         parse every given file as LANG: python (py), typescript (ts),
                              javascript (js), go, java. Default: by extension
  --service-hints S...        keep only calls to these services (boto3 names such as s3, lambda; SDK names
                              such as cloudwatch-logs; IAM prefixes such as states). Space- or comma-separated
  --max-file-size SIZE        skip (and report) files larger than SIZE: bytes, or with a unit K, M or G
                              (powers of 1024; default 2M)
  --knowledge-db PATH         use this knowledge database
  -h, --help                  show this help`;

const GENERATE_HELP = `Usage: ${NAME} generate-policies <paths>... [options]

Reads the AWS SDK calls of an application (Python boto3, TypeScript/JavaScript SDK v3, Go SDK v2) and prints
the IAM identity policies they need as JSON: {"Policies":[{"Policy":{...},"PolicyType":"Identity"}], "Explanations", "Warnings", "KnowledgeBase"}.

${ANALYSIS_OPTIONS_HELP}

Policy:
  -r, --region REGION         region for ARNs and conditions (default *); the partition follows from it
  -a, --account ID            account id for ARNs (default *)
  --resource-cutoff N         an action with more than N resource ARNs gets Resource "*" (default 4)
  --minimize-policy-size      let statements of different services merge (fewer, larger statements)
  --individual-policies       one policy per call, with Sids, no merging
Output:
  -p, --pretty                indented JSON
  --explain PATTERN...        explain actions matching glob patterns ('*', 's3:*', 'ec2:Describe*'):
                              every call site (file:line.column) and the knowledge source of each action
  --full-output               accepted for compatibility (no effect)
AWS:
  --upload-policies [PREFIX]  create each policy as a customer managed policy named PREFIX_<n> (default
                              prefix IamPolicyAutopilotGeneratedPolicy; n = lowest unused number), never
                              replacing an existing policy; adds "UploadResult" to the JSON and prints a summary
                              on stderr. Credentials, region and endpoint come from the standard AWS chain
                              (AWS_PROFILE, SSO, environment). Not with --individual-policies.
                              Exit 1 when a policy could not be created.

Examples:
  ${NAME} generate-policies app/ --region us-east-1 --account 123456789012 --pretty
  ${NAME} generate-policies handler.py --service-hints s3 dynamodb --explain 's3:*'
  ${NAME} generate-policies app/ --region us-east-1 --upload-policies OrdersService

${EXIT_CODES_HELP}
`;

const EXTRACT_HELP = `Usage: ${NAME} extract-sdk-calls <paths>... [options]

Prints the AWS SDK calls found in the code as a JSON array: Name (as written), Operations, PossibleServices,
File, Line, Column, Expr, Arguments (literal values where resolvable) and Pattern (the rule that found it).
With --full-output, items take upstream's shape: {Name, PossibleServices, Metadata:{Expr, Location, Parameters}}.

${ANALYSIS_OPTIONS_HELP}
  -p, --pretty                indented JSON
  --full-output               upstream-compatible items with Metadata

${EXIT_CODES_HELP}
`;

const KNOWLEDGE_HELP = `Usage: ${NAME} knowledge <info|operation|update> [options]

  knowledge info [--json]
      The knowledge database in use: version, sources (with versions and commits), counts, coverage.

  knowledge operation <service> <Operation|method> [--language LANG] [--json]
      What an SDK operation needs: IAM actions with access level, resource ARN formats, condition keys,
      Forward Access Session additions (e.g. kms:Decrypt via S3) and the knowledge source of each fact.
      <service> as boto3 names it (s3, lambda, stepfunctions). With --language, <method> is the SDK's name:
        --language python s3 list_objects_v2
        --language typescript s3 ListObjectsV2Command
        --language go s3 ListObjectsV2      --language java s3 listObjectsV2

  knowledge update [--url MANIFEST_URL] [--json]
      Fetches the newest published database, checks its sha256 against the published manifest and keeps it
      in the user cache (XDG_CACHE_HOME or ~/.cache/iam-policy-autopilot; %LOCALAPPDATA% on Windows). It is
      then used instead of the shipped one while newer. Default URL: IAM_POLICY_AUTOPILOT_KNOWLEDGE_URL, else
      the knowledge-db GitHub release. --knowledge-db / IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB still take precedence.

Options:
  --json                 machine-readable output
  -l, --language LANG    python | typescript (javascript) | go | java
  --knowledge-db PATH    use this knowledge database
`;

const MCP_SERVER_HELP = `Usage: ${NAME} mcp-server [options]

Serves the tools to AI coding assistants over the Model Context Protocol: generate_application_policies,
generate_policy_for_access_denied, fix_access_denied (asks the user to confirm before changing IAM),
explain_permissions, lookup_operation_permissions. Logs go to stderr (level: IAM_POLICY_AUTOPILOT_LOG=
off|error|info|debug); in stdio mode stdout carries only MCP messages.

Options:
  -t, --transport stdio|http  stdio (default; the client starts the server) or streamable HTTP at /mcp
  -p, --port N                HTTP port (default ${DEFAULT_HTTP_PORT})
  -b, --bind ADDR             HTTP bind address (default ${DEFAULT_BIND}; --bind-address works too); a
                              non-loopback address needs --allow-remote. Host and Origin headers are
                              checked (DNS rebinding protection)
  --allow-remote              allow a non-loopback --bind (the endpoint has no authentication)
  --allowed-host NAME         another host name clients may use in the Host header (HTTP; repeatable)
  --knowledge-db PATH         use this knowledge database
  -h, --help                  show this help

Examples:
  ${NAME} mcp-server
  ${NAME} mcp-server --transport http --port 8001     # http://127.0.0.1:8001/mcp
`;

async function mcpServerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    transport: { type: "string", short: "t" },
    port: { type: "string", short: "p" },
    bind: { type: "string", short: "b" },
    "bind-address": { type: "string" },
    "allow-remote": { type: "boolean" },
    "allowed-host": { type: "string", multiple: true },
    "knowledge-db": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    print(MCP_SERVER_HELP);
    return ExitCode.Success;
  }
  if (positionals.length) {
    throw new UsageError(`'mcp-server' takes no arguments (got '${positionals.join(" ")}')`);
  }
  const transport = (values.transport as string | undefined) ?? "stdio";
  if (transport !== "stdio" && transport !== "http") {
    throw new UsageError(`--transport takes stdio or http (got '${transport}')`);
  }
  const port = values.port === undefined ? DEFAULT_HTTP_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port takes a port number 0-65535 (got '${values.port}')`);
  }
  if (transport === "stdio" && (values.port !== undefined || values.bind !== undefined)) {
    throw new UsageError("--port and --bind apply to --transport http only");
  }
  const { runMcpServer } = await import("./lib/mcp/mod.ts");
  await runMcpServer({
    transport,
    port,
    bind: (values.bind ?? values["bind-address"]) as string | undefined,
    allowRemote: Boolean(values["allow-remote"]),
    allowedHosts: values["allowed-host"] as string[] | undefined,
    knowledgeDb: values["knowledge-db"] as string | undefined,
  });
  return ExitCode.Success;
}

const FIX_HELP = `Usage: ${NAME} fix-access-denied [TEXT] [options]

Reads an AccessDenied error and proposes (and on request applies) the narrowest fix. TEXT is the error as an
argument; without it, --file or stdin is read. Accepted: raw AWS messages, SDK and CLI error output (boto3
ClientError, JS v3 AccessDeniedException, Go "api error AccessDenied", Java AwsServiceException, AWS CLI),
CloudTrail events (JSON) and logs with several denials (one plan each).

Only a denial "because no identity-based policy allows" (ImplicitIdentity) of an IAM role (also from an
assumed-role session) or user is fixed, by adding a statement to the tool's own inline policy
IamPolicyAutopilot-<name>, merged with what it holds; other policies and statements are kept exactly. Every
other denial type (ExplicitIdentity, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy,
PermissionsBoundary, SessionPolicy, VpcEndpointPolicy, Unknown) gets an explanation of which layer denies and
what its owner must change; this tool never changes SCPs, RCPs, boundaries or resource policies.

Options:
  -f, --file PATH        read the error text from a file
  --format text|json     output: text for people (default), or {"Plans":[{"Principal","Action","Resource",
                         "DenialType","Fixable","Policy","Explanation"}]}
  --dry-run              print the plans only; no AWS calls, nothing changed
  -y, --yes              apply without asking (required when stdin or stderr is not a terminal)
  --widen                allow every object under the S3 key's folder (bucket/prefix/*) instead of the one
                         object in the message (said in the plan)
  --knowledge-db PATH    use this knowledge database
  -h, --help             show this help

Applying checks the account with STS GetCallerIdentity first. EC2-style encoded messages are decoded with
sts:DecodeAuthorizationMessage when the credentials allow it. Credentials, region and endpoint come from the
standard AWS chain (AWS_PROFILE, SSO, environment variables, AWS_ENDPOINT_URL).

Examples:
  ${NAME} fix-access-denied "User: arn:aws:sts::123456789012:assumed-role/orders-api/i-0abc is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::orders/a.csv because no identity-based policy allows the s3:GetObject action"
  aws logs tail /aws/lambda/orders | ${NAME} fix-access-denied --format json --dry-run
  ${NAME} fix-access-denied --file error.txt --yes

Exit codes:
  0  plans printed and every fixable plan applied (or --dry-run, or declined at the prompt)
  1  an AWS call failed (its AWS error code is printed), the statement is already present (duplicate), or
     the inline policy size quota would be exceeded; nothing was half-written
  2  usage error; no AccessDenied found; a denial this tool cannot fix (see its explanation); apply refused:
     no terminal to confirm in without --yes, credentials of another account, unsupported principal
`;

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

function parse(
  args: string[],
  options: ParseArgsConfig["options"],
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run '${NAME} --help' for usage.`);
  }
}

const LANGUAGE_ALIASES: Record<string, SdkLanguage> = {
  python: "python",
  py: "python",
  typescript: "typescript",
  ts: "typescript",
  javascript: "typescript",
  js: "typescript",
  go: "go",
  java: "java",
};

async function openKnowledge(path: string | undefined): Promise<KnowledgeBase> {
  try {
    return await KnowledgeBase.open({ path });
  } catch (error) {
    if (error instanceof KnowledgeDatabaseError) throw new UserError(error.message, ExitCode.Error);
    throw error;
  }
}

async function knowledgeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: "boolean" },
    language: { type: "string", short: "l" },
    "knowledge-db": { type: "string" },
    url: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const [sub, ...rest] = positionals;
  if (values.help || !sub) {
    print(KNOWLEDGE_HELP);
    return values.help ? ExitCode.Success : ExitCode.Usage;
  }
  if (sub === "info") {
    if (rest.length) throw new UsageError(`'knowledge info' takes no arguments (got '${rest.join(" ")}')`);
    const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
    try {
      const info = kb.info();
      print(values.json ? JSON.stringify(info, null, 2) + "\n" : formatKnowledgeInfo(info, kb.location));
    } finally {
      kb.close();
    }
    return ExitCode.Success;
  }
  if (sub === "operation") {
    if (rest.length !== 2) {
      throw new UsageError(
        `'knowledge operation' needs <service> <operation>, e.g. 'knowledge operation s3 GetObject'`,
      );
    }
    let language: SdkLanguage | undefined;
    if (values.language !== undefined) {
      language = LANGUAGE_ALIASES[String(values.language).toLowerCase()];
      if (!language) {
        throw new UsageError(
          `Unknown language '${values.language}'. Use one of: python, typescript, javascript, go, java`,
        );
      }
    }
    const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
    try {
      const description = describeOperation(kb, rest[0], rest[1], language);
      print(
        values.json ? JSON.stringify(description, null, 2) + "\n" : formatOperationDescription(description),
      );
    } finally {
      kb.close();
    }
    return ExitCode.Success;
  }
  if (sub === "update") {
    if (rest.length) throw new UsageError(`'knowledge update' takes no arguments (got '${rest.join(" ")}')`);
    try {
      const result = await updateKnowledgeDatabase({ manifestUrl: values.url as string | undefined });
      print(
        values.json
          ? JSON.stringify(result, null, 2) + "\n"
          : result.status === "up-to-date"
          ? `Knowledge database ${result.version} is up to date (${result.path})\n`
          : `Knowledge database updated: ${result.previousVersion ?? "none"} -> ${result.version} ` +
            `(sha256 ${result.sha256.slice(0, 12)}… verified; ${result.path})\n`,
      );
    } catch (error) {
      if (error instanceof KnowledgeUpdateError) throw new UserError(error.message, ExitCode.Error);
      throw error;
    }
    return ExitCode.Success;
  }
  throw new UsageError(
    `Unknown knowledge command '${sub}'. Use 'knowledge info', 'knowledge operation' or 'knowledge update'.`,
  );
}

const ANALYSIS_FLAGS: ParseArgsConfig["options"] = {
  language: { type: "string", short: "l" },
  "service-hints": { type: "string", multiple: true },
  "max-file-size": { type: "string" },
  "knowledge-db": { type: "string" },
  pretty: { type: "boolean", short: "p" },
  "full-output": { type: "boolean" },
  debug: { type: "boolean", short: "d" },
  help: { type: "boolean", short: "h" },
};

const GENERATE_FLAGS: ParseArgsConfig["options"] = {
  ...ANALYSIS_FLAGS,
  region: { type: "string", short: "r" },
  account: { type: "string", short: "a" },
  explain: { type: "string", multiple: true },
  "resource-cutoff": { type: "string" },
  "minimize-policy-size": { type: "boolean" },
  "individual-policies": { type: "boolean" },
};

const FIX_FLAGS: ParseArgsConfig["options"] = {
  file: { type: "string", short: "f" },
  format: { type: "string" },
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  widen: { type: "boolean" },
  "knowledge-db": { type: "string" },
  help: { type: "boolean", short: "h" },
};

/** Flags that take several values (`--service-hints s3 dynamodb`), as upstream's CLI accepts. */
const MULTI_VALUE_FLAGS = new Set(["--service-hints", "--explain"]);

/**
 * Rewrites `--flag a b c` into `--flag a --flag b --flag c`. A value ends at the next option or at the first
 * token that names an existing file or directory (so `--service-hints s3 app.py` keeps app.py as a path).
 */
function expandMultiValueFlags(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!MULTI_VALUE_FLAGS.has(arg)) {
      out.push(arg);
      continue;
    }
    let taken = 0;
    while (i + 1 < args.length && !args[i + 1].startsWith("-") && (taken === 0 || !pathExists(args[i + 1]))) {
      for (const value of args[++i].split(",").filter(Boolean)) out.push(arg, value);
      taken++;
    }
    if (taken === 0) out.push(arg);
  }
  return out;
}

function pathExists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

const SOURCE_LANGUAGES: Record<string, Language> = {
  python: "python",
  py: "python",
  typescript: "typescript",
  ts: "typescript",
  javascript: "javascript",
  js: "javascript",
  go: "go",
  java: "java",
};

function sourceLanguage(value: unknown): Language | undefined {
  if (value === undefined) return undefined;
  const language = SOURCE_LANGUAGES[String(value).toLowerCase()];
  if (!language) {
    throw new UsageError(
      `Unknown language '${value}'. Use one of: python (py), typescript (ts), javascript (js), go, java`,
    );
  }
  return language;
}

const SIZE_UNITS: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `--max-file-size`: bytes, or a number with a unit K, M or G (`512K`, `4M`, `1.5G`); undefined when absent. */
function maxFileBytes(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]?)(?:i?B)?$/i.exec(String(value).trim());
  if (!match) {
    throw new UsageError(
      `--max-file-size takes a size in bytes, or with a unit K, M or G such as 512K or 4M (got '${value}')`,
    );
  }
  return Math.floor(Number(match[1]) * SIZE_UNITS[match[2].toUpperCase()]);
}

function requirePaths(positionals: string[], command: string): string[] {
  if (!positionals.length) {
    throw new UsageError(
      `'${command}' needs at least one file or directory. Run '${NAME} ${command} --help'.`,
    );
  }
  return positionals;
}

function reportSkipped(skipped: SkippedFile[]): number {
  for (const file of skipped) {
    const reason = file.skipped.reason.replace(/-/g, " ");
    warn(`skipped ${file.path}: ${reason}: ${file.skipped.detail}`);
  }
  if (skipped.length) warn(`${skipped.length} file(s) skipped; the output covers the other files`);
  return skipped.length ? ExitCode.FilesSkipped : ExitCode.Success;
}

function warn(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`warning: ${message}\n`));
}

function jsonText(value: unknown, pretty: boolean): string {
  return pretty ? JSON.stringify(value, null, 2) + "\n" : JSON.stringify(value);
}

function wrapInputErrors<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((error) => {
    if (error instanceof InputPathError) throw new UsageError(error.message, { cause: error });
    throw error;
  });
}

/**
 * Takes `--upload-policies [PREFIX]` out of the arguments (its value is optional, which parseArgs cannot
 * express): `--upload-policies=P`, or `--upload-policies P` when P is not an option or an existing path.
 */
function takeUploadFlag(args: string[]): { args: string[]; upload?: string } {
  const out: string[] = [];
  let upload: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--upload-policies=")) upload = arg.slice("--upload-policies=".length);
    else if (arg === "--upload-policies") {
      const next = args[i + 1];
      upload = next !== undefined && !next.startsWith("-") && !pathExists(next) ? args[++i] : "";
    } else out.push(arg);
  }
  return { args: out, upload };
}

async function generatePoliciesCommand(rawArgs: string[]): Promise<number> {
  const { args, upload } = takeUploadFlag(rawArgs);
  const { values, positionals } = parse(expandMultiValueFlags(args), GENERATE_FLAGS);
  if (values.help) {
    print(GENERATE_HELP);
    return ExitCode.Success;
  }
  if (upload !== undefined && values["individual-policies"]) {
    throw new UsageError("--upload-policies cannot be combined with --individual-policies; drop one of them");
  }
  const uploadLib = upload === undefined ? undefined : await import("./lib/aws/upload_policies.ts");
  const uploadPrefix = upload ? upload : uploadLib?.DEFAULT_UPLOAD_PREFIX;
  if (uploadLib && uploadPrefix !== undefined) uploadLib.validateUploadPrefix(uploadPrefix);
  const paths = requirePaths(positionals, "generate-policies");
  let resourceCutoff: number | undefined;
  if (values["resource-cutoff"] !== undefined) {
    resourceCutoff = Number(values["resource-cutoff"]);
    if (!Number.isInteger(resourceCutoff) || resourceCutoff < 0) {
      throw new UsageError(`--resource-cutoff takes a whole number ≥ 0 (got '${values["resource-cutoff"]}')`);
    }
  }
  const account = values.account as string | undefined;
  if (account !== undefined && account !== "*" && !/^\d{12}$/.test(account)) {
    throw new UsageError(`--account takes a 12-digit AWS account id or * (got '${account}')`);
  }
  const maxBytes = maxFileBytes(values["max-file-size"]);
  // Not awaited here: the database opens while the files are read and parsed (generatePolicies awaits it).
  const kb = openKnowledge(values["knowledge-db"] as string | undefined);
  try {
    const result = await wrapInputErrors(() =>
      generatePolicies(kb, {
        paths,
        language: sourceLanguage(values.language),
        serviceHints: values["service-hints"] as string[] | undefined,
        maxFileBytes: maxBytes,
        region: values.region as string | undefined,
        account,
        explain: values.explain as string[] | undefined,
        resourceCutoff,
        minimizePolicySize: Boolean(values["minimize-policy-size"]),
        individualPolicies: Boolean(values["individual-policies"]),
      })
    );
    for (const notice of result.notices) warn(notice);
    if (!uploadLib) {
      print(jsonText(result.output, Boolean(values.pretty)));
      return reportSkipped(result.skipped);
    }
    const { openAwsSession, closeAwsSession } = await import("./lib/aws/session.ts");
    const aws = await openAwsSession();
    try {
      const uploaded = await uploadLib.uploadPolicies(aws, result.output.Policies.map((p) => p.Policy), {
        prefix: uploadPrefix,
      });
      const { KnowledgeBase: version, ...rest } = result.output;
      print(
        jsonText(
          { ...rest, UploadResult: uploaded, ...(version ? { KnowledgeBase: version } : {}) },
          Boolean(values.pretty),
        ),
      );
      Deno.stderr.writeSync(new TextEncoder().encode(uploadLib.formatUploadSummary(uploaded) + "\n"));
      const skippedCode = reportSkipped(result.skipped);
      return uploaded.Failed.length ? ExitCode.Error : skippedCode;
    } finally {
      closeAwsSession(aws);
    }
  } finally {
    await kb.then((open) => open.close(), () => {});
  }
}

async function extractSdkCallsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(expandMultiValueFlags(args), ANALYSIS_FLAGS);
  if (values.help) {
    print(EXTRACT_HELP);
    return ExitCode.Success;
  }
  const paths = requirePaths(positionals, "extract-sdk-calls");
  const maxBytes = maxFileBytes(values["max-file-size"]);
  const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
  try {
    const result = await wrapInputErrors(() =>
      extractSdkCalls(kb, {
        paths,
        language: sourceLanguage(values.language),
        serviceHints: values["service-hints"] as string[] | undefined,
        maxFileBytes: maxBytes,
      })
    );
    print(jsonText(values["full-output"] ? result.fullCalls : result.calls, Boolean(values.pretty)));
    return reportSkipped(result.analysis.skipped);
  } finally {
    kb.close();
  }
}

async function readInput(values: Values, positionals: string[]): Promise<string> {
  if (values.file !== undefined && positionals.length) {
    throw new UsageError("give the error text either as an argument or with --file, not both");
  }
  if (values.file !== undefined) {
    try {
      return await Deno.readTextFile(String(values.file));
    } catch (error) {
      throw new UsageError(`cannot read --file ${values.file}: ${(error as Error).message}`);
    }
  }
  if (positionals.length) return positionals.join(" ");
  if (Deno.stdin.isTerminal()) {
    Deno.stderr.writeSync(new TextEncoder().encode("Paste the AccessDenied error, then press Ctrl-D:\n"));
  }
  try {
    return await new Response(Deno.stdin.readable).text();
  } catch (error) {
    throw new UsageError(`cannot read stdin: ${(error as Error).message}`);
  }
}

async function readLine(): Promise<string> {
  const buffer = new Uint8Array(1024);
  let text = "";
  while (!text.includes("\n")) {
    const n = await Deno.stdin.read(buffer);
    if (n === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, n));
  }
  return text.trim();
}

async function fixAccessDeniedCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, FIX_FLAGS);
  if (values.help) {
    print(FIX_HELP);
    return ExitCode.Success;
  }
  const format = (values.format as string | undefined) ?? "text";
  if (format !== "text" && format !== "json") {
    throw new UsageError(`--format takes text or json (got '${format}')`);
  }
  const text = await readInput(values, positionals);
  const lib = await import("./lib/access_denied/mod.ts");
  const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
  let aws: import("./lib/aws/session.ts").AwsSession | undefined;
  const awsLib = () => import("./lib/aws/mod.ts");
  try {
    let denials = lib.parseAccessDenied(text, kb);
    if (denials.length === 0) throw new lib.NoAccessDeniedError();
    if (!values["dry-run"] && denials.some((d) => d.encodedMessage && !d.decoded)) {
      const { openAwsSession, decodeAuthorizationMessage } = await awsLib();
      aws = await openAwsSession();
      const session = aws;
      denials = await lib.decodeDenials(denials, kb, (m) => decodeAuthorizationMessage(session, m));
    }
    const plans = lib.planFixes(denials, kb, { widen: Boolean(values.widen) });
    print(
      format === "json"
        ? JSON.stringify({ ...lib.plansJson(plans), KnowledgeBase: { Version: kb.version } }, null, 2) + "\n"
        : `${lib.plansText(plans)}(knowledge database ${kb.version})\n`,
    );
    const fixable = plans.filter((p) => p.fixable);
    const unfixable = plans.length - fixable.length;
    const unfixableCode = unfixable ? ExitCode.Usage : ExitCode.Success;
    if (unfixable) {
      warn(
        `${unfixable} of ${plans.length} denial(s) cannot be fixed by this tool; see the explanation above`,
      );
    }
    if (fixable.length === 0 || values["dry-run"]) return unfixableCode;
    const interactive = Deno.stdin.isTerminal() && Deno.stderr.isTerminal();
    if (!values.yes && !interactive) {
      throw new lib.ApplyRefusedError(
        "refused_non_tty",
        "there is no terminal to confirm in (stdin or stderr is not a TTY); rerun with --yes to apply the " +
          "fix, or with --dry-run to only print the plan",
      );
    }
    const { openAwsSession } = await awsLib();
    aws ??= await openAwsSession();
    const outcomes = await lib.applyFixes(aws, fixable, {
      confirm: values.yes ? undefined : async (fix) => {
        const where = `${fix.target.kind} ${fix.target.name} (account ${fix.target.account})`;
        Deno.stderr.writeSync(new TextEncoder().encode(
          `Add ${fix.added.length} statement(s) to inline policy '${fix.target.policyName}' of ${where}` +
            `${fix.before === undefined ? " (new policy)" : ""}? Apply this fix now? [y/N] `,
        ));
        return /^y(es)?$/i.test(await readLine());
      },
    });
    Deno.stderr.writeSync(new TextEncoder().encode(lib.formatOutcomes(outcomes) + "\n"));
    const failed = outcomes.find((o) => o.error);
    return failed?.error ? failed.error.exitCode : unfixableCode;
  } finally {
    kb.close();
    if (aws) (await awsLib()).closeAwsSession(aws);
  }
}

async function versionCommand(verbose: boolean, knowledgeDb: string | undefined): Promise<number> {
  let text = `${NAME} ${VERSION}\n`;
  if (verbose) {
    const kb = await openKnowledge(knowledgeDb);
    try {
      const info = kb.info();
      text += `knowledge database: ${info.version} (${kb.location})\n`;
      for (const source of info.sources) {
        text += `  ${source.name}: ${source.version ?? "unversioned"}\n`;
      }
    } finally {
      kb.close();
    }
  }
  print(text);
  return ExitCode.Success;
}

function print(text: string): void {
  Deno.stdout.writeSync(new TextEncoder().encode(text));
}

/** Runs the CLI with `args` and returns the exit code (never throws for user errors). */
export async function runCli(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      print(MAIN_HELP);
      return command === undefined ? ExitCode.Usage : ExitCode.Success;
    }
    if (command === "-V" || command === "--version" || command === "version") {
      const { values } = parse(rest, { verbose: { type: "boolean" }, "knowledge-db": { type: "string" } });
      return await versionCommand(Boolean(values.verbose), values["knowledge-db"] as string | undefined);
    }
    if (command === "knowledge") return await knowledgeCommand(rest);
    if (command === "generate-policies") return await generatePoliciesCommand(rest);
    if (command === "extract-sdk-calls") return await extractSdkCallsCommand(rest);
    if (command === "fix-access-denied") return await fixAccessDeniedCommand(rest);
    if (command === "mcp-server") return await mcpServerCommand(rest);
    throw new UsageError(`Unknown command '${command}'. Run '${NAME} --help' to see the commands.`);
  } catch (error) {
    if (error instanceof UserError) {
      Deno.stderr.writeSync(new TextEncoder().encode(`error: ${error.message}\n`));
      return error.exitCode;
    }
    // A bug, not the user's fault: still one line and exit code 1; the stack only on request.
    const detail = Deno.env.get("IAM_POLICY_AUTOPILOT_DEBUG") && error instanceof Error
      ? `\n${error.stack}`
      : "";
    Deno.stderr.writeSync(
      new TextEncoder().encode(
        `error: internal error: ${error instanceof Error ? error.message : String(error)}` +
          ` (set IAM_POLICY_AUTOPILOT_DEBUG=1 for details)${detail}\n`,
      ),
    );
    return ExitCode.Error;
  }
}

if (import.meta.main) Deno.exit(await runCli(Deno.args));
