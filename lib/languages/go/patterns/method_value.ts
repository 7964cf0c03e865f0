/**
 * Pattern `go/method_value`: an SDK client method used as a value rather than called where it is written —
 * passed to a helper (`invoke(ctx, v.kms.GenerateDataKey, &kms.GenerateDataKeyInput{...})`, typically a
 * generic retry or metrics wrapper that calls `op(ctx, in)`), or bound to a local that is then called
 * (`f := client.GetObject; f(ctx, in)`). Either way the operation runs, so it counts as a call of it.
 *
 * The selector's receiver decides, as for direct calls: a client (or a struct embedding one) gives its
 * service; a project interface declaring the method with the SDK's shape gives the service of its input
 * type; a receiver of unknown type counts only when an argument of the same call is this method's input
 * (`&kms.DecryptInput{...}`), which names the service. Selectors on anything else — project structs, non-SDK
 * values (`sort.Slice(xs, h.Less)`, `run(db.Ping)`), packages (`http.HandlerFunc(api.Index)`) or fields —
 * make no call. The fields of the method's input passed to the same call become the named arguments.
 *
 * A method value stored in a struct field — a seam for tests, `&Reaper{deleteDB: c.rds.DeleteDBInstance}` or
 * `r.deleteDB = c.rds.DeleteDBInstance` — is called through the field (`r.deleteDB(ctx, in)`): that call site
 * is the operation's call, with the arguments it passes.
 *
 * @example
 * ```go
 * out, err := invoke(ctx, v.secrets.GetSecretValue, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
 * get := client.GetObject
 * obj, err := get(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
 * r := &Reaper{deleteDB: client.DeleteDBInstance}
 * _, err = r.deleteDB(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String(id)})
 * ```
 *
 * @module
 */
import type { CallArgument, SdkCall } from "../../../types.ts";
import type { GoCallSite } from "../facts.ts";
import type { GoPattern, PatternContext } from "../pattern.ts";
import type { GoValue } from "../values.ts";

/** Stable id of this pattern. */
export const METHOD_VALUE_PATTERN_ID = "go/method_value";

/**
 * Claims every method-value site and emits a call for those whose receiver is an SDK client; claims a call
 * through a struct field when the field holds SDK method values. Other sites are left to the other patterns.
 *
 * @example
 * ```ts ignore
 * methodValuePattern.emit!(input, ctx); // [{ method: "GenerateDataKey", services: ["kms"], ... }]
 * ```
 */
export const methodValuePattern: GoPattern = {
  id: METHOD_VALUE_PATTERN_ID,
  emit({ site, receiver, makeCall }, ctx) {
    if (site.methodValue) {
      const call = methodValueCall(receiver, site.method, site, ctx);
      return call ? [makeCall(call)] : [];
    }
    // `r.deleteDB(ctx, in)`: a call through a struct field that holds SDK method values.
    if (receiver.t !== "struct") return undefined;
    const stored = ctx.storedMethodValues(receiver.dir, receiver.name, site.method);
    const calls: SdkCall[] = [];
    const seen = new Set<string>();
    for (const value of stored) {
      const call = methodValueCall(value.receiver, value.method, site, ctx);
      if (!call) continue;
      // Several literals may store the same method (one per constructor): one call each.
      const key = `${value.method} ${call.services}`;
      if (seen.has(key)) continue;
      seen.add(key);
      calls.push(makeCall({ ...call, method: value.method }));
    }
    // Fields holding no SDK method (`now: time.Now`) are left to the other patterns.
    return calls.length ? calls : undefined;
  },
};

/**
 * The call a use of method value `receiver.method` at `site` makes, or undefined when it is no SDK operation.
 * Inputs of that operation among the site's arguments become its arguments (and name the service when the
 * receiver's type is unknown).
 */
function methodValueCall(
  receiver: GoValue,
  method: string,
  site: GoCallSite,
  ctx: PatternContext,
): Pick<SdkCall, "pattern" | "services" | "arguments"> | undefined {
  const inputs = site.call.args
    .map((a) => ({ expr: a, value: ctx.evaluate(a, site.fn) }))
    .filter((a): a is { expr: typeof a.expr; value: Extract<GoValue, { t: "input" }> } =>
      a.value.t === "input" && a.value.operation === method
    );
  let services: string[] = [];
  if (receiver.t === "client") services = receiver.services;
  else if (receiver.t === "interface") {
    const declared = ctx.interfaceMethod(receiver.dir, receiver.name, method);
    services = declared
      ? declared.params.flatMap((v) => (v.t === "input" && v.operation === method ? [v.service] : []))
      : ctx.interfaceEmbeds(receiver.dir, receiver.name)
        .flatMap((v) => (v.t === "client" ? v.services : []))
        .filter((s) => ctx.kb.operationsByMethod("go", method).some((k) => k.service === s));
  } else if (receiver.t === "unknown") services = inputs.map((i) => i.value.service);
  services = [...new Set(services)];
  if (!services.length) return undefined;
  // A client's method value must be one of its operations (not `client.Options`).
  if (!ctx.kb.operationsByMethod("go", method).some((k) => services.includes(k.service))) return undefined;
  const args: CallArgument[] = [];
  for (const { expr, value } of inputs) {
    if (!services.includes(value.service)) continue;
    args.push(...value.fields);
    const position = site.call.args.indexOf(expr);
    if (value.open) args.push({ position, value: { kind: "unresolved", expression: expr.text } });
  }
  return { pattern: METHOD_VALUE_PATTERN_ID, services, arguments: args };
}
