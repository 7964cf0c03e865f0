/**
 * End-to-end throughput of `generate-policies` on a generated, realistic Python tree, next to tree-sitter's bare
 * parse rate on the same files; plus the cold answer time for one small file.
 *
 *   deno run -A bench/generate_policies.ts [--files N] [--keep] [--runs R]
 *
 * Generates ≥ 2,000 Python files (≥ 20 MB: services with module-level boto3 clients, helper modules importing
 * them, classes, paginators, waiters, docstrings and comments) in a temp dir, then prints:
 * - generate-policies (a subprocess, as a user runs it, workers on): wall time, files/s, MB/s, peak RSS;
 * - bare parse: web-tree-sitter (grammars/mod.ts createParser) on one core, files/s and MB/s;
 * - the goal: end-to-end ≥ 70% × bare parse rate × cores used, and the ratio reached;
 * - a single small file's cold answer (fresh process, goal < 300 ms), median of R runs;
 * - the bound: bare parse on every core at once (one worker each) plus the small file's cold answer (start-up,
 *   knowledge database, output): what end to end would take if analysing and linking cost nothing.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createParser } from "../grammars/mod.ts";

const { values } = parseArgs({
  args: import.meta.main ? Deno.args : [],
  options: {
    files: { type: "string", default: "2200" },
    runs: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
  },
});
const FILES = Number(values.files);
const RUNS = Number(values.runs);
const CLI = new URL("../cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;

// ---------------------------------------------------------------------------------------------- generator

/** Deterministic PRNG (mulberry32) so every run benches the same tree. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES: Record<string, string[]> = {
  s3: [
    'get_object(Bucket=BUCKET, Key=f"{prefix}/{name}")',
    'put_object(Bucket=BUCKET, Key=f"out/{name}.json", Body=payload)',
    "delete_object(Bucket=BUCKET, Key=key)",
    "head_object(Bucket=BUCKET, Key=key)",
    "copy_object(Bucket=BUCKET, Key=key, CopySource={'Bucket': BUCKET, 'Key': name})",
  ],
  dynamodb: [
    'get_item(TableName=TABLE, Key={"pk": {"S": name}})',
    "put_item(TableName=TABLE, Item=item)",
    'update_item(TableName=TABLE, Key={"pk": {"S": name}}, UpdateExpression="SET n = n + :one", ExpressionAttributeValues={":one": {"N": "1"}})',
    'query(TableName=TABLE, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": name}})',
    "batch_write_item(RequestItems={TABLE: items})",
  ],
  sqs: [
    "send_message(QueueUrl=QUEUE_URL, MessageBody=payload)",
    "receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=10, WaitTimeSeconds=20)",
    "delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=handle)",
  ],
  sns: ["publish(TopicArn=TOPIC_ARN, Message=payload, Subject=name)"],
  lambda: ['invoke(FunctionName="worker-" + name, Payload=payload)'],
  secretsmanager: ["get_secret_value(SecretId=name)"],
  ssm: ['get_parameter(Name=f"/app/{name}", WithDecryption=True)'],
  kinesis: ["put_record(StreamName=STREAM, Data=payload, PartitionKey=name)"],
  stepfunctions: ["start_execution(stateMachineArn=STATE_MACHINE, input=payload)"],
  ec2: ["describe_instances(InstanceIds=[name])", "create_tags(Resources=[name], Tags=tags)"],
  logs: ["put_log_events(logGroupName=GROUP, logStreamName=name, logEvents=events)"],
  cloudwatch: ['put_metric_data(Namespace="App", MetricData=metrics)'],
};
const PAGINATORS: Record<string, string> = {
  s3: 'get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)',
  dynamodb: 'get_paginator("scan").paginate(TableName=TABLE)',
  ec2: 'get_paginator("describe_instances").paginate(Filters=filters)',
};
const WAITERS: Record<string, string> = {
  s3: 'get_waiter("object_exists").wait(Bucket=BUCKET, Key=key)',
  dynamodb: 'get_waiter("table_exists").wait(TableName=TABLE)',
};

function pick<T>(r: () => number, items: T[]): T {
  return items[Math.floor(r() * items.length)];
}

const WORDS = "order customer invoice payment shipment report ledger account session token record batch event"
  .split(" ");

function comment(r: () => number): string {
  const n = 3 + Math.floor(r() * 10);
  return Array.from({ length: n }, () => pick(r, WORDS)).join(" ");
}

/** One service module: clients at module level (or via a session), constants, a class, plain functions. */
function serviceModule(r: () => number, pkg: number, index: number): string {
  const services = Object.keys(SERVICES);
  const used = [...new Set([pick(r, services), pick(r, services), pick(r, services)])];
  const lines: string[] = [
    `"""${comment(r)}.`,
    "",
    `Module ${index} of package pkg${pkg}: ${comment(r)}.`,
    '"""',
    "import json",
    "import logging",
    "import os",
    "from dataclasses import dataclass, field",
    "from typing import Any, Dict, Iterable, List, Optional",
    "",
    "import boto3",
    "",
    "log = logging.getLogger(__name__)",
    'BUCKET = os.environ.get("BUCKET", "bench-bucket")',
    `TABLE = "table-${pkg}"`,
    'QUEUE_URL = os.environ["QUEUE_URL"]',
    'TOPIC_ARN = os.environ.get("TOPIC_ARN", "")',
    'STREAM = "events"',
    'STATE_MACHINE = os.environ.get("STATE_MACHINE", "")',
    'GROUP = "/bench/app"',
    "",
  ];
  if (r() < 0.5) {
    lines.push("session = boto3.Session()");
    for (const s of used) lines.push(`${s.replace(/-/g, "_")}_client = session.client("${s}")`);
  } else {
    for (const s of used) lines.push(`${s.replace(/-/g, "_")}_client = boto3.client("${s}")`);
  }
  lines.push("");
  const functions = 4 + Math.floor(r() * 8);
  for (let f = 0; f < functions; f++) {
    const s = pick(r, used);
    const client = `${s.replace(/-/g, "_")}_client`;
    lines.push(
      "",
      "",
      `def handle_${
        pick(r, WORDS)
      }_${f}(name: str, payload: str = "", prefix: str = "in", key: str = "k", handle=None,`,
      `                      item: Optional[Dict[str, Any]] = None, items: Optional[List[Any]] = None,`,
      `                      tags=None, filters=None, events=None, metrics=None) -> Dict[str, Any]:`,
      `    """${comment(r)}.`,
      "",
      `    Args:`,
      `        name: ${comment(r)}`,
      `        payload: ${comment(r)}`,
      `    """`,
      `    # ${comment(r)}`,
      `    log.debug("handling %s with %d bytes", name, len(payload))`,
      `    result: Dict[str, Any] = {"name": name, "ok": True}`,
      `    for attempt in range(3):`,
      `        try:`,
      `            response = ${client}.${pick(r, SERVICES[s])}`,
      `            result["response"] = response`,
      `            break`,
      `        except Exception as exc:  # ${comment(r)}`,
      `            log.warning("attempt %d failed: %s", attempt, exc)`,
      `            result["ok"] = False`,
    );
    if (PAGINATORS[s] && r() < 0.3) {
      lines.push(
        `    for page in ${client}.${PAGINATORS[s]}:`,
        `        result.setdefault("pages", []).append(len(json.dumps(page, default=str)))`,
      );
    }
    if (WAITERS[s] && r() < 0.15) lines.push(`    ${client}.${WAITERS[s]}`);
    lines.push(
      `    values = [x * 2 for x in range(10) if x % 3]`,
      `    result["values"] = values`,
      `    return result`,
    );
  }
  lines.push(
    "",
    "",
    "@dataclass",
    `class ${pick(r, WORDS).replace(/^./, (c) => c.toUpperCase())}Service${index}:`,
    `    """${comment(r)}."""`,
    "",
    "    name: str",
    "    retries: int = 3",
    "    cache: Dict[str, Any] = field(default_factory=dict)",
    "",
  );
  for (let m = 0; m < 6; m++) {
    lines.push(
      `    def method_${m}(self, key: str) -> Any:`,
      `        # ${comment(r)}`,
      "        if key in self.cache:",
      "            return self.cache[key]",
      `        value = {"key": key, "n": ${m}, "text": "${comment(r)}"}`,
      "        self.cache[key] = value",
      "        return value",
      "",
    );
  }
  return lines.join("\n") + "\n";
}

/** A helper that imports another module's client and calls it (cross-module resolution). */
function helperModule(r: () => number, pkg: number, index: number, target: number): string {
  const services = Object.keys(SERVICES);
  const s = pick(r, services);
  return [
    `"""Helpers for pkg${pkg}: ${comment(r)}."""`,
    `from pkg${pkg}.service_${target} import log`,
    `from pkg${pkg} import service_${target} as svc`,
    "import boto3",
    "",
    `${s.replace(/-/g, "_")}_client = boto3.client("${s}")`,
    "",
    ...Array.from({ length: 30 }, (_, i) =>
      [
        "",
        `def helper_${index}_${i}(name, payload="", prefix="p", key="k", handle=None, item=None, items=None, tags=None, filters=None, events=None, metrics=None):`,
        `    # ${comment(r)}`,
        `    BUCKET = TABLE = QUEUE_URL = TOPIC_ARN = STREAM = STATE_MACHINE = GROUP = name`,
        `    log.info("${comment(r)}")`,
        `    return ${s.replace(/-/g, "_")}_client.${pick(r, SERVICES[s])}`,
      ].join("\n")),
  ].join("\n") + "\n";
}

/** Writes the deterministic bench tree under `root` (also used by tests/languages/python/facts_equivalence.ts). */
export async function generateTree(root: string, files: number): Promise<{ files: string[]; bytes: number }> {
  const r = rng(20260926);
  const paths: string[] = [];
  let bytes = 0;
  const perPackage = 40;
  for (let i = 0; i < files; i++) {
    const pkg = Math.floor(i / perPackage);
    const dir = `${root}/pkg${pkg}`;
    if (i % perPackage === 0) {
      await Deno.mkdir(dir, { recursive: true });
      await Deno.writeTextFile(`${dir}/__init__.py`, `"""Package ${pkg}."""\n`);
      paths.push(`${dir}/__init__.py`);
    }
    const local = i % perPackage;
    const helper = local % 4 === 3;
    const text = helper
      ? helperModule(r, pkg, local, local - 1 - (local % 4 === 3 ? 0 : 1))
      : serviceModule(r, pkg, local);
    const path = `${dir}/${helper ? "helpers" : "service"}_${local}.py`;
    await Deno.writeTextFile(path, text);
    paths.push(path);
    bytes += new TextEncoder().encode(text).length;
  }
  return { files: paths, bytes };
}

// ---------------------------------------------------------------------------------------------- measures

/** Runs a command, polling /proc/<pid>/status for the peak resident set (VmHWM) while it runs. */
async function runMeasured(
  args: string[],
): Promise<{ ms: number; peakRssMb: number; code: number; stderr: string }> {
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "piped" }).spawn();
  let peak = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      try {
        const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch { /* exited, or no /proc */ }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const out = await child.output();
  running = false;
  await poll;
  return {
    ms: performance.now() - t0,
    peakRssMb: peak,
    code: out.code,
    stderr: new TextDecoder().decode(out.stderr),
  };
}

async function bareParse(files: string[]): Promise<{ ms: number; bytes: number }> {
  const parser = await createParser("python");
  const texts = await Promise.all(files.map((f) => Deno.readTextFile(f)));
  parser.parse(texts[0])?.delete(); // warm-up: JIT, grammar tables
  const t0 = performance.now();
  let bytes = 0;
  for (const text of texts) {
    const tree = parser.parse(text);
    tree?.delete();
    bytes += text.length;
  }
  return { ms: performance.now() - t0, bytes };
}

/** Wall time of a bare parse of `files` dealt round-robin to `cores` workers (slowest worker's parse time). */
async function parallelBareParse(files: string[], cores: number): Promise<number> {
  const texts = await Promise.all(files.map((f) => Deno.readTextFile(f)));
  const workers = Array.from(
    { length: cores },
    () => new Worker(new URL("./parse_worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    const times = await Promise.all(workers.map((worker, i) =>
      new Promise<number>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(texts.filter((_, j) => j % cores === i));
      })
    ));
    return Math.max(...times);
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---------------------------------------------------------------------------------------------- main

if (import.meta.main) {
  const root = await Deno.makeTempDir({ prefix: "iam_autopilot_bench_" });
  try {
    const tree = await generateTree(root, FILES);
    const mb = tree.bytes / 1e6;
    const cores = Math.min(navigator.hardwareConcurrency || 1, 8);
    console.log(`tree: ${tree.files.length} files, ${mb.toFixed(1)} MB in ${root}; cores: ${cores}`);

    const gpArgs = [
      "run",
      "-A",
      "--config",
      CONFIG,
      CLI,
      "generate-policies",
      root,
      "--region",
      "us-east-1",
      "--account",
      "123456789012",
    ];
    await runMeasured(gpArgs); // warm the OS file cache and Deno's module cache
    const e2eRuns = [];
    for (let i = 0; i < 3; i++) e2eRuns.push(await runMeasured(gpArgs));
    const e2e = e2eRuns.sort((a, b) => a.ms - b.ms)[1];
    if (e2e.code !== 0) console.log(`generate-policies exited ${e2e.code}: ${e2e.stderr.slice(0, 500)}`);
    const e2eFilesPerSec = tree.files.length / (e2e.ms / 1000);
    const e2eMbPerSec = mb / (e2e.ms / 1000);
    console.log(
      `generate-policies: ${(e2e.ms / 1000).toFixed(2)} s (median of 3) → ${
        e2eFilesPerSec.toFixed(0)
      } files/s, ` +
        `${e2eMbPerSec.toFixed(2)} MB/s, peak RSS ${e2e.peakRssMb.toFixed(0)} MB`,
    );

    const parse = await bareParse(tree.files);
    const parseFilesPerSec = tree.files.length / (parse.ms / 1000);
    const parseMbPerSec = parse.bytes / 1e6 / (parse.ms / 1000);
    console.log(
      `bare tree-sitter parse (1 core): ${(parse.ms / 1000).toFixed(2)} s → ${
        parseFilesPerSec.toFixed(0)
      } files/s, ` +
        `${parseMbPerSec.toFixed(2)} MB/s`,
    );
    const goal = 0.7 * parseMbPerSec * cores;
    console.log(
      `goal: ≥ 70% × ${parseMbPerSec.toFixed(2)} MB/s × ${cores} cores = ${goal.toFixed(2)} MB/s; ` +
        `reached ${e2eMbPerSec.toFixed(2)} MB/s = ${(100 * e2eMbPerSec / goal).toFixed(0)}% of goal ` +
        `(${(100 * e2eMbPerSec / (parseMbPerSec * cores)).toFixed(0)}% of bare parse × cores)`,
    );

    const small = `${root}/small_handler.py`;
    await Deno.writeTextFile(
      small,
      'import boto3\ns3 = boto3.client("s3")\n\ndef handler(event, context):\n' +
        '    return s3.get_object(Bucket="b", Key=event["key"])["Body"].read()\n',
    );
    const smallArgs = ["run", "-A", "--config", CONFIG, CLI, "generate-policies", small];
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) cold.push((await runMeasured(smallArgs)).ms);
    console.log(
      `single small file, cold process: median ${median(cold).toFixed(0)} ms of ${RUNS} ` +
        `(min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)}); goal < 300 ms`,
    );

    const parallel = await parallelBareParse(tree.files, cores);
    const bound = parallel + median(cold);
    console.log(
      `bound: bare parse on ${cores} workers ${(parallel / 1000).toFixed(2)} s + small-file cold answer = ` +
        `${(bound / 1000).toFixed(2)} s → ${(100 * (mb / (bound / 1000)) / goal).toFixed(0)}% of goal ` +
        `if analysing and linking cost nothing`,
    );
  } finally {
    if (!values.keep) await Deno.remove(root, { recursive: true });
  }
}
