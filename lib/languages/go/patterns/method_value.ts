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
 * @example
 * ```go
 * out, err := invoke(ctx, v.secrets.GetSecretValue, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
 * get := client.GetObject
 * obj, err := get(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
 * ```
 *
 * @module
 */
import type { CallArgument } from "../../../types.ts";
import type { GoPattern } from "../pattern.ts";
import type { GoValue } from "../values.ts";

/** Stable id of this pattern. */
export const METHOD_VALUE_PATTERN_ID = "go/method_value";

/**
 * Claims every method-value site (sites without `methodValue` are left to the other patterns) and emits a
 * call for those whose receiver is an SDK client.
 *
 * @example
 * ```ts ignore
 * methodValuePattern.emit!(input, ctx); // [{ method: "GenerateDataKey", services: ["kms"], ... }]
 * ```
 */
export const methodValuePattern: GoPattern = {
  id: METHOD_VALUE_PATTERN_ID,
  emit({ site, receiver, makeCall }, ctx) {
    if (!site.methodValue) return undefined;
    const method = site.method;
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
    if (!services.length) return [];
    // A client's method value must be one of its operations (not `client.Options`).
    if (!ctx.kb.operationsByMethod("go", method).some((k) => services.includes(k.service))) return [];
    const args: CallArgument[] = [];
    for (const { expr, value } of inputs) {
      if (!services.includes(value.service)) continue;
      args.push(...value.fields);
      const position = site.call.args.indexOf(expr);
      if (value.open) args.push({ position, value: { kind: "unresolved", expression: expr.text } });
    }
    return [makeCall({ pattern: METHOD_VALUE_PATTERN_ID, services, arguments: args })];
  },
};
