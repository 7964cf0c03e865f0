/**
 * Flags of the pipeline's command-line scripts (`build.ts`, `refresh.ts`): parsed strictly, `--help` prints the
 * help, an unknown or malformed flag prints the error and the help.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** Every script's flags include `--help`. */
type WithHelp<T extends ParseArgsOptionsConfig> = T & { help: { type: "boolean"; short: "h" } };

/** The values `parseArgs` gives for `options` and `--help`. */
export type ScriptValues<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<T>; strict: true; allowPositionals: false }>
>["values"];

/**
 * Parses `args` with `options` (plus `-h, --help`).
 *
 * @returns The flag values, or the exit code to stop with: 0 after printing the help, 2 after a usage error.
 *
 * @example
 * ```ts
 * import { parseScriptArgs } from "./script_args.ts";
 * const values = parseScriptArgs(["--out", "db"], { out: { type: "string" } }, "usage: build [--out DIR]");
 * if (typeof values !== "number") console.log(values.out); // "db"
 * ```
 */
export function parseScriptArgs<const T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  help: string,
): ScriptValues<T> | number {
  const all = { ...options, help: { type: "boolean", short: "h" } } as WithHelp<T>;
  let values: ScriptValues<T>;
  try {
    ({ values } = parseArgs({ args, options: all, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if ((values as { help?: boolean }).help) {
    console.log(help);
    return 0;
  }
  return values;
}
