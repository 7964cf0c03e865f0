/**
 * Generates a synthetic Python (boto3) repository for scale measurements: `files` modules of about 150 lines
 * (≈5 KB) each, mixing AWS SDK calls (clients, resources, paginators, waiters; literal and computed
 * arguments) with ordinary code, spread over packages of 50 modules.
 *
 * Usage: deno run -A tests/mcp/synthetic_repo.ts <dir> <files>
 *
 * @module
 */

const SERVICES: [string, string[]][] = [
  ["s3", ["get_object", "put_object", "list_objects_v2", "delete_object", "head_object", "copy_object"]],
  ["dynamodb", ["get_item", "put_item", "query", "update_item", "delete_item", "batch_write_item"]],
  ["sqs", ["send_message", "receive_message", "delete_message", "get_queue_url"]],
  ["sns", ["publish", "list_topics"]],
  ["lambda", ["invoke", "get_function"]],
  ["secretsmanager", ["get_secret_value"]],
  ["ssm", ["get_parameter", "get_parameters_by_path"]],
  ["kinesis", ["put_record", "put_records"]],
  ["stepfunctions", ["start_execution", "describe_execution"]],
  ["events", ["put_events"]],
  ["kms", ["encrypt", "decrypt"]],
  ["cloudwatch", ["put_metric_data"]],
];

function module(index: number): string {
  const lines: string[] = [
    `"""Module ${index}: synthetic service code."""`,
    "import json",
    "import logging",
    "import os",
    "",
    "import boto3",
    "",
    "logger = logging.getLogger(__name__)",
    `BUCKET = os.environ.get("BUCKET", "bucket-${index % 17}")`,
    `TABLE = "table-${index % 23}"`,
    "",
  ];
  const picks = [0, 1, 2].map((k) => SERVICES[(index * 7 + k * 5) % SERVICES.length]);
  picks.forEach(([service], k) => lines.push(`client_${k} = boto3.client("${service}")`));
  lines.push("");
  for (let f = 0; f < 8; f++) {
    const [service, methods] = picks[f % picks.length];
    const method = methods[(index + f) % methods.length];
    const client = `client_${f % picks.length}`;
    lines.push(
      `def handler_${f}(event, context=None):`,
      `    """Handles ${service} ${method} for record ${f}."""`,
      "    items = event.get('items', [])",
      "    total = 0",
      "    for item in items:",
      "        if not item:",
      "            continue",
      "        total += len(str(item))",
      `    logger.info("handler_${f} processing %d items", total)`,
    );
    if (service === "s3") {
      lines.push(`    result = ${client}.${method}(Bucket=BUCKET, Key=f"data/{total}.json")`);
    } else if (service === "dynamodb") {
      lines.push(`    result = ${client}.${method}(TableName=TABLE, Key={"id": {"S": str(total)}})`);
    } else lines.push(`    result = ${client}.${method}()`);
    lines.push(
      "    payload = json.dumps({'total': total, 'ok': True})",
      "    if total > 100:",
      "        payload = payload.upper()",
      "    return {'statusCode': 200, 'body': payload, 'result': str(result)}",
      "",
    );
  }
  if (index % 5 === 0) {
    lines.push(
      "def list_all():",
      '    paginator = boto3.client("s3").get_paginator("list_objects_v2")',
      "    for page in paginator.paginate(Bucket=BUCKET):",
      "        yield from page.get('Contents', [])",
      "",
    );
  }
  if (index % 7 === 0) {
    lines.push(
      "def table_resource():",
      '    table = boto3.resource("dynamodb").Table(TABLE)',
      "    return table.get_item(Key={'id': '1'})",
      "",
    );
  }
  while (lines.length < 150) lines.push(`# padding line ${lines.length} of ordinary, non-AWS code`);
  return lines.join("\n") + "\n";
}

/** Writes `files` modules under `dir`; returns total bytes. */
export async function writeSyntheticRepo(dir: string, files: number): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const pkg = `${dir}/pkg_${Math.floor(i / 50)}`;
    if (i % 50 === 0) {
      await Deno.mkdir(pkg, { recursive: true });
      await Deno.writeTextFile(`${pkg}/__init__.py`, "");
    }
    const text = module(i);
    bytes += text.length;
    await Deno.writeTextFile(`${pkg}/module_${i}.py`, text);
  }
  return bytes;
}

if (import.meta.main) {
  const [dir, files] = Deno.args;
  const bytes = await writeSyntheticRepo(dir, Number(files));
  console.log(`${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${dir}`);
}
