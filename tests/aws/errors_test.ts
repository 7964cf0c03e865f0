import assert from "node:assert/strict";
import { AwsCallError, toAwsCallError } from "../../lib/aws/mod.ts";

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra });

Deno.test("SDK errors keep their AWS error code, with advice and exit code 1", () => {
  const cases: [Error, string, RegExp][] = [
    [
      sdkError("NoSuchEntityException", "Role x not found", { Code: "NoSuchEntity" }),
      "NoSuchEntity",
      /not found$/,
    ],
    [
      sdkError("ThrottlingException", "Rate exceeded", { Code: "Throttling" }),
      "Throttling",
      /wait and rerun/,
    ],
    [sdkError("AccessDenied", "User: u is not authorized"), "AccessDenied", /not allowed to make this call/],
    [
      sdkError("CredentialsProviderError", "Could not load credentials"),
      "CredentialsProviderError",
      /AWS_PROFILE/,
    ],
    [sdkError("Error", "Region is missing"), "RegionMissing", /AWS_REGION/],
    [
      sdkError("TypeError", "error sending request: Connection refused (os error 111) ECONNREFUSED"),
      "NetworkError",
      /AWS_ENDPOINT_URL/,
    ],
    [sdkError("EntityAlreadyExistsException", "exists"), "EntityAlreadyExists", /exists$/],
  ];
  for (const [error, code, advice] of cases) {
    const converted = toAwsCallError("iam:PutRolePolicy", error);
    assert.ok(converted instanceof AwsCallError);
    assert.equal(converted.code, code);
    assert.equal(converted.exitCode, 1);
    assert.match(converted.message, new RegExp(`^iam:PutRolePolicy failed with ${code}: `));
    assert.match(converted.message, advice);
    assert.equal(converted.cause, error);
  }
  const once = toAwsCallError("a", sdkError("X", "y"));
  assert.equal(toAwsCallError("b", once), once, "not wrapped twice");
});
