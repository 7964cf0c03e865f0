/**
 * Pattern `go/value_helpers`: helpers that pass a value through or format one. `aws.String(x)`,
 * `aws.Int32(x)` and the other pointer helpers of `github.com/aws/aws-sdk-go-v2/aws` (and `aws.ToString`)
 * are the value of `x`; `fmt.Sprintf("orders/%s.json", id)` is the pattern `orders/*.json` (known arguments
 * filled in). They call nothing.
 *
 * @example
 * ```go
 * Key: aws.String(fmt.Sprintf("reports/%s/%d.csv", tenant, day)),
 * ```
 *
 * @module
 */
import type { GoPattern } from "../pattern.ts";
import { joinStringParts } from "../../shared/argument_values.ts";
import type { GoValue } from "../values.ts";

/** Stable id of this pattern. */
export const VALUE_HELPERS_PATTERN_ID = "go/value_helpers";

/** The SDK's pointer/value helper package. */
export const AWS_PACKAGE = "github.com/aws/aws-sdk-go-v2/aws";

/**
 * Evaluates pointer helpers to their argument and `fmt.Sprintf` to a string or pattern.
 *
 * @example
 * ```ts ignore
 * valueHelpersPattern.evaluate!(expr, fn, ctx); // { t: "pattern", value: "orders/*.json" }
 * ```
 */
export const valueHelpersPattern: GoPattern = {
  id: VALUE_HELPERS_PATTERN_ID,
  evaluate(expr, fn, ctx) {
    if (expr.k !== "call") return undefined;
    const member = ctx.packageMember(expr.callee, fn);
    if (!member) return undefined;
    if (
      member.path === AWS_PACKAGE && expr.args.length === 1 && /^(To)?[A-Z][A-Za-z0-9]*$/.test(member.name)
    ) {
      // aws.String, aws.Int32, aws.Bool, aws.ToString...: the value itself.
      if (member.name === "Config" || member.name === "NewConfig") return undefined;
      return ctx.evaluate(expr.args[0], fn);
    }
    if (member.path === "fmt" && member.name === "Sprintf" && expr.args.length >= 1) {
      const format = ctx.evaluate(expr.args[0], fn);
      if (format.t !== "string") return { t: "unknown" };
      const values = expr.args.slice(1).map((a) => ctx.evaluate(a, fn));
      const parts: GoValue[] = [];
      let next = 0;
      // Verbs become their argument's text when known, else `*`; `%%` is a literal percent sign.
      const pieces = format.value.split(/(%%|%[-+# 0-9.*]*[a-zA-Z])/);
      for (const piece of pieces) {
        if (piece === "%%") parts.push({ t: "string", value: "%" });
        else if (/^%[-+# 0-9.*]*[a-zA-Z]$/.test(piece)) parts.push(values[next++] ?? { t: "unknown" });
        else if (piece) parts.push({ t: "string", value: piece });
      }
      return joinStringParts(parts.length ? parts : [{ t: "string", value: "" }]);
    }
    return undefined;
  },
};
