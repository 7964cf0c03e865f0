/**
 * How the arguments of an {@linkcode SdkCall} relate to an operation's input members. Shared by the stages the
 * call travels through: a language pattern narrowing the services of an untracked receiver, the resolve stage
 * (is this call an SDK call of that operation?) and the permissions stage (does any call pass `VersionId`?).
 *
 * @module
 */
import type { ArgumentValue, CallArgument, SdkCall } from "./types.ts";
import type { KnowledgeBase, OperationKey, OperationMember } from "./knowledge/knowledge_base.ts";

/**
 * Compares an argument name with an input member name. Python keyword arguments are the member names
 * verbatim, so boto3 is case-sensitive; Java builder methods are lowerCamel (`bucket("b")`) and Go field
 * matching is case-insensitive upstream, so every other language compares case-insensitively.
 *
 * @example
 * ```ts
 * import { sameMember } from "./call_arguments.ts";
 * sameMember("java", "bucket", "Bucket"); // true
 * sameMember("python", "bucket", "Bucket"); // false
 * ```
 */
export function sameMember(language: SdkCall["language"], argumentName: string, member: string): boolean {
  return language === "python"
    ? argumentName === member
    : argumentName.toLowerCase() === member.toLowerCase();
}

/**
 * The named (keyword, struct-field, object-property) argument of a call for an input member, if passed.
 *
 * @example
 * ```ts ignore
 * namedArgument(call, "Bucket")?.value; // { kind: "literal", value: "orders" }
 * ```
 */
export function namedArgument(call: SdkCall, member: string): CallArgument | undefined {
  // A loop, not `find`: asked per call and per placeholder, a closure would be made each time.
  for (const a of call.arguments) {
    if (!a.splat && a.name !== undefined && sameMember(call.language, a.name, member)) return a;
  }
  return undefined;
}

/** True when the call spreads a dictionary or object into its arguments (`**kwargs`, `...input`). */
export function hasSplat(call: SdkCall): boolean {
  return call.arguments.some((a) => a.splat === true);
}

/** Names of the call's named (non-splat) arguments. */
export function namedArgumentNames(call: SdkCall): string[] {
  return call.arguments.flatMap((a) => (!a.splat && a.name !== undefined ? [a.name] : []));
}

/**
 * Whether a call's named arguments fit `candidate`'s input (the resolve stage's disambiguation): every named
 * argument is an input member and, unless the receiver is known (`knownReceiver`), every required member is
 * passed by name. A splat argument fits anything. Also used by patterns that must pick among the services of
 * an untracked receiver themselves (a paginator names its operation, so resolution does not check it).
 *
 * @example
 * ```ts ignore
 * argumentsFit(call, { service: "codeguru-security", operation: "GetFindings" }, kb, false); // false for Filters=...
 * ```
 */
export function argumentsFit(
  call: SdkCall,
  candidate: OperationKey,
  kb: KnowledgeBase,
  knownReceiver: boolean,
): boolean {
  if (hasSplat(call)) return true;
  const members = kb.operationMembers(candidate.service, candidate.operation);
  const names = namedArgumentNames(call);
  if (names.some((name) => !members.some((m) => sameMember(call.language, name, m.member)))) return false;
  if (knownReceiver) return true;
  return members.every((m) => !m.required || names.some((name) => sameMember(call.language, name, m.member)));
}

/**
 * True when static analysis cannot see every member the call passes to this operation, so any member may be
 * present. That is the case when the call spreads arguments; when it names something that is not an input
 * member (a utility's `ExtraArgs`, an options object); when it omits a required member (the input is evidently
 * built elsewhere: an import-only command, a paginator created without arguments); or when it names nothing but
 * passes a non-literal positional value (Go `client.GetObject(ctx, input)`, JS `new GetObjectCommand(input)`).
 * Being wrong in this direction only costs precision, never a missing permission.
 *
 * @example
 * ```ts ignore
 * argumentsAreOpen(call, kb.operationMembers("s3", "GetObject")); // false for get_object(Bucket="b", Key="k")
 * ```
 */
export function argumentsAreOpen(call: SdkCall, members: OperationMember[]): boolean {
  if (hasSplat(call)) return true;
  const names = namedArgumentNames(call);
  if (names.some((name) => !members.some((m) => sameMember(call.language, name, m.member)))) return true;
  if (members.some((m) => m.required && !names.some((name) => sameMember(call.language, name, m.member)))) {
    return true;
  }
  return names.length === 0 && call.arguments.some((a) => a.name === undefined && a.value.kind !== "literal");
}

/**
 * The text an argument value stands for in an ARN, when static analysis knows it: literals verbatim, patterns
 * (`orders-*`) as IAM wildcards, which still cover every value the code can produce.
 *
 * @example
 * ```ts
 * import { knownText } from "./call_arguments.ts";
 * knownText({ kind: "literal", value: "orders" }); // "orders"
 * knownText({ kind: "env", name: "BUCKET" }); // undefined
 * ```
 */
export function knownText(value: ArgumentValue): string | undefined {
  if (value.kind === "literal") return value.value === null ? undefined : String(value.value);
  if (value.kind === "pattern") return value.value;
  return undefined;
}
