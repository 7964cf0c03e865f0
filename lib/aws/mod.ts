/**
 * Everything that talks to AWS (IAM and STS through the AWS SDK). No other module calls AWS.
 *
 * @module
 */
export * from "./errors.ts";
export * from "./session.ts";
export * from "./caller_identity.ts";
export * from "./decode_authorization_message.ts";
export * from "./inline_policies.ts";
export * from "./managed_policies.ts";
export * from "./upload_policies.ts";
