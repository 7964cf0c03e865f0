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
import { VERSION } from "./lib/version.ts";
import { generatePolicies } from "./lib/api/generate_policies.ts";
import { extractSdkCalls } from "./lib/api/extract_sdk_calls.ts";
import type { SkippedFile } from "./lib/sources/mod.ts";
import { InputPathError } from "./lib/sources/mod.ts";
import type { Language } from "./lib/types.ts";

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
  --knowledge-db PATH         use this knowledge database
  -h, --help                  show this help`;

const GENERATE_HELP = `Usage: ${NAME} generate-policies <paths>... [options]

Reads the AWS SDK calls of an application (Python boto3 today) and prints the IAM identity policies they need,
as JSON: {"Policies":[{"Policy":{...},"PolicyType":"Identity"}], "Explanations", "Warnings", "KnowledgeBase"}.

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

Examples:
  ${NAME} generate-policies app/ --region us-east-1 --account 123456789012 --pretty
  ${NAME} generate-policies handler.py --service-hints s3 dynamodb --explain 's3:*'

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

const KNOWLEDGE_HELP = `Usage: ${NAME} knowledge <info|operation> [options]

  knowledge info [--json]
      The knowledge database in use: version, sources (with versions and commits), counts, coverage.

  knowledge operation <service> <Operation|method> [--language LANG] [--json]
      What an SDK operation needs: IAM actions with access level, resource ARN formats, condition keys,
      Forward Access Session additions (e.g. kms:Decrypt via S3) and the knowledge source of each fact.
      <service> as boto3 names it (s3, lambda, stepfunctions). With --language, <method> is the SDK's name:
        --language python s3 list_objects_v2
        --language typescript s3 ListObjectsV2Command
        --language go s3 ListObjectsV2      --language java s3 listObjectsV2

Options:
  --json                 machine-readable output
  -l, --language LANG    python | typescript (javascript) | go | java
  --knowledge-db PATH    use this knowledge database
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
  throw new UsageError(`Unknown knowledge command '${sub}'. Use 'knowledge info' or 'knowledge operation'.`);
}

const ANALYSIS_FLAGS: ParseArgsConfig["options"] = {
  language: { type: "string", short: "l" },
  "service-hints": { type: "string", multiple: true },
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

async function generatePoliciesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(expandMultiValueFlags(args), GENERATE_FLAGS);
  if (values.help) {
    print(GENERATE_HELP);
    return ExitCode.Success;
  }
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
  const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
  try {
    const result = await wrapInputErrors(() =>
      generatePolicies(kb, {
        paths,
        language: sourceLanguage(values.language),
        serviceHints: values["service-hints"] as string[] | undefined,
        region: values.region as string | undefined,
        account,
        explain: values.explain as string[] | undefined,
        resourceCutoff,
        minimizePolicySize: Boolean(values["minimize-policy-size"]),
        individualPolicies: Boolean(values["individual-policies"]),
      })
    );
    for (const notice of result.notices) warn(notice);
    print(jsonText(result.output, Boolean(values.pretty)));
    return reportSkipped(result.skipped);
  } finally {
    kb.close();
  }
}

async function extractSdkCallsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(expandMultiValueFlags(args), ANALYSIS_FLAGS);
  if (values.help) {
    print(EXTRACT_HELP);
    return ExitCode.Success;
  }
  const paths = requirePaths(positionals, "extract-sdk-calls");
  const kb = await openKnowledge(values["knowledge-db"] as string | undefined);
  try {
    const result = await wrapInputErrors(() =>
      extractSdkCalls(kb, {
        paths,
        language: sourceLanguage(values.language),
        serviceHints: values["service-hints"] as string[] | undefined,
      })
    );
    print(jsonText(values["full-output"] ? result.fullCalls : result.calls, Boolean(values.pretty)));
    return reportSkipped(result.analysis.skipped);
  } finally {
    kb.close();
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
    throw new UsageError(`Unknown command '${command}'. Run '${NAME} --help' to see the commands.`);
  } catch (error) {
    if (error instanceof UserError) {
      Deno.stderr.writeSync(new TextEncoder().encode(`error: ${error.message}\n`));
      return error.exitCode;
    }
    throw error;
  }
}

if (import.meta.main) Deno.exit(await runCli(Deno.args));
