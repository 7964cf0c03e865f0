import assert from "node:assert/strict";
import { FEATURE_FUNCTION_PATTERN_ID } from "../../../lib/languages/go/patterns/feature_function.ts";
import { FEATURE_UTILITY_PATTERN_ID } from "../../../lib/languages/go/patterns/feature_utility.ts";
import { PRESIGN_CLIENT_PATTERN_ID } from "../../../lib/languages/go/patterns/presign_client.ts";
import { args, extract, fixtureFiles, summary } from "./extract.ts";

Deno.test("go features: manager Downloader, presign client, rds auth token; attributevalue calls nothing", async () => {
  const calls = await extract(fixtureFiles("features/main.go"));
  assert.deepEqual(calls.map(summary), [
    "main.go:16:2 Download [s3] GetObject",
    "main.go:18:2 PresignPutObject [s3] PutObject",
    "main.go:19:2 BuildAuthToken [rds-db] connect",
  ]);
  assert.deepEqual(calls.map((c) => c.pattern), [
    FEATURE_UTILITY_PATTERN_ID,
    PRESIGN_CLIENT_PATTERN_ID,
    FEATURE_FUNCTION_PATTERN_ID,
  ]);
  assert.equal(calls[0].via, "github.com/aws/aws-sdk-go-v2/feature/s3/manager.Downloader.Download");
  assert.deepEqual(args(calls[0]), { "#1": "null", Bucket: '"in"', Key: '"a"' });
  // rds-db:connect has no SDK operation: reported as (IAM prefix, action name), with `via`.
  assert.equal(calls[2].via, "github.com/aws/aws-sdk-go-v2/feature/rds/auth.BuildAuthToken");
  assert.deepEqual(args(calls[2]), {
    "#1": '"db:5432"',
    "#2": '"eu-west-1"',
    "#3": "$DB_USER",
    "#4": "?cfg.Credentials",
  });
});
