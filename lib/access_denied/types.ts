/**
 * The types that travel through `fix-access-denied`: text → {@linkcode Denial}s → {@linkcode FixPlan}s.
 *
 * @module
 */

/**
 * Which policy layer denied the request, as these exact names:
 * - `ImplicitIdentity`: no identity-based policy allows (the only type an identity policy fixes);
 * - `ExplicitIdentity`: an identity-based policy explicitly denies;
 * - `ResourcePolicy`: a resource-based policy does not allow or explicitly denies;
 * - `ServiceControlPolicy`, `ResourceControlPolicy`, `PermissionsBoundary`, `SessionPolicy`,
 *   `VpcEndpointPolicy`: that layer does not allow or explicitly denies;
 * - `Unknown`: the message does not say.
 */
export type DenialType =
  | "ImplicitIdentity"
  | "ExplicitIdentity"
  | "ResourcePolicy"
  | "ServiceControlPolicy"
  | "ResourceControlPolicy"
  | "PermissionsBoundary"
  | "SessionPolicy"
  | "VpcEndpointPolicy"
  | "Unknown";

/** Every {@linkcode DenialType}, in documentation order. */
export const DENIAL_TYPES: readonly DenialType[] = [
  "ImplicitIdentity",
  "ExplicitIdentity",
  "ResourcePolicy",
  "ServiceControlPolicy",
  "ResourceControlPolicy",
  "PermissionsBoundary",
  "SessionPolicy",
  "VpcEndpointPolicy",
  "Unknown",
];

/** Kinds of principal an AccessDenied message can name. */
export type PrincipalKind =
  | "user"
  | "role"
  | "assumed-role"
  | "federated-user"
  | "root"
  | "anonymous"
  | "service"
  | "other";

/** The principal that was denied. */
export interface Principal {
  kind: PrincipalKind;
  /** The ARN as written (`arn:aws:sts::123456789012:assumed-role/app/i-0abc`); for `anonymous` and services absent. */
  arn?: string;
  partition?: string;
  account?: string;
  /** User, role, federated user name (for an assumed role: the role name). */
  name?: string;
  /** IAM path of a user or role (`/service-role/`), when the ARN shows it. */
  path?: string;
  /** Session name of an assumed role. */
  sessionName?: string;
  /** Service principal (`lambda.amazonaws.com`) for `service`. */
  service?: string;
}

/** One AccessDenied found in the input. */
export interface Denial {
  principal?: Principal;
  /** The denied IAM action in its canonical case (`sqs:SendMessage`), when known. */
  action?: string;
  /** When only the operation is known and it needs several actions: each of them (one was denied). */
  candidateActions?: string[];
  /** The resource ARN (or `*`) as the message gives it. */
  resource?: string;
  denialType: DenialType;
  /** The message says "explicit deny". */
  explicitDeny: boolean;
  /** The denying policy's ARN when the message names it (newer AWS messages do). */
  denyingPolicyArn?: string;
  /** AWS error code: `AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`, ... */
  errorCode?: string;
  /** The API operation (`s3:ListObjectsV2`) when the input names it. */
  operation?: { service?: string; name: string };
  /** An EC2-style encoded authorization failure message. */
  encodedMessage?: string;
  /** The decoded form of `encodedMessage` was used. */
  decoded?: boolean;
  /** What the input does not say: `principal`, `action`, `resource`. */
  missing: ("principal" | "action" | "resource")[];
  /** Things the user should know about this denial (what is missing and how to get it, ...). */
  notes: string[];
  /** Where it came from: a text message or a CloudTrail event. */
  source: "message" | "cloudtrail";
  /** 1-based line of the input where the denial starts. */
  line: number;
  /** The message text (one line, trimmed, at most 1000 characters). */
  message: string;
}

/** An `Allow` statement this tool proposes or writes. */
export interface AllowStatement {
  Sid?: string;
  Effect: "Allow";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  Resource: string | string[];
}

/** A policy document as IAM stores it (statements of any shape are kept as they are). */
export interface PolicyDocumentJson {
  Version?: string;
  Id?: string;
  Statement: Record<string, unknown>[] | Record<string, unknown>;
  [key: string]: unknown;
}

/** Where a fix is written: an inline policy of a role or user. */
export interface FixTarget {
  kind: "role" | "user";
  name: string;
  account: string;
  partition: string;
  /** Name of this tool's inline policy on the target. */
  policyName: string;
}

/** What to do about one denial. */
export interface FixPlan {
  denial: Denial;
  /** Whether this tool can apply it (an identity policy statement on a role or user). */
  fixable: boolean;
  /** The proposed policy: an identity policy (fixable), a resource-policy statement for its owner, or none. */
  policy: { Version: "2012-10-17"; Statement: AllowStatement[] } | null;
  /** The statement this tool would add to its inline policy (fixable plans only). */
  statement?: AllowStatement;
  target?: FixTarget;
  /** Set when the resource is wider than the message's: from, to and why. */
  widened?: { from: string | undefined; to: string; reason: string };
  /** Which layer denies, what its owner must change, or what is missing. */
  explanation: string;
}
