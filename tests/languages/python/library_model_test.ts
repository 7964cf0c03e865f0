import assert from "node:assert/strict";
import { LIBRARY_MODEL_PATTERN_ID } from "../../../lib/languages/python/patterns/library_model.ts";
import { lines, runFixture } from "./pattern_fixture.ts";

Deno.test("python/library_model: Powertools parameters and idempotency from data; conditions and metrics call nothing", async () => {
  assert.equal(LIBRARY_MODEL_PATTERN_ID, "python/library_model");
  const { calls, pairs } = await runFixture("library_model");
  assert.deepEqual(lines(calls, LIBRARY_MODEL_PATTERN_ID), [
    "8 get_item GetItem", // DynamoDBPersistenceLayer(...)
    "8 put_item PutItem",
    "8 update_item UpdateItem",
    "8 delete_item DeleteItem",
    "9 get_secret_value GetSecretValue", // from ... import get_secret
    "15 get_parameter GetParameter", // parameters.get_parameter
    "16 get_parameters_by_path GetParametersByPath", // SSMProvider().get_multiple
  ]);
  assert.equal(
    calls.find((c) => c.operation === "GetParameter")!.via,
    "aws_lambda_powertools.utilities.parameters function.get_parameter",
  );
  assert.deepEqual(pairs, [
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParametersByPath",
  ]);
});
