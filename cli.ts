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
  knowledge info                        Version, sources, counts and coverage of the knowledge database
  knowledge operation <service> <op>    IAM actions, resources, conditions and FAS additions of an operation

Global options:
  --knowledge-db PATH   use this knowledge database (also: IAM_POLICY_AUTOPILOT_KNOWLEDGE_DB)
  -h, --help            show help (also: <command> --help)
  -V, --version         show the version (with --verbose: knowledge database version and sources)

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
