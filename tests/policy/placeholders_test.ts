import assert from "node:assert/strict";
import { PolicyInternalError } from "../../lib/policy/errors.ts";
import { fillConditions, fillPlaceholders } from "../../lib/policy/placeholders.ts";

const concrete = { partition: "aws-cn", region: "cn-north-1", account: "123456789012" };
const wild = { partition: "*", region: "*", account: "*" };

Deno.test("fillPlaceholders() fills context placeholders case-insensitively and others with *", () => {
  assert.deepEqual(
    fillPlaceholders("arn:${partition}:kms:${REGION}:${Account}:key/${KeyId}", concrete),
    { value: "arn:aws-cn:kms:cn-north-1:123456789012:key/*", wildcard: true },
  );
  assert.deepEqual(fillPlaceholders("arn:${Partition}:iam::${Account}:root", concrete), {
    value: "arn:aws-cn:iam::123456789012:root",
    wildcard: false,
  });
  assert.deepEqual(fillPlaceholders("arn:${Partition}:iam::${Account}:root", wild).wildcard, true);
  assert.throws(
    () => fillPlaceholders("arn:${}:s3:::b", concrete),
    (error: unknown) => error instanceof PolicyInternalError && error.code === "empty-placeholder",
  );
});

Deno.test("fillConditions() moves values to StringLike only when a wildcard was introduced", () => {
  const conditions = {
    StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"], "aws:ResourceAccount": ["literal*"] },
  };
  assert.deepEqual(fillConditions(conditions, concrete), {
    StringEquals: { "kms:ViaService": ["s3.cn-north-1.amazonaws.com"], "aws:ResourceAccount": ["literal*"] },
  });
  assert.deepEqual(fillConditions(conditions, wild), {
    StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] },
    StringEquals: { "aws:ResourceAccount": ["literal*"] },
  });
  assert.deepEqual(
    fillConditions({
      StringLike: { "kms:ViaService": ["sqs.*.amazonaws.com"] },
      StringEquals: { "kms:ViaService": ["s3.${region}.amazonaws.com"] },
    }, wild),
    { StringLike: { "kms:ViaService": ["sqs.*.amazonaws.com", "s3.*.amazonaws.com"] } },
  );
});
