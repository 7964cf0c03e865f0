/**
 * The MCP server: one `McpServer` with every tool registered. Transports live in `stdio.ts` and `http.ts`.
 *
 * @module
 */
import { McpServer } from "./sdk.ts";
import { VERSION } from "../version.ts";
import type { ServerContext } from "./context.ts";
import { registerGenerateApplicationPolicies } from "./tools/generate_application_policies.ts";
import { registerExplainPermissions } from "./tools/explain_permissions.ts";
import { registerLookupOperationPermissions } from "./tools/lookup_operation_permissions.ts";
import { registerAccessDeniedTools } from "./tools/access_denied.ts";

/** The server's name in `initialize`. */
export const SERVER_NAME = "iam-policy-autopilot";

/** Workflow guidance for assistants, sent as the server's `instructions`. */
export const SERVER_INSTRUCTIONS =
  `iam-policy-autopilot writes AWS IAM identity policies from application source code and turns AccessDenied errors into fixes. Analysis is offline (a bundled knowledge database of AWS SDK models and the Service Authorization Reference); only fix_access_denied talks to AWS.

- Writing or reviewing an IAM policy, execution role or permissions for code: call generate_application_policies with absolute paths of all files or directories that call AWS (the project root is fine). Ask the user for region and account id instead of guessing. Show the result for review; never attach it without the user's consent.
- The user asks why an action is there or wants to audit a policy: explain_permissions.
- The user asks what one API call or SDK method needs: lookup_operation_permissions.
- An AccessDenied / "is not authorized to perform" error: call generate_policy_for_access_denied with the full error text and show the proposed policy. Only if the user wants the fix applied, call fix_access_denied; it asks the user to confirm before changing IAM.
- Tool errors (isError) say what to change in the arguments; fix them and retry rather than giving up.`;

/** Creates a server with all tools, bound to the shared context. */
export function createMcpServer(ctx: ServerContext): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: "IAM Policy Autopilot", version: VERSION },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  registerGenerateApplicationPolicies(server, ctx);
  registerAccessDeniedTools(server, ctx);
  registerExplainPermissions(server, ctx);
  registerLookupOperationPermissions(server, ctx);
  return server;
}
