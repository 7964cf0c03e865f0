/**
 * Pattern `go/client_creation`: SDK for Go v2 service clients. `svc.NewFromConfig(cfg, ...)` and
 * `svc.New(options, ...)` of a service package (`github.com/aws/aws-sdk-go-v2/service/<pkg>`, under any
 * import alias) are clients of that service; so is anything declared with type `svc.Client` / `*svc.Client`
 * or one of the package's per-operation client interfaces (`s3.ListObjectsV2APIClient`,
 * `s3.HeadBucketAPIClient`). The tracker carries clients through variables, struct fields, constructor and
 * function parameters and results.
 *
 * @example
 * ```go
 * import s3svc "github.com/aws/aws-sdk-go-v2/service/s3"
 *
 * type Store struct{ client *s3svc.Client }
 *
 * func NewStore(cfg aws.Config) *Store { return &Store{client: s3svc.NewFromConfig(cfg)} }
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const CLIENT_CREATION_PATTERN_ID = "go/client_creation";

/**
 * Evaluates client constructors and client-typed declarations to `{ t: "client", services }`.
 *
 * @example
 * ```ts ignore
 * clientCreationPattern.evaluate!(expr, fn, ctx); // { t: "client", services: ["s3"] }
 * ```
 */
export const clientCreationPattern: GoPattern = {
  id: CLIENT_CREATION_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    if (!member || (member.name !== "NewFromConfig" && member.name !== "New")) return undefined;
    const services = ctx.servicesOfPackage(member.path);
    return services.length ? { t: "client", services } : undefined;
  },
  typeValue(type, ctx) {
    if (type.name !== "Client" && !/^[A-Z]\w*APIClient$/.test(type.name)) return undefined;
    const services = ctx.servicesOfPackage(type.path);
    return services.length ? { t: "client", services } : undefined;
  },
};
