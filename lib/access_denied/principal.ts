/**
 * Principals as AccessDenied messages name them: IAM users and roles (with paths), assumed-role sessions,
 * federated users, the account root, `anonymous`, and service principals.
 *
 * @module
 */
import type { Principal } from "./types.ts";

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):[a-z0-9-]*:(\d{12}|aws)?:(.+)$/;

/**
 * Parses a principal as written after `User:` (an ARN, `anonymous`, or a service principal).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePrincipal } from "./principal.ts";
 * const p = parsePrincipal("arn:aws:sts::123456789012:assumed-role/app-role/i-0abc");
 * assert.equal(p?.kind, "assumed-role");
 * assert.equal(p?.name, "app-role");
 * assert.equal(p?.sessionName, "i-0abc");
 * ```
 * @returns The principal, or undefined when `text` is none of these.
 */
export function parsePrincipal(text: string): Principal | undefined {
  const value = text.trim().replace(/^["'`]+|["'`,;.]+$/g, "");
  if (/^anonymous$/i.test(value) || value === "*") return { kind: "anonymous" };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/i.test(value)) {
    return { kind: "service", service: value.toLowerCase() };
  }
  const m = ARN.exec(value);
  if (!m) return undefined;
  const [, partition, service, account, rest] = m;
  const base = { arn: value, partition, account };
  if (service === "iam" && rest === "root") return { kind: "root", ...base };
  if (service === "iam" && (rest.startsWith("user/") || rest.startsWith("role/"))) {
    const parts = rest.split("/");
    const name = parts[parts.length - 1];
    const path = parts.length > 2 ? `/${parts.slice(1, -1).join("/")}/` : "/";
    return { kind: parts[0] as "user" | "role", ...base, name, path };
  }
  if (service === "sts" && rest.startsWith("assumed-role/")) {
    const [, role, ...session] = rest.split("/");
    return { kind: "assumed-role", ...base, name: role, sessionName: session.join("/") || undefined };
  }
  if (service === "sts" && rest.startsWith("federated-user/")) {
    return { kind: "federated-user", ...base, name: rest.slice("federated-user/".length) };
  }
  return { kind: "other", ...base };
}

/**
 * The principal as one string for output: its ARN, `anonymous`, or the service name.
 *
 * @example
 * ```ts
 * import { principalText } from "./principal.ts";
 * console.assert(principalText({ kind: "anonymous" }) === "anonymous");
 * ```
 */
export function principalText(principal: Principal | undefined): string | null {
  if (!principal) return null;
  if (principal.arn) return principal.arn;
  if (principal.kind === "service") return principal.service ?? null;
  return principal.kind === "anonymous" ? "anonymous" : null;
}
