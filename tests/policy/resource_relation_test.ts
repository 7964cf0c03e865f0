import assert from "node:assert/strict";
import { compareResources, removeSubsumed } from "../../lib/policy/resource_relation.ts";

Deno.test("compareResources() relates ARNs segment by segment", () => {
  assert.equal(compareResources("arn:aws:s3:::b/*", "arn:aws:s3:::b/k"), "subsumes");
  assert.equal(compareResources("arn:aws:s3:::b/k", "arn:aws:s3:::b/*"), "subsumed");
  assert.equal(compareResources("arn:aws:s3:::b/k", "arn:aws:s3:::b/k"), "equivalent");
  assert.equal(compareResources("*", "arn:aws:s3:::b/k"), "subsumes");
  assert.equal(compareResources("arn:aws:s3:::a/*", "arn:aws:s3:::a/b/*"), "subsumes");
  assert.equal(compareResources("arn:*:s3:::*/*", "arn:aws:s3:::b/*"), "subsumes");
  // A region wildcard never spans into the account or resource segments.
  assert.equal(compareResources("arn:*:s3:::*/*", "arn:*:s3:*:*:accesspoint/*/object/*"), "incomparable");
  assert.equal(compareResources("arn:aws:s3:::a/*", "arn:aws:s3:::b/*"), "incomparable");
  assert.equal(compareResources("arn:aws:sqs:*:*:q", "arn:aws:sns:*:*:q"), "incomparable");
  assert.equal(compareResources("not-an-arn*", "not-an-arn-at-all"), "incomparable");
});

Deno.test("removeSubsumed() keeps a sorted minimal list", () => {
  assert.deepEqual(
    removeSubsumed(["arn:aws:s3:::b/k", "arn:aws:s3:::b/*", "arn:aws:s3:::a/x", "arn:aws:s3:::b/k"]),
    [
      "arn:aws:s3:::a/x",
      "arn:aws:s3:::b/*",
    ],
  );
  assert.deepEqual(removeSubsumed(["arn:aws:s3:::b/k", "*"]), ["*"]);
  assert.deepEqual(removeSubsumed([]), []);
});
