/**
 * STS DecodeAuthorizationMessage: the details behind an "Encoded authorization failure message".
 *
 * @module
 */
import { awsCall, type AwsSession } from "./session.ts";

/**
 * Decodes an encoded authorization failure message; needs `sts:DecodeAuthorizationMessage`.
 *
 * @example
 * ```ts ignore
 * const json = await decodeAuthorizationMessage(aws, "AbCd...");
 * JSON.parse(json).context.action; // "ec2:RunInstances"
 * ```
 * @returns The decoded JSON text.
 * @throws {AwsCallError} e.g. `AccessDenied` when the call is not allowed.
 */
export async function decodeAuthorizationMessage(aws: AwsSession, encoded: string): Promise<string> {
  const out = await awsCall(
    "sts:DecodeAuthorizationMessage",
    () => aws.sts.send(new aws.sdk.sts.DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
  );
  return out.DecodedMessage ?? "";
}
