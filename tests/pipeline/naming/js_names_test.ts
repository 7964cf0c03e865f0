import assert from "node:assert/strict";
import {
  jsAggregatedClient,
  jsClient,
  jsCommand,
  jsMethod,
  jsPackage,
} from "../../../pipeline/naming/js_names.ts";

// [sdkId, package, client, aggregated client] as published on npm / in aws-sdk-js-v3 clients/.
const SERVICES: Array<[string, string, string, string]> = [
  ["SFN", "@aws-sdk/client-sfn", "SFNClient", "SFN"],
  ["CloudWatch Logs", "@aws-sdk/client-cloudwatch-logs", "CloudWatchLogsClient", "CloudWatchLogs"],
  ["Lambda", "@aws-sdk/client-lambda", "LambdaClient", "Lambda"],
  ["DynamoDB", "@aws-sdk/client-dynamodb", "DynamoDBClient", "DynamoDB"],
  ["DynamoDB Streams", "@aws-sdk/client-dynamodb-streams", "DynamoDBStreamsClient", "DynamoDBStreams"],
  ["S3", "@aws-sdk/client-s3", "S3Client", "S3"],
  ["S3 Control", "@aws-sdk/client-s3-control", "S3ControlClient", "S3Control"],
  ["Secrets Manager", "@aws-sdk/client-secrets-manager", "SecretsManagerClient", "SecretsManager"],
  [
    "Elastic Load Balancing v2",
    "@aws-sdk/client-elastic-load-balancing-v2",
    "ElasticLoadBalancingV2Client",
    "ElasticLoadBalancingV2",
  ],
  ["API Gateway", "@aws-sdk/client-api-gateway", "APIGatewayClient", "APIGateway"],
  ["ApiGatewayV2", "@aws-sdk/client-apigatewayv2", "ApiGatewayV2Client", "ApiGatewayV2"],
  ["Route 53", "@aws-sdk/client-route-53", "Route53Client", "Route53"],
  [
    "Lex Runtime Service",
    "@aws-sdk/client-lex-runtime-service",
    "LexRuntimeServiceClient",
    "LexRuntimeService",
  ],
  ["codeartifact", "@aws-sdk/client-codeartifact", "CodeartifactClient", "Codeartifact"],
  ["ivs", "@aws-sdk/client-ivs", "IvsClient", "Ivs"],
  [
    "Resource Explorer 2",
    "@aws-sdk/client-resource-explorer-2",
    "ResourceExplorer2Client",
    "ResourceExplorer2",
  ],
  ["CloudHSM V2", "@aws-sdk/client-cloudhsm-v2", "CloudHSMV2Client", "CloudHSMV2"],
  ["SESv2", "@aws-sdk/client-sesv2", "SESv2Client", "SESv2"],
  ["IoT Data Plane", "@aws-sdk/client-iot-data-plane", "IoTDataPlaneClient", "IoTDataPlane"],
  [
    "Cost and Usage Report Service",
    "@aws-sdk/client-cost-and-usage-report-service",
    "CostAndUsageReportServiceClient",
    "CostAndUsageReportService",
  ],
];

Deno.test("JS v3 package and client names from the sdkId", () => {
  for (const [sdkId, pkg, client, aggregated] of SERVICES) {
    assert.equal(jsPackage(sdkId), pkg, sdkId);
    assert.equal(jsClient(sdkId), client, sdkId);
    assert.equal(jsAggregatedClient(sdkId), aggregated, sdkId);
  }
});

Deno.test("JS v3 command and aggregated-client method names", () => {
  assert.equal(jsCommand("ListObjectsV2"), "ListObjectsV2Command");
  assert.equal(jsCommand("GetObject"), "GetObjectCommand");
  assert.equal(jsMethod("ListObjectsV2"), "listObjectsV2");
  assert.equal(jsMethod("GetObject"), "getObject");
  assert.equal(jsMethod("DescribeDBInstances"), "describeDBInstances");
  assert.equal(jsMethod(""), "");
});
