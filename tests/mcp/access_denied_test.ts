/**
 * generate_policy_for_access_denied and fix_access_denied through MCP clients. The apply paths run against a
 * real moto_server: accept (over stdio and HTTP), decline, confirmed=false, duplicate, another account, and a
 * client without elicitation (nothing written, plan and how to apply returned).
 */
import assert from "node:assert/strict";
import {
  CreateRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
// @ts-types="@modelcontextprotocol/sdk/types"
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { Client, connectStdio, startHttpServer, StreamableHTTPClientTransport, textOf } from "./helpers.ts";
import { MOTO_ACCOUNT, startMoto } from "../helpers/moto.ts";

const denied = (role: string, account = MOTO_ACCOUNT) =>
  `An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::${account}:` +
  `assumed-role/${role}/i-0abc is not authorized to perform: s3:GetObject on resource: ` +
  `arn:aws:s3:::orders-bucket/reports/a.csv because no identity-based policy allows the s3:GetObject action`;

const EXPLICIT =
  `User: arn:aws:iam::${MOTO_ACCOUNT}:user/bob is not authorized to perform: sqs:SendMessage on resource: ` +
  `arn:aws:sqs:us-east-1:${MOTO_ACCOUNT}:orders with an explicit deny in an identity-based policy`;

type Answer = { action: "accept" | "decline" | "cancel"; content?: { confirmed: boolean } };

/** Makes the client answer every elicitation with `answer` and records the messages it was shown. */
function answerElicitations(client: Client, answer: Answer): string[] {
  const seen: string[] = [];
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    seen.push(String((request.params as { message?: string }).message));
    return answer;
  });
  return seen;
}

const ELICITATION = { capabilities: { elicitation: { form: {} } } };

async function createRole(iam: IAMClient, name: string) {
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        }],
      }),
    }),
  );
}

async function inlinePolicies(iam: IAMClient, role: string): Promise<string[]> {
  return (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
}

Deno.test("generate_policy_for_access_denied: plans as JSON objects, diagnosis, errors", async () => {
  const session = await connectStdio();
  try {
    const result = await session.client.callTool({
      name: "generate_policy_for_access_denied",
      arguments: { ErrorMessage: denied("orders-api") },
    });
    assert.equal(result.isError, undefined, textOf(result));
    const s = result.structuredContent as {
      Policy: { Statement: { Action: string; Resource: string }[] };
      Plans: {
        DenialType: string;
        Fixable: boolean;
        Target: { Kind: string; Name: string; PolicyName: string };
      }[];
      NextStep: string;
    };
    assert.equal(s.Plans.length, 1);
    assert.equal(s.Plans[0].DenialType, "ImplicitIdentity");
    assert.equal(s.Plans[0].Fixable, true);
    assert.deepEqual(s.Plans[0].Target, {
      Kind: "Role",
      Name: "orders-api",
      Account: MOTO_ACCOUNT,
      PolicyName: "IamPolicyAutopilot-orders-api",
    });
    assert.equal(s.Policy.Statement[0].Action, "s3:GetObject");
    assert.match(s.Policy.Statement[0].Resource, /^arn:aws:s3:::orders-bucket\//);
    assert.match(s.NextStep, /fix_access_denied/);
    assert.match(textOf(result), /ImplicitIdentity/);

    const explicit = await session.client.callTool({
      name: "generate_policy_for_access_denied",
      arguments: { ErrorMessage: EXPLICIT },
    });
    assert.equal(explicit.isError, undefined);
    const e = explicit.structuredContent as {
      Plans: { DenialType: string; Fixable: boolean }[];
      NextStep: string;
    };
    assert.equal(e.Plans[0].DenialType, "ExplicitIdentity");
    assert.equal(e.Plans[0].Fixable, false);

    const none = await session.client.callTool({
      name: "generate_policy_for_access_denied",
      arguments: { ErrorMessage: "Everything is fine." },
    });
    assert.equal(none.isError, true);
    assert.match(textOf(none), /No AccessDenied found/);
  } finally {
    await session.close();
  }
});

Deno.test("fix_access_denied: a client without elicitation gets the plan and how to apply it, nothing written", async () => {
  const moto = await startMoto();
  const iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1" });
  try {
    await createRole(iam, "no-elicit");
    const session = await connectStdio({ env: moto.env });
    try {
      const result = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("no-elicit") },
      });
      assert.equal(result.isError, undefined, textOf(result));
      const s = result.structuredContent as {
        Status: string;
        HowToApply: string;
        Policy: unknown;
        Results: [];
      };
      assert.equal(s.Status, "confirmation_unavailable");
      assert.match(s.HowToApply, /fix-access-denied/);
      assert.ok(s.Policy);
      assert.deepEqual(s.Results, []);
      assert.deepEqual(await inlinePolicies(iam, "no-elicit"), []);
    } finally {
      await session.close();
    }
  } finally {
    iam.destroy();
    await moto.stop();
  }
});

Deno.test("fix_access_denied: confirmation by elicitation (accept, decline, unchecked, duplicate, other account)", async () => {
  const moto = await startMoto();
  const iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1" });
  try {
    for (const role of ["accepted", "declined", "unchecked", "unanswered"]) await createRole(iam, role);

    // decline: nothing written
    let session = await connectStdio({ env: moto.env, capabilities: ELICITATION });
    try {
      const asked = answerElicitations(session.client, { action: "decline" });
      const result = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("declined") },
      });
      assert.equal(result.isError, undefined, textOf(result));
      assert.equal((result.structuredContent as { Status: string }).Status, "declined");
      assert.equal(asked.length, 1);
      assert.match(asked[0], /Are you sure you want to apply the following policy to role declined/);
      assert.match(asked[0], /"s3:GetObject"/);
      assert.deepEqual(await inlinePolicies(iam, "declined"), []);
    } finally {
      await session.close();
    }

    // the confirmation request fails (client error): nothing written, said in the text
    session = await connectStdio({ env: moto.env, capabilities: ELICITATION });
    try {
      session.client.setRequestHandler(ElicitRequestSchema, () => {
        throw new Error("the user closed the dialog");
      });
      const result = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("unanswered") },
      });
      assert.equal((result.structuredContent as { Status: string }).Status, "declined");
      assert.match(textOf(result), /confirmation request failed/);
      assert.deepEqual(await inlinePolicies(iam, "unanswered"), []);
    } finally {
      await session.close();
    }

    // accept with the box unchecked: nothing written
    session = await connectStdio({ env: moto.env, capabilities: ELICITATION });
    try {
      answerElicitations(session.client, { action: "accept", content: { confirmed: false } });
      const result = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("unchecked") },
      });
      assert.equal((result.structuredContent as { Status: string }).Status, "declined");
      assert.deepEqual(await inlinePolicies(iam, "unchecked"), []);
    } finally {
      await session.close();
    }

    // accept: written; ResourceOverride narrows/widens the resource
    session = await connectStdio({ env: moto.env, capabilities: ELICITATION });
    try {
      answerElicitations(session.client, { action: "accept", content: { confirmed: true } });
      const result = await session.client.callTool({
        name: "fix_access_denied",
        arguments: {
          ErrorMessage: denied("accepted"),
          ResourceOverride: "arn:aws:s3:::orders-bucket/reports/*",
        },
      });
      assert.equal(result.isError, undefined, textOf(result));
      const s = result.structuredContent as {
        Status: string;
        Results: { Principal: string; PolicyName: string; Status: string; IsNewPolicy: boolean }[];
      };
      assert.equal(s.Status, "applied");
      assert.equal(s.Results[0].Principal, "Role/accepted");
      assert.equal(s.Results[0].PolicyName, "IamPolicyAutopilot-accepted");
      assert.equal(s.Results[0].IsNewPolicy, true);
      assert.match(textOf(result), /Applied: created inline policy 'IamPolicyAutopilot-accepted'/);
      const written = await iam.send(
        new GetRolePolicyCommand({ RoleName: "accepted", PolicyName: "IamPolicyAutopilot-accepted" }),
      );
      const doc = JSON.parse(decodeURIComponent(written.PolicyDocument!));
      assert.equal(doc.Statement[0].Action, "s3:GetObject");
      assert.equal(doc.Statement[0].Resource, "arn:aws:s3:::orders-bucket/reports/*");

      // the same fix again: duplicate, reported as a failure of every change
      const again = await session.client.callTool({
        name: "fix_access_denied",
        arguments: {
          ErrorMessage: denied("accepted"),
          ResourceOverride: "arn:aws:s3:::orders-bucket/reports/*",
        },
      });
      assert.equal(again.isError, true);
      assert.equal(
        (again.structuredContent as { Results: { Status: string }[] }).Results[0].Status,
        "duplicate",
      );
      assert.match(textOf(again), /duplicate statement/);

      // a principal in another account than the credentials: refused, nothing written
      const other = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("accepted", "111122223333") },
      });
      assert.equal(other.isError, true);
      assert.match(textOf(other), /account_mismatch|account 111122223333/);

      // nothing fixable: explanation, no confirmation asked
      const explicit = await session.client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: EXPLICIT },
      });
      assert.equal((explicit.structuredContent as { Status: string }).Status, "not_fixable");
    } finally {
      await session.close();
    }
  } finally {
    iam.destroy();
    await moto.stop();
  }
});

Deno.test("fix_access_denied: elicitation over streamable HTTP", async () => {
  const moto = await startMoto();
  const iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1" });
  const server = await startHttpServer([], moto.env);
  try {
    await createRole(iam, "over-http");
    const { client, close } = await connectHttpWithElicitation(server.url);
    try {
      const asked = answerElicitations(client, { action: "accept", content: { confirmed: true } });
      const result = await client.callTool({
        name: "fix_access_denied",
        arguments: { ErrorMessage: denied("over-http") },
      });
      assert.equal(result.isError, undefined, textOf(result));
      assert.equal((result.structuredContent as { Status: string }).Status, "applied");
      assert.equal(asked.length, 1);
      assert.deepEqual(await inlinePolicies(iam, "over-http"), ["IamPolicyAutopilot-over-http"]);
    } finally {
      await close();
    }
  } finally {
    await server.stop();
    iam.destroy();
    await moto.stop();
  }
});

async function connectHttpWithElicitation(url: string) {
  const client = new Client({ name: "tests", version: "0" }, ELICITATION);
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  return {
    client,
    async close() {
      await transport.terminateSession().catch(() => {});
      await client.close();
    },
  };
}
