/**
 * Resource ARNs of an action: the Service Authorization Reference's ARN formats, with resource placeholders
 * filled from literal request arguments through the operation's resource mappings.
 *
 * @module
 */
import type { SdkCall } from "../types.ts";
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import { knownText, namedArgument } from "../call_arguments.ts";
import { evaluate } from "./applies_when.ts";
import { regexOnPattern } from "./regex_on_pattern.ts";

/** Placeholders the policy stage fills from the run's context, never from request arguments. */
const CONTEXT_PLACEHOLDERS = new Set(["partition", "region", "account"]);

/**
 * The resources an action needs for the calls reaching its operation.
 *
 * One ARN template per ARN format of each of the action's resource types; a resource override (curated, e.g.
 * `iam:GetUser` `user`) replaces the type with its replacement; an action without resource types gets `*`.
 * A placeholder is filled when its resource mapping (`BucketName: "${Bucket}"`) yields a value for **every**
 * call (a literal or a pattern such as `orders-*`); then each call contributes its own ARN, so calls that
 * disagree give one ARN each. A mapping keyed by the resource type's name whose value is a whole ARN
 * (`topic: "${TopicArn}"`) replaces that type's templates. `*` subsumes every other ARN.
 *
 * @example
 * ```ts ignore
 * resourcesFor("s3:GetObject", { BucketName: "${Bucket}", ObjectName: "${Key}" }, [callWithBucketOrders], kb);
 * // ["arn:${Partition}:s3:::orders/${ObjectName}"]
 * ```
 */
export function resourcesFor(
  action: string,
  resourceMappings: Record<string, unknown>,
  calls: SdkCall[],
  kb: KnowledgeBase,
): string[] {
  const info = kb.iamAction(action);
  if (!info || info.resourceTypes.length === 0) return ["*"];
  const overrides = kb.resourceOverrides(info.action);
  const out = new Set<string>();
  for (const type of info.resourceTypes) {
    const replacement = overrides.get(type.resourceType);
    if (replacement !== undefined) {
      out.add(replacement);
      continue;
    }
    const whole = mappingFor(resourceMappings, type.resourceType);
    const wholeArns = whole === undefined ? undefined : valuesForEveryCall(whole, calls, false);
    if (wholeArns && wholeArns.every((v) => v.startsWith("arn:"))) {
      wholeArns.forEach((arn) => out.add(arn));
      continue;
    }
    if (type.arnFormats.length === 0) out.add("*");
    for (const format of type.arnFormats) {
      fillFormat(format, resourceMappings, calls).forEach((a) => out.add(a));
    }
  }
  return out.has("*") ? ["*"] : [...out].sort();
}

/** Fills one ARN format for every call; placeholders that some call cannot fill stay as `${Name}`. */
function fillFormat(format: string, mappings: Record<string, unknown>, calls: SdkCall[]): string[] {
  if (calls.length === 0) return [format];
  const placeholders = [...new Set([...format.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]))]
    .filter((p) => !CONTEXT_PLACEHOLDERS.has(p.toLowerCase()));
  const fillable = new Map<string, string[]>();
  for (const placeholder of placeholders) {
    const mapping = mappingFor(mappings, placeholder);
    if (mapping === undefined) continue;
    // A whole ARN pasted into the middle of another ARN would be nonsense and too narrow: keep the placeholder.
    const embedded = format !== `\${${placeholder}}`;
    const values = valuesForEveryCall(mapping, calls, embedded);
    // The Service Authorization Reference names the placeholder after what it holds (ssm
    // `parameter/${ParameterNameWithoutLeadingSlash}`); request members give `/app/db`, whose ARN is
    // `parameter/app/db`: with the slash kept, the ARN names no parameter and the call is denied.
    if (values && placeholder.endsWith("WithoutLeadingSlash")) {
      for (let i = 0; i < values.length; i++) {
        if (values[i].startsWith("/")) values[i] = values[i].slice(1);
      }
    }
    if (values) fillable.set(placeholder, values);
  }
  if (fillable.size === 0) return [format];
  // The format is split once, then put together per call (a regex replace per call costs far more).
  const parts = templateParts(format, false);
  const out = new Set<string>();
  for (let i = 0; i < calls.length; i++) {
    let arn = "";
    for (const part of parts) {
      arn += typeof part === "string" ? part : fillable.get(part.name)?.[i] ?? part.whole;
    }
    out.add(arn);
  }
  return [...out];
}

/** A `${name}` placeholder of a template (`whole` is how it is written). */
interface Placeholder {
  name: string;
  whole: string;
}

/** Templates split into literal text and placeholders, by template and whether `${}` counts (see `templateParts`). */
const splitTemplates = [
  new Map<string, (string | Placeholder)[]>(),
  new Map<string, (string | Placeholder)[]>(),
];

/**
 * `template` split as `/\$\{([^}]*)\}/g` (`allowEmpty`) or `/\$\{([^}]+)\}/g` would match it: literal text and
 * placeholders, in order. Kept per template (unless not `keep`: text made per call): the knowledge base has a
 * few hundred, each filled for many calls.
 */
function templateParts(
  template: string,
  allowEmpty: boolean,
  keep = true,
): readonly (string | Placeholder)[] {
  const cache = splitTemplates[allowEmpty ? 1 : 0];
  let parts = cache.get(template);
  if (parts) return parts;
  parts = [];
  let text = "";
  let from = 0;
  for (let open = template.indexOf("${"); open >= 0; open = template.indexOf("${", open + 1)) {
    const close = template.indexOf("}", open + 2);
    if (close < 0) break;
    if (close === open + 2 && !allowEmpty) continue;
    text += template.slice(from, open);
    if (text) parts.push(text);
    text = "";
    parts.push({ name: template.slice(open + 2, close), whole: template.slice(open, close + 1) });
    from = close + 1;
    open = close;
  }
  text += template.slice(from);
  if (text) parts.push(text);
  if (keep) cache.set(template, parts);
  return parts;
}

/** The mapping for a placeholder: exact key first, then case-insensitively (sources spell names differently). */
function mappingFor(mappings: Record<string, unknown>, placeholder: string): unknown {
  if (placeholder in mappings) return mappings[placeholder];
  const key = Object.keys(mappings).find((k) => k.toLowerCase() === placeholder.toLowerCase());
  return key === undefined ? undefined : mappings[key];
}

/** The mapping's value for each call, in call order; undefined unless every call yields one. */
function valuesForEveryCall(mapping: unknown, calls: SdkCall[], embedded: boolean): string[] | undefined {
  if (calls.length === 0) return undefined;
  const values: string[] = [];
  for (const call of calls) {
    const value = mappingValue(mapping, call);
    if (value === undefined || value === "" || (embedded && value.startsWith("arn:"))) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * Evaluates a resource mapping for one call: a template string, or `{template, conditions}` as in the
 * iam-dataset map. Undefined when a member it needs is not statically known or its condition does not hold.
 */
function mappingValue(mapping: unknown, call: SdkCall): string | undefined {
  let template: unknown = mapping;
  if (mapping && typeof mapping === "object" && !Array.isArray(mapping)) {
    const { template: t, conditions } = mapping as { template?: unknown; conditions?: unknown };
    if (conditions && !conditionHolds(conditions, call)) return undefined;
    template = t;
  }
  return typeof template === "string" ? evaluateTemplate(template, call) : undefined;
}

function conditionHolds(condition: unknown, call: SdkCall): boolean {
  const { lhs, op, rhs } = condition as { lhs?: unknown; op?: unknown; rhs?: unknown };
  if (typeof lhs !== "string" || typeof op !== "string") return false;
  const arg = namedArgument(call, lhs);
  if (arg && arg.value.kind !== "literal") return false;
  const value = arg && arg.value.kind === "literal" && arg.value.value !== null
    ? String(arg.value.value)
    : undefined;
  return evaluate(op, value, typeof rhs === "string" ? rhs : undefined) === true;
}

/**
 * Evaluates an iam-dataset template (`${Bucket}`, `${Path}${GroupName}`, `%%regex%${Role}%/(?:arn.*\/)?(.+)/g%%`)
 * against one call's arguments. A regex applies to a literal, or to a pattern when its result covers every value
 * the pattern stands for (see `regex_on_pattern.ts`). Other `%%` operators (`many`, `iftruthy`, ...) and nested
 * member paths (`${A.B}`, `${A[]}`) are not evaluated: the placeholder stays a wildcard.
 *
 * @example
 * ```ts ignore
 * evaluateTemplate("%%regex%${RoleArn}%/(?:arn.*\\/)?(.+)/g%%", call); // "my-role" for RoleArn ".../role/my-role"
 * ```
 */
export function evaluateTemplate(template: string, call: SdkCall): string | undefined {
  // Most templates have no `%%` operator: they skip the regex pass and their split is kept (`templateParts`).
  const afterRegex = template.includes("%%") ? withRegexOperators(template, call) : template;
  if (afterRegex === undefined || afterRegex.includes("%%")) return undefined;
  let filled = "";
  for (const part of templateParts(afterRegex, true, afterRegex === template)) {
    if (typeof part === "string") {
      filled += part;
      continue;
    }
    const arg = MEMBER_NAME.test(part.name) ? namedArgument(call, part.name) : undefined;
    const text = arg ? knownText(arg.value) : undefined;
    if (text === undefined) return undefined;
    filled += text;
  }
  return filled;
}

/** `template` with its `%%regex%${Member}%/re/flags%%` operators applied; undefined when one does not match. */
function withRegexOperators(template: string, call: SdkCall): string | undefined {
  let failed = false;
  const afterRegex = template.replace(
    /%%regex%\$\{([^}]+)\}%\/(.*?)\/([a-z]*)%%/g,
    (_whole, member: string, pattern: string, flags: string) => {
      const arg = namedArgument(call, member);
      // A pattern (`orders-inbox/in/*`) could match differently than the values it stands for: only results
      // that cover every such value are used (regex_on_pattern.ts); any other value kind is unknown.
      const value = arg?.value;
      const text = value ? knownText(value) : undefined;
      const captured = text === undefined
        ? undefined
        : value?.kind === "pattern"
        ? regexOnPattern(text, pattern, flags)
        : value?.kind === "literal"
        ? literalCapture(text, pattern, flags)
        : undefined;
      if (captured === undefined) {
        failed = true;
        return "";
      }
      return captured;
    },
  );
  return failed ? undefined : afterRegex;
}

/** What `/pattern/flags` captures (group 1, else the whole match) in the literal `text`; undefined if no match. */
function literalCapture(text: string, pattern: string, flags: string): string | undefined {
  try {
    const match = new RegExp(pattern, flags.replaceAll("g", "")).exec(text);
    return match ? match[1] ?? match[0] : undefined;
  } catch {
    return undefined;
  }
}

/** A plain member name (`Bucket`), as opposed to a path (`A.B`, `A[]`). */
const MEMBER_NAME = /^[A-Za-z0-9_]+$/;
