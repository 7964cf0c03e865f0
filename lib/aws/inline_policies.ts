/**
 * Inline policies of IAM roles and users: list, read, write.
 *
 * @module
 */
import { awsCall, type AwsSession } from "./session.ts";

/** An IAM role or user by name, in the account of the credentials. */
export interface InlinePolicyHolder {
  kind: "role" | "user";
  name: string;
}

/** An inline policy as stored: its name and document text (URL-decoded, exactly as IAM returns it). */
export interface InlinePolicy {
  name: string;
  document: string;
}

function label(holder: InlinePolicyHolder, verb: "List" | "Get" | "Put"): string {
  return `iam:${verb}${holder.kind === "role" ? "Role" : "User"}Polic${verb === "List" ? "ies" : "y"}`;
}

/**
 * Names of every inline policy of a role or user (all pages).
 *
 * @example
 * ```ts ignore
 * await listInlinePolicyNames(aws, { kind: "role", name: "app" }); // ["IamPolicyAutopilot-app", "other"]
 * ```
 * @throws {AwsCallError} `NoSuchEntity` when the role or user does not exist.
 */
export async function listInlinePolicyNames(aws: AwsSession, holder: InlinePolicyHolder): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await awsCall<{ PolicyNames?: string[]; IsTruncated?: boolean; Marker?: string }>(
      label(holder, "List"),
      () =>
        holder.kind === "role"
          ? aws.iam.send(new aws.sdk.iam.ListRolePoliciesCommand({ RoleName: holder.name, Marker: marker }))
          : aws.iam.send(new aws.sdk.iam.ListUserPoliciesCommand({ UserName: holder.name, Marker: marker })),
    );
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return names;
}

/**
 * One inline policy's document text (decoded from IAM's URL encoding), or undefined when it does not exist.
 *
 * @example
 * ```ts ignore
 * const policy = await getInlinePolicy(aws, { kind: "user", name: "bob" }, "IamPolicyAutopilot-bob");
 * ```
 * @throws {AwsCallError} any failure but a missing policy.
 */
export async function getInlinePolicy(
  aws: AwsSession,
  holder: InlinePolicyHolder,
  policyName: string,
): Promise<InlinePolicy | undefined> {
  try {
    const out = await awsCall<{ PolicyDocument?: string }>(
      label(holder, "Get"),
      () =>
        holder.kind === "role"
          ? aws.iam.send(
            new aws.sdk.iam.GetRolePolicyCommand({ RoleName: holder.name, PolicyName: policyName }),
          )
          : aws.iam.send(
            new aws.sdk.iam.GetUserPolicyCommand({ UserName: holder.name, PolicyName: policyName }),
          ),
    );
    return { name: policyName, document: decodeURIComponent(out.PolicyDocument ?? "") };
  } catch (error) {
    if ((error as { code?: string }).code === "NoSuchEntity") return undefined;
    throw error;
  }
}

/**
 * Creates or replaces one inline policy (a single IAM call: it is written whole or not at all).
 *
 * @example
 * ```ts ignore
 * await putInlinePolicy(aws, { kind: "role", name: "app" }, "IamPolicyAutopilot-app", JSON.stringify(doc));
 * ```
 * @throws {AwsCallError} e.g. `NoSuchEntity`, `AccessDenied`, `MalformedPolicyDocument`, `LimitExceeded`.
 */
export async function putInlinePolicy(
  aws: AwsSession,
  holder: InlinePolicyHolder,
  policyName: string,
  document: string,
): Promise<void> {
  await awsCall<unknown>(label(holder, "Put"), () =>
    holder.kind === "role"
      ? aws.iam.send(
        new aws.sdk.iam.PutRolePolicyCommand({
          RoleName: holder.name,
          PolicyName: policyName,
          PolicyDocument: document,
        }),
      )
      : aws.iam.send(
        new aws.sdk.iam.PutUserPolicyCommand({
          UserName: holder.name,
          PolicyName: policyName,
          PolicyDocument: document,
        }),
      ));
}
