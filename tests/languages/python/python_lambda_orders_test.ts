import assert from "node:assert/strict";
import { KnowledgeBase } from "../../../lib/knowledge/knowledge_base.ts";
import type { SourceFile } from "../../../lib/types.ts";
import { tinyKnowledgeBase } from "../../helpers/tiny_knowledge_base.ts";
import { args, extract, summary } from "./extract.ts";

const APP = new URL("../../fixtures/apps/python_lambda_orders/", import.meta.url);

function appFiles(): SourceFile[] {
  return ["handler.py", "helpers.py"].map((name) => ({
    path: `python_lambda_orders/${name}`,
    language: "python",
    text: Deno.readTextFileSync(new URL(name, APP)),
  }));
}

/** The real knowledge base when it has been built, else the tiny one (the assertions hold for both). */
async function knowledgeBase(): Promise<KnowledgeBase> {
  try {
    return await KnowledgeBase.open({
      path: new URL("../../../db/knowledge.sqlite.gz", import.meta.url).pathname,
    });
  } catch {
    return await tinyKnowledgeBase();
  }
}

Deno.test("python_lambda_orders: module-level clients in helpers.py used from handler.py", async () => {
  const kb = await knowledgeBase();
  try {
    const calls = await extract(appFiles(), kb);
    const aws = calls.filter((c) => c.services.length > 0);
    assert.deepEqual(aws.map(summary), [
      "handler.py:12:12 get_item [dynamodb]",
      "handler.py:15:5 put_object [s3]",
      "handler.py:22:17 list_objects_v2 [s3] ListObjectsV2",
      "handler.py:25:5 describe_table [dynamodb] DescribeTable",
      "handler.py:26:5 send_message [sqs]",
      "helpers.py:20:12 get_queue_url [sqs]",
    ]);
    assert.deepEqual(args(aws[0]), { TableName: "$ORDERS_TABLE", Key: '?{"id": {"S": order_id}}' });
    assert.deepEqual(args(aws[1]), {
      Bucket: "$ARCHIVE_BUCKET",
      Key: "~orders/*.json",
      Body: "?json.dumps(item)",
    });
    assert.deepEqual(args(aws[2]), { Bucket: "$ARCHIVE_BUCKET", Prefix: '"orders/"' });
    assert.deepEqual(args(aws[3]), { TableName: "$ORDERS_TABLE" });
    assert.deepEqual(args(aws[5]), { QueueName: '"orders-events"' });
    // Untracked receivers of SDK method names would stay for resolution to judge; `log.info`, `json.dumps`,
    // `os.environ.get` and the project's own functions are no SDK operations and yield nothing.
    assert.deepEqual(calls.filter((c) => c.services.length === 0).map((c) => c.method), []);
  } finally {
    kb.close();
  }
});
