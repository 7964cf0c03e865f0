/**
 * Pattern `python/type_hint`: clients and resources known from type hints.
 *
 * Matches the annotation of a parameter (`def archive(s3: S3Client, table: "Table")`) when it names a type
 * of the boto3 stub packages — `mypy_boto3_<service>` (boto3-stubs), `types_boto3_<service>`,
 * `types_aiobotocore_<service>` — however imported (also under `if TYPE_CHECKING:`), as a string, or wrapped
 * in `Optional[...]` / `X | None`. `<Service>Client` is a client of the service, `<Service>ServiceResource`
 * its service resource, and a resource type name (`Table`, `Bucket`, `Queue`) a resource of that type with
 * unknown identifiers. `botocore.client.BaseClient` is a client of an unknown service. `boto3.Session` (also
 * `boto3.session.Session`, `from boto3 import Session`, aioboto3's) is a session, so `session.client("ec2")`
 * is typed in functions no visible caller passes a session to. A hint wins over the
 * call-site inference the tracker falls back to.
 *
 * @example
 * ```python
 * from mypy_boto3_s3 import S3Client
 * from mypy_boto3_dynamodb.service_resource import Table
 *
 * def archive(s3: S3Client, table: "Table") -> None:
 *     s3.put_object(Bucket=BUCKET, Key="k", Body=b"")
 *     table.delete_item(Key={"pk": "1"})
 * ```
 *
 * @module
 */
import type { PyExpr } from "../facts.ts";
import type { PatternContext, PythonPattern } from "../pattern.ts";
import type { PyValue } from "../values.ts";

/** Stable id of this pattern. */
export const TYPE_HINT_PATTERN_ID = "python/type_hint";

/** Session classes: a parameter hinted `session: boto3.Session` is a session even when no caller is seen. */
const SESSION_TYPES = new Set([
  "boto3.Session",
  "boto3.session.Session",
  "aioboto3.Session",
  "aioboto3.session.Session",
  "botocore.session.Session",
]);

/** Stub package prefixes, before the service name. */
const STUB_PACKAGES = ["mypy_boto3_", "types_boto3_", "types_aiobotocore_", "types_aiobotocore_lite_"];

/**
 * Evaluates `{ k: "hint" }` expressions (made by the tracker for annotated parameters).
 *
 * @example
 * ```ts ignore
 * typeHintPattern.evaluate!({ k: "hint", type, text: "S3Client" }, scope, ctx); // { t: "client", services: ["s3"] }
 * ```
 */
export const typeHintPattern: PythonPattern = {
  id: TYPE_HINT_PATTERN_ID,
  evaluates: ["hint"],
  evaluate(expr, scope, ctx) {
    if (expr.k !== "hint") return undefined;
    return hintValue(expr.type, scope, ctx, 0);
  },
};

function hintValue(type: PyExpr, scope: number, ctx: PatternContext, depth: number): PyValue | undefined {
  if (depth > 4) return undefined;
  switch (type.k) {
    case "str": {
      // A forward reference: `"Table"` or `"mypy_boto3_s3.S3Client"` read as an expression.
      const parts = type.value.trim().split(".");
      let expr: PyExpr = { k: "name", name: parts[0], at: Number.MAX_SAFE_INTEGER };
      for (const part of parts.slice(1)) expr = { k: "attr", object: expr, name: part, text: part };
      return hintValue(expr, scope, ctx, depth + 1);
    }
    case "subscript": // Optional[S3Client]
      return hintValue(type.index, scope, ctx, depth + 1);
    case "binop": // S3Client | None
      return hintValue(type.left, scope, ctx, depth + 1) ?? hintValue(type.right, scope, ctx, depth + 1);
    case "name":
    case "attr": {
      const value = ctx.evaluate(type, scope);
      return value.t === "external" ? stubType(value.name, ctx) : undefined;
    }
    default:
      return undefined;
  }
}

/** The value a stub type name stands for: `mypy_boto3_s3.client.S3Client` → client of s3. */
function stubType(dotted: string, ctx: PatternContext): PyValue | undefined {
  if (dotted === "botocore.client.BaseClient") return { t: "client", services: [] };
  if (SESSION_TYPES.has(dotted)) return { t: "session" };
  const parts = dotted.split(".");
  const pkg = STUB_PACKAGES.find((p) => parts[0].startsWith(p));
  if (!pkg) return undefined;
  const raw = parts[0].slice(pkg.length);
  const service = [raw.replace(/_/g, "-"), raw].find((s) => ctx.kb.service(s));
  if (!service) return undefined;
  const name = parts[parts.length - 1];
  if (name.endsWith("ServiceResource")) return { t: "resource", service, resource: "ServiceResource" };
  if (name.endsWith("Client")) return { t: "client", services: [service] };
  if (ctx.kb.boto3Resource(service, name)) return { t: "resource", service, resource: name };
  return undefined;
}
