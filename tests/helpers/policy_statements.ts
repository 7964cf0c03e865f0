/**
 * The statements `generate-policies` writes for one small program, and what they grant per action: for the
 * real-data end-to-end tests of knowledge fixes (`tests/knowledge_gaps/`).
 *
 * @module
 */
import { generatePoliciesFor } from "./run_cli.ts";

/** One statement of a generated identity policy. */
export interface Statement {
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

/**
 * The statements of every policy `generate-policies` (us-east-1, account 123456789012) writes for one source
 * file (`app.py`, `app.ts`, `main.go`).
 *
 * @example
 * ```ts ignore
 * const statements = await statementsFor("app.py", 'import boto3\nboto3.client("sqs").list_queues()\n');
 * ```
 */
export async function statementsFor(file: string, source: string): Promise<Statement[]> {
  const output = await generatePoliciesFor(file, source) as {
    Policies: Array<{ Policy: { Statement: Statement[] } }>;
  };
  return output.Policies.flatMap((p) => p.Policy.Statement);
}

/**
 * Resources of every statement granting `action`, sorted; undefined when no statement grants it (so a test can
 * tell "not granted" from "granted on `*`").
 *
 * @example
 * ```ts
 * import { resourcesOf } from "./policy_statements.ts";
 * resourcesOf([{ Action: ["sqs:ListQueues"], Resource: ["*"] }], "sqs:ListQueues"); // ["*"]
 * ```
 */
export function resourcesOf(statements: Statement[], action: string): string[] | undefined {
  const found = statements.filter((s) => s.Action.includes(action));
  return found.length ? found.flatMap((s) => s.Resource).sort() : undefined;
}

/**
 * A Go `main.go` that creates a client of the SDK v2 service package `pkg` (`lambda`, `secretsmanager`) as
 * `client` and runs `body` (lines, indented by the caller) with `aws`, `config` and `context` imported.
 *
 * @example
 * ```ts
 * import { goMain } from "./policy_statements.ts";
 * goMain("sqs", ["\tclient.ListQueues(context.TODO(), &sqs.ListQueuesInput{})"]).includes("sqs.NewFromConfig"); // true
 * ```
 */
export function goMain(pkg: string, body: string[]): string {
  return [
    "package main",
    "",
    "import (",
    '\t"context"',
    "",
    '\t"github.com/aws/aws-sdk-go-v2/aws"',
    '\t"github.com/aws/aws-sdk-go-v2/config"',
    `\t"github.com/aws/aws-sdk-go-v2/service/${pkg}"`,
    ")",
    "",
    "func main() {",
    "\tcfg, _ := config.LoadDefaultConfig(context.TODO())",
    `\tclient := ${pkg}.NewFromConfig(cfg)`,
    ...body,
    "}",
    "",
  ].join("\n");
}
