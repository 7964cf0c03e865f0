/**
 * Pattern `go/paginator`: `svc.NewXxxPaginator(client, &svc.XxxInput{...})` pages through operation `Xxx`.
 * Each `NextPage` call on the paginator (assigned, in a struct field, or chained) becomes one SdkCall of
 * `Xxx` with the creation input's fields as arguments; `HasMorePages` calls nothing. A paginator that is
 * created but never paged still yields its operation, at the creation call.
 *
 * @example
 * ```go
 * p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
 * for p.HasMorePages() {
 *     page, err := p.NextPage(ctx)
 * }
 * ```
 *
 * @module
 */
import type { SdkCall } from "../../../types.ts";
import type { GoPattern } from "../pattern.ts";

/** Stable id of this pattern. */
export const PAGINATOR_PATTERN_ID = "go/paginator";

interface PaginatorState {
  /** Creation site → the call to emit if it is never paged. */
  created: Map<string, SdkCall>;
  used: Set<string>;
}

function state(ctx: { state<T>(id: string, init: () => T): T }): PaginatorState {
  return ctx.state<PaginatorState>(PAGINATOR_PATTERN_ID, () => ({ created: new Map(), used: new Set() }));
}

/**
 * Evaluates paginator constructors and emits `NextPage` calls as the paginated operation.
 *
 * @example
 * ```ts ignore
 * paginatorPattern.emit!(input, ctx); // [{ method: "NextPage", operation: "ListObjectsV2", services: ["s3"] }]
 * ```
 */
export const paginatorPattern: GoPattern = {
  id: PAGINATOR_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    const match = member && /^New(\w+)Paginator$/.exec(member.name);
    if (!member || !match) return undefined;
    const keys = ctx.kb.operationsByMethod("go", match[1]).filter((k) =>
      ctx.servicesOfPackage(member.path).includes(k.service)
    );
    if (!keys.length) return undefined;
    const input = expr.args[1] ? ctx.evaluate(expr.args[1], fn) : undefined;
    return {
      t: "paginator",
      services: keys.map((k) => k.service),
      operation: keys[0].operation,
      input: input?.t === "input" ? input : undefined,
      site: `${ctx.fileIndex}:${expr.id}`,
    };
  },
  emit({ site, receiver, makeCall }, ctx) {
    const s = state(ctx);
    if (site.method.startsWith("New") && site.method.endsWith("Paginator")) {
      const value = ctx.evaluate(site.call, site.fn);
      if (value.t !== "paginator") return undefined;
      // Remember the creation; it is emitted at the end only if nothing pages it.
      if (!s.created.has(value.site)) {
        s.created.set(
          value.site,
          makeCall({
            pattern: PAGINATOR_PATTERN_ID,
            method: site.method,
            services: value.services,
            operation: value.operation,
            arguments: value.input?.fields ?? [],
          }),
        );
      }
      return [];
    }
    if (receiver.t !== "paginator") return undefined;
    if (site.method !== "NextPage") return [];
    s.used.add(receiver.site);
    return [
      makeCall({
        pattern: PAGINATOR_PATTERN_ID,
        services: receiver.services,
        operation: receiver.operation,
        arguments: receiver.input ? [...receiver.input.fields] : [],
      }),
    ];
  },
  finish(ctx) {
    const s = state(ctx);
    return [...s.created].filter(([id]) => !s.used.has(id)).map(([, call]) => call);
  },
};
