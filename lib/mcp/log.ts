/**
 * Diagnostics of the MCP server. Always to stderr (stdout carries the protocol in stdio mode), one line each,
 * and never with policy contents, source code or credentials: tool name, duration, counts, error messages.
 *
 * @module
 */

/** Log levels, least to most verbose. */
export type LogLevel = "off" | "error" | "info" | "debug";

/** Environment variable that sets the level (default `info`). */
export const LOG_LEVEL_ENV = "IAM_POLICY_AUTOPILOT_LOG";

const ORDER: Record<LogLevel, number> = { off: 0, error: 1, info: 2, debug: 3 };

/** A minimal leveled logger. */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The level from {@linkcode LOG_LEVEL_ENV}, `info` when unset or unknown. */
export function logLevelFromEnv(): LogLevel {
  let value: string | undefined;
  try {
    value = Deno.env.get(LOG_LEVEL_ENV)?.toLowerCase();
  } catch {
    value = undefined;
  }
  return value && value in ORDER ? value as LogLevel : "info";
}

/** A logger that writes `iam-policy-autopilot mcp: <level>: <message>` lines to stderr. */
export function stderrLogger(level: LogLevel = logLevelFromEnv()): Logger {
  const encoder = new TextEncoder();
  const write = (at: LogLevel, message: string) => {
    if (ORDER[at] > ORDER[level]) return;
    try {
      Deno.stderr.writeSync(encoder.encode(`iam-policy-autopilot mcp: ${at}: ${message}\n`));
    } catch {
      // stderr closed: nothing sensible to do
    }
  };
  return {
    error: (m) => write("error", m),
    info: (m) => write("info", m),
    debug: (m) => write("debug", m),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { error() {}, info() {}, debug() {} };
