/**
 * IAM and STS clients of the AWS SDK, configured from the standard AWS chain: credentials from the
 * environment, shared profiles (including SSO and `aws login`), or instance roles; endpoint from
 * `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_IAM` / `AWS_ENDPOINT_URL_STS`; region from `AWS_REGION` or the profile.
 * The SDK is loaded on first use, so commands that never call AWS do not pay for it.
 *
 * @module
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import { toAwsCallError } from "./errors.ts";

/** Region used when neither the environment nor the profile names one (IAM is global; STS answers anywhere). */
export const FALLBACK_REGION = "us-east-1";

/** Options of {@linkcode openAwsSession}. */
export interface AwsSessionOptions {
  /** Region for the clients; default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile, else us-east-1. */
  region?: string;
  /** Endpoint for both services (tests); default: the SDK's (honours `AWS_ENDPOINT_URL`). */
  endpoint?: string;
  /** Attempts per call including retries of throttling and transient errors (SDK default 3). */
  maxAttempts?: number;
  /** Explicit credentials (default: the standard AWS chain: environment, profiles, SSO, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The AWS clients the tool uses. Pass it to the functions of `lib/aws/`. */
export interface AwsSession {
  readonly iam: IAMClient;
  readonly sts: STSClient;
  /** The SDK modules, for building commands. */
  readonly sdk: {
    iam: typeof import("@aws-sdk/client-iam");
    sts: typeof import("@aws-sdk/client-sts");
  };
  /** Region the clients use. */
  readonly region: string;
}

function envRegion(): string | undefined {
  try {
    return Deno.env.get("AWS_REGION") || Deno.env.get("AWS_DEFAULT_REGION") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the IAM and STS clients. Nothing is sent to AWS yet.
 *
 * @example
 * ```ts ignore
 * const aws = await openAwsSession();
 * const me = await callerIdentity(aws);
 * ```
 */
export async function openAwsSession(options: AwsSessionOptions = {}): Promise<AwsSession> {
  const [iamSdk, stsSdk] = await Promise.all([import("@aws-sdk/client-iam"), import("@aws-sdk/client-sts")]);
  let region = options.region ?? envRegion();
  const common = {
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts,
    credentials: options.credentials,
  };
  if (!region) {
    // Let the SDK look in the shared config (AWS_PROFILE); fall back to us-east-1 when it finds nothing.
    const probe = new stsSdk.STSClient(common);
    try {
      region = await probe.config.region();
    } catch {
      region = FALLBACK_REGION;
    } finally {
      probe.destroy();
    }
  }
  try {
    return {
      iam: new iamSdk.IAMClient({ ...common, region }),
      sts: new stsSdk.STSClient({ ...common, region }),
      sdk: { iam: iamSdk, sts: stsSdk },
      region: region!,
    };
  } catch (error) {
    throw toAwsCallError("aws:CreateClient", error);
  }
}

/** Releases the clients' sockets. */
export function closeAwsSession(aws: AwsSession): void {
  aws.iam.destroy();
  aws.sts.destroy();
}

/** Runs one SDK call, turning failures into `AwsCallError` (with the AWS error code). */
export async function awsCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAwsCallError(operation, error);
  }
}
