/**
 * Errors of AWS calls, with the AWS error code and the exit code the CLI uses for them.
 *
 * @module
 */
import { ExitCode, UserError } from "../errors.ts";

/**
 * An AWS call failed. `code` is the AWS error code (`NoSuchEntity`, `AccessDenied`, `Throttling`,
 * `EntityAlreadyExists`, `CredentialsProviderError`, ...); `operation` is the API call (`iam:PutRolePolicy`).
 * The message never contains credentials or policy contents.
 *
 * @example
 * ```ts
 * import { AwsCallError } from "./errors.ts";
 * const error = new AwsCallError("iam:GetRole", "NoSuchEntity", "Role app not found");
 * console.assert(error.message.includes("NoSuchEntity") && error.exitCode === 1);
 * ```
 */
export class AwsCallError extends UserError {
  /** Creates the error; `detail` is AWS's own message. */
  constructor(
    readonly operation: string,
    readonly code: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`${operation} failed with ${code}: ${detail}${adviceFor(code)}`, ExitCode.Error, options);
    this.name = "AwsCallError";
  }
}

function adviceFor(code: string): string {
  switch (code) {
    case "CredentialsProviderError":
      return " (no AWS credentials found: set AWS_PROFILE, run 'aws sso login' / 'aws login', or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
    case "RegionMissing":
      return " (set AWS_REGION or a region in your AWS profile)";
    case "AccessDenied":
    case "AccessDeniedException":
      return " (the credentials in use are not allowed to make this call)";
    case "Throttling":
    case "ThrottlingException":
      return " (AWS is throttling requests; wait and rerun)";
    case "NetworkError":
      return " (check the network, AWS_ENDPOINT_URL and the region)";
    default:
      return "";
  }
}

/**
 * Turns whatever the AWS SDK threw into an {@linkcode AwsCallError}, keeping the AWS error code.
 *
 * @example
 * ```ts
 * import { toAwsCallError } from "./errors.ts";
 * const e = toAwsCallError("sts:GetCallerIdentity", Object.assign(new Error("x"), { name: "CredentialsProviderError" }));
 * console.assert(e.code === "CredentialsProviderError");
 * ```
 */
export function toAwsCallError(operation: string, error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = error as { name?: string; Code?: string; code?: string; message?: string } | undefined;
  let code = e?.Code ?? e?.name ?? "Error";
  if (code === "NoSuchEntityException") code = "NoSuchEntity";
  if (code === "EntityAlreadyExistsException") code = "EntityAlreadyExists";
  if (code === "LimitExceededException") code = "LimitExceeded";
  if (code === "MalformedPolicyDocumentException") code = "MalformedPolicyDocument";
  const message = String(e?.message ?? error);
  if (code === "Error" || code === "TypeError") {
    if (/Region is missing/i.test(message)) code = "RegionMissing";
    else if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|connect|network|fetch failed/i.test(message)) {
      code = "NetworkError";
    } else if (/Deserialization error|XML parse error/i.test(message)) code = "UnexpectedResponse";
  }
  const detail = message.split("\n")[0].slice(0, 300);
  return new AwsCallError(operation, code, detail, { cause: error });
}
