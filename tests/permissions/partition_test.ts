import assert from "node:assert/strict";
import { partitionFor, UnknownRegionError } from "../../lib/permissions/partition.ts";
import { ExitCode } from "../../lib/errors.ts";
import { fixtureKnowledgeBase } from "../helpers/knowledge_fixture.ts";

const kb = await fixtureKnowledgeBase();

Deno.test("partitionFor: known regions, pattern matches, and the wildcard", () => {
  assert.equal(partitionFor("us-east-1", kb), "aws");
  assert.equal(partitionFor("cn-north-1", kb), "aws-cn");
  assert.equal(partitionFor("eu-central-2", kb), "aws");
  assert.equal(partitionFor("*", kb), "*");
});

Deno.test("partitionFor: an unknown region is a usage error suggesting the nearest region", () => {
  assert.throws(() => partitionFor("uss-east-1", kb), (error: unknown) => {
    assert.ok(error instanceof UnknownRegionError);
    assert.equal(error.exitCode, ExitCode.Usage);
    assert.equal(
      error.message,
      "Unknown region 'uss-east-1': no AWS partition matches it. Did you mean us-east-1? " +
        "Use --region with a region name such as us-east-1, or * for any.",
    );
    return true;
  });
  assert.throws(() => partitionFor("mars", kb), {
    message: "Unknown region 'mars': no AWS partition matches it. " +
      "Use --region with a region name such as us-east-1, or * for any.",
  });
});
