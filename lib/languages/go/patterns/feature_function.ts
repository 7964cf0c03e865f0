/**
 * Pattern `go/feature_function`: package-level functions of SDK feature modules that need permissions, as
 * listed in the knowledge base's utilities with receiver `function`. The one known today is
 * `auth.BuildAuthToken` of `feature/rds/auth`, which signs an RDS IAM-authentication token: connecting with it
 * needs the bare IAM action `rds-db:connect`, which no SDK operation stands for. Such an action is reported as
 * services `[<IAM prefix>]` and operation `<action name>` (`["rds-db"]`, `connect`), which resolution keeps and
 * the permissions stage turns into the action; `via` = `<module>.<function>` and the arguments are kept by
 * position (endpoint, region, db user). Entries that name an SDK operation get one SdkCall each.
 *
 * @example
 * ```go
 * token, err := auth.BuildAuthToken(ctx, endpoint, cfg.Region, os.Getenv("DB_USER"), cfg.Credentials)
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const FEATURE_FUNCTION_PATTERN_ID = "go/feature_function";

/**
 * Emits one SdkCall per knowledge-base utility entry of a feature function call.
 *
 * @example
 * ```ts ignore
 * featureFunctionPattern.emit!(input, ctx); // [{ method: "BuildAuthToken", via: ".../feature/rds/auth.BuildAuthToken" }]
 * ```
 */
export const featureFunctionPattern: GoPattern = {
  id: FEATURE_FUNCTION_PATTERN_ID,
  emit({ site, receiver, makeCall }, ctx) {
    if (receiver.t !== "package") return undefined;
    const entries = ctx.kb.utilitiesOfModule("go", receiver.path).filter((u) =>
      u.receiver === "function" && u.method === site.method
    );
    if (!entries.length) return undefined;
    const via = `${receiver.path}.${site.method}`;
    const args = ctx.sdkArguments(site.call.args, site.fn);
    return entries.flatMap((u) => {
      if (u.service && u.operation) {
        return [
          makeCall({
            pattern: FEATURE_FUNCTION_PATTERN_ID,
            services: [u.service],
            operation: u.operation,
            arguments: args,
            via,
          }),
        ];
      }
      // A bare IAM action (rds-db:connect) travels as (IAM prefix, action name), the convention resolution and
      // the permissions stage share for actions no SDK operation stands for.
      const colon = u.action?.indexOf(":") ?? -1;
      if (!u.action || colon < 0) return [];
      return [
        makeCall({
          pattern: FEATURE_FUNCTION_PATTERN_ID,
          services: [u.action.slice(0, colon)],
          operation: u.action.slice(colon + 1),
          arguments: args,
          via,
        }),
      ];
    });
  },
};
