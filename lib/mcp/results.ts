/**
 * Tool results: structured content plus a text rendering, and errors as `isError` results whose message tells
 * the assistant what to change.
 *
 * @module
 */
import { z } from "zod";
import type { CallToolResult } from "./sdk.ts";
import { UserError } from "../errors.ts";
import { InputPathError } from "../sources/mod.ts";
import { KnowledgeDatabaseError } from "../knowledge/mod.ts";

/** A successful result: `structured` as `structuredContent`, `text` as the first content block. */
export function toolResult(structured: Record<string, unknown>, text: string): CallToolResult {
  return {
    content: [{ type: "text", text }],
    structuredContent: structured,
  };
}

/**
 * `value` as the output schema describes it: keys the schema does not name are dropped (clients validate
 * `structuredContent` strictly, so a field added to a library type must not break them).
 *
 * @throws {z.ZodError} the value does not fit the schema (a bug: reported as an unexpected failure).
 */
export function conform<Shape extends z.ZodRawShape>(shape: Shape, value: unknown): Record<string, unknown> {
  return z.object(shape).parse(value) as Record<string, unknown>;
}

/** A tool execution error the assistant can act on (not a protocol error). */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/** An error a tool threw, as an actionable `isError` result. */
export function errorResult(tool: string, error: unknown): CallToolResult {
  if (error instanceof InputPathError) {
    return toolError(
      `${error.message}. Pass absolute paths of files or directories that exist on the machine running the ` +
        `MCP server (its working directory is ${cwd()}).`,
    );
  }
  if (error instanceof KnowledgeDatabaseError) {
    return toolError(`${error.message}. The server cannot answer until its knowledge database is fixed.`);
  }
  if (error instanceof UserError) return toolError(error.message);
  const message = error instanceof Error ? error.message : String(error);
  return toolError(
    `${tool} failed unexpectedly: ${message}. This is a bug in iam-policy-autopilot; retrying will not help. ` +
      "Report it with the input that caused it.",
  );
}

function cwd(): string {
  try {
    return Deno.cwd();
  } catch {
    return "unknown";
  }
}
