import assert from "node:assert/strict";
import {
  javaClient,
  javaMethod,
  javaPackage,
  javaServiceName,
  pascalCase,
  splitOnWordBoundaries,
} from "../../../pipeline/naming/java_names.ts";

Deno.test("Java v2 splitOnWordBoundaries and pascalCase follow CodegenNamingUtils", () => {
  assert.deepEqual(splitOnWordBoundaries("acm-success"), ["acm", "success"]);
  assert.deepEqual(splitOnWordBoundaries("AcmSuccess"), ["Acm", "Success"]);
  assert.deepEqual(splitOnWordBoundaries("ACMSuccess"), ["ACM", "Success"]);
  assert.deepEqual(splitOnWordBoundaries("TESTv4"), ["TEST", "v4"]);
  assert.deepEqual(splitOnWordBoundaries("TestV4"), ["Test", "V4"]);
  assert.deepEqual(splitOnWordBoundaries("s3ec2"), ["s3", "ec2"]);
  assert.equal(pascalCase("DynamoDB"), "DynamoDb");
  assert.equal(pascalCase("SESv2"), "SesV2");
});

Deno.test("Java v2 client and package names from the serviceId", () => {
  // [serviceId, client, package suffix] as published in software.amazon.awssdk:*.
  const cases: Array<[string, string, string]> = [
    ["S3", "S3Client", "s3"],
    ["SFN", "SfnClient", "sfn"],
    ["CloudWatch Logs", "CloudWatchLogsClient", "cloudwatchlogs"],
    ["DynamoDB", "DynamoDbClient", "dynamodb"],
    ["DynamoDB Streams", "DynamoDbStreamsClient", "dynamodb.streams"],
    ["Secrets Manager", "SecretsManagerClient", "secretsmanager"],
    ["Lambda", "LambdaClient", "lambda"],
    ["Elastic Load Balancing v2", "ElasticLoadBalancingV2Client", "elasticloadbalancingv2"],
    ["Lex Runtime Service", "LexRuntimeClient", "lexruntime"],
    ["IoT 1Click Devices Service", "Iot1ClickDevicesClient", "iot1clickdevices"],
    ["API Gateway", "ApiGatewayClient", "apigateway"],
    ["ApiGatewayV2", "ApiGatewayV2Client", "apigatewayv2"],
    ["SESv2", "SesV2Client", "sesv2"],
    ["EC2", "Ec2Client", "ec2"],
    ["IAM", "IamClient", "iam"],
    ["SQS", "SqsClient", "sqs"],
    ["ACM PCA", "AcmPcaClient", "acmpca"],
    ["Route 53", "Route53Client", "route53"],
  ];
  for (const [serviceId, client, pkg] of cases) {
    assert.equal(javaClient(serviceId), client, serviceId);
    assert.equal(javaPackage(serviceId), `software.amazon.awssdk.services.${pkg}`, serviceId);
  }
  assert.equal(javaServiceName("Marketplace Entitlement Service"), "MarketplaceEntitlement");
});

Deno.test("Java v2 method names (Utils.unCapitalize)", () => {
  assert.equal(javaMethod("ListObjectsV2"), "listObjectsV2");
  assert.equal(javaMethod("GetObject"), "getObject");
  assert.equal(javaMethod("DescribeDBInstances"), "describeDBInstances");
  assert.equal(javaMethod("DBInstanceAvailable"), "dbInstanceAvailable");
  assert.equal(javaMethod("SSMDocument"), "ssmDocument");
  assert.equal(javaMethod("ABC"), "abc");
  assert.equal(javaMethod("A"), "a");
  assert.throws(() => javaMethod(""));
});
