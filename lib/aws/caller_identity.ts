/**
 * STS GetCallerIdentity: who the configured credentials belong to.
 *
 * @module
 */
import { awsCall, type AwsSession } from "./session.ts";

/** The caller of the configured credentials. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/**
 * Asks STS who the credentials belong to (needs no permission).
 *
 * @example
 * ```ts ignore
 * const { account } = await callerIdentity(await openAwsSession());
 * ```
 * @throws {AwsCallError} no credentials, network or endpoint problems.
 */
export async function callerIdentity(aws: AwsSession): Promise<CallerIdentity> {
  const out = await awsCall(
    "sts:GetCallerIdentity",
    () => aws.sts.send(new aws.sdk.sts.GetCallerIdentityCommand({})),
  );
  return { account: out.Account ?? "", arn: out.Arn ?? "", userId: out.UserId ?? "" };
}
