import assert from "node:assert/strict";
import { goMethod, goPackage, goPackageName } from "../../../pipeline/naming/go_names.ts";

Deno.test("Go v2 service package from the sdkId", () => {
  const cases: Array<[string, string]> = [
    ["S3", "s3"],
    ["SFN", "sfn"],
    ["CloudWatch Logs", "cloudwatchlogs"],
    ["DynamoDB", "dynamodb"],
    ["Secrets Manager", "secretsmanager"],
    ["Lambda", "lambda"],
    ["Elastic Load Balancing v2", "elasticloadbalancingv2"],
    ["Route 53", "route53"],
    ["IoT 1Click Devices Service", "iot1clickdevicesservice"],
    ["ACM PCA", "acmpca"],
  ];
  for (const [sdkId, pkg] of cases) {
    assert.equal(goPackageName(sdkId), pkg, sdkId);
    assert.equal(goPackage(sdkId), `github.com/aws/aws-sdk-go-v2/service/${pkg}`);
  }
});

Deno.test("Go v2 methods keep the operation name", () => {
  assert.equal(goMethod("ListObjectsV2"), "ListObjectsV2");
  assert.equal(goMethod("DescribeDBInstances"), "DescribeDBInstances");
});
