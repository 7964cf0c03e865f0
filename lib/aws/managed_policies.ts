/**
 * Customer managed policies: list names, create.
 *
 * @module
 */
import { awsCall, type AwsSession } from "./session.ts";

/** A managed policy IAM created. */
export interface CreatedPolicy {
  name: string;
  arn: string;
  id: string;
}

/**
 * Names of every customer managed policy of the account (ListPolicies, scope Local, all pages).
 *
 * @example
 * ```ts ignore
 * await listLocalPolicyNames(aws); // ["IamPolicyAutopilotGeneratedPolicy_1", ...]
 * ```
 */
export async function listLocalPolicyNames(aws: AwsSession): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await awsCall(
      "iam:ListPolicies",
      () => aws.iam.send(new aws.sdk.iam.ListPoliciesCommand({ Scope: "Local", Marker: marker })),
    );
    for (const policy of page.Policies ?? []) if (policy.PolicyName) names.push(policy.PolicyName);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return names;
}

/**
 * Creates a customer managed policy. IAM refuses an existing name (`EntityAlreadyExists`), so this never
 * overwrites anything.
 *
 * @example
 * ```ts ignore
 * const created = await createManagedPolicy(aws, "IamPolicyAutopilotGeneratedPolicy_1", JSON.stringify(doc));
 * ```
 * @throws {AwsCallError} e.g. `EntityAlreadyExists`, `MalformedPolicyDocument`, `LimitExceeded`, `AccessDenied`.
 */
export async function createManagedPolicy(
  aws: AwsSession,
  name: string,
  document: string,
  description?: string,
): Promise<CreatedPolicy> {
  const out = await awsCall("iam:CreatePolicy", () =>
    aws.iam.send(
      new aws.sdk.iam.CreatePolicyCommand({
        PolicyName: name,
        PolicyDocument: document,
        Description: description,
      }),
    ));
  return { name: out.Policy?.PolicyName ?? name, arn: out.Policy?.Arn ?? "", id: out.Policy?.PolicyId ?? "" };
}
