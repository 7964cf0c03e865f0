/**
 * Pattern `typescript/credential_providers`: credential providers that call AWS themselves.
 *
 * Matches calls of `@aws-sdk/credential-providers` functions the knowledge base lists —
 * `fromTemporaryCredentials` (sts:AssumeRole), `fromWebToken` / `fromTokenFile` (sts:AssumeRoleWithWebIdentity),
 * `fromCognitoIdentity` / `fromCognitoIdentityPool` (cognito-identity) — so the role running the code gets
 * the permissions the provider needs. `arguments` are the members of `params` when given (RoleArn, ...),
 * else the options' members.
 *
 * @example
 * ```ts
 * import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
 * const s3 = new S3Client({ credentials: fromTemporaryCredentials({ params: { RoleArn: process.env.ROLE_ARN } }) });
 * ```
 *
 * @module
 */
import { calleeSymbol, type TsPattern } from "../pattern.ts";
import { utilityOperations } from "../sdk_modules.ts";
import { utilityCalls } from "../utility_calls.ts";

/** Stable id of this pattern. */
export const CREDENTIAL_PROVIDERS_PATTERN_ID = "typescript/credential_providers";

const MODULES = new Set([
  "@aws-sdk/credential-providers",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-cognito-identity",
]);

/**
 * Emits the operations a credential provider performs.
 *
 * @example
 * ```ts ignore
 * credentialProvidersPattern.emit!({ site, makeCall }, ctx); // [{ method: "fromTemporaryCredentials", operation: "AssumeRole", services: ["sts"] }]
 * ```
 */
export const credentialProvidersPattern: TsPattern = {
  id: CREDENTIAL_PROVIDERS_PATTERN_ID,
  emit(input, ctx) {
    const { site } = input;
    if (site.expr.k !== "call") return undefined;
    const symbol = calleeSymbol(site, ctx);
    if (!symbol || !MODULES.has(symbol.module)) return undefined;
    // The sub-packages re-export the same functions; the knowledge base lists them under the umbrella package.
    const entries = utilityOperations(ctx.kb, "@aws-sdk/credential-providers", "function", symbol.name);
    if (entries.length === 0) return undefined;
    const arg = site.expr.args[0];
    const options = ctx.requestArguments(arg, site.scope);
    const params = arg && !arg.spread ? ctx.member(ctx.evaluate(arg.value, site.scope), "params") : undefined;
    const request = params && params.t !== "unknown" ? ctx.valueArguments(params, "params") : options;
    return utilityCalls(entries, input, CREDENTIAL_PROVIDERS_PATTERN_ID, request, options);
  },
};
