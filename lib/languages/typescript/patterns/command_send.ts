/**
 * Pattern `typescript/command_send`: SDK v3 commands.
 *
 * Matches `new XxxCommand(input)` where `XxxCommand` is an export of an `@aws-sdk/client-*` package (named,
 * renamed, namespace `new ns.XxxCommand()`, `require`, dynamic `import()`, or re-exported by a project
 * module). The command is what names the operation, so it counts where it is built — whether it is sent at
 * once (`client.send(new GetObjectCommand({...}))`), built earlier and sent later, built in a helper, or
 * handed to `getSignedUrl` — with any number of constructor arguments. A class chosen at run time counts
 * once per candidate: `new (on ? EnableCommand : DisableCommand)()`, `const C = x ?? YCommand`, and
 * `COMMANDS[action]` of a const object map (every command of the map; the one named when the key is
 * literal, or each constant a parameter key is passed at its call sites). A helper taking the class as a
 * parameter (`call = (client, Cmd, input) => client.send(new Cmd(input))`) counts the command of each of its
 * call sites, with that call site's input. A class of the project named like a command is not an SDK command, and an imported command
 * that is never constructed is not a call (both unlike upstream 0.3.0). `method` is the class name,
 * `operation` the model name, `services` the package's service, and `arguments` the members of the input
 * object.
 *
 * @example
 * ```ts
 * import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
 * const command = new GetObjectCommand({ Bucket: process.env.BUCKET, Key: `orders/${id}.json` });
 * await new S3Client({}).send(command);
 * ```
 *
 * @module
 */
import { groupByOperation } from "../../shared/operation_groups.ts";
import type { CallArgument } from "../../../types.ts";
import type { JsValue } from "../values.ts";
import { calleeSymbols, type TsPattern } from "../pattern.ts";
import { servicesOfPackage } from "../sdk_modules.ts";

/** Stable id of this pattern. */
export const COMMAND_SEND_PATTERN_ID = "typescript/command_send";

/**
 * Emits one SdkCall per command construction.
 *
 * @example
 * ```ts ignore
 * commandSendPattern.emit!({ site, makeCall }, ctx); // [{ method: "GetObjectCommand", operation: "GetObject", services: ["s3"] }]
 * ```
 */
export const commandSendPattern: TsPattern = {
  id: COMMAND_SEND_PATTERN_ID,
  emit({ site, makeCall }, ctx) {
    if (site.expr.k !== "new") return undefined;
    const isCommand = (s: Extract<JsValue, { t: "symbol" }>) =>
      s.name.endsWith("Command") && servicesOfPackage(ctx.kb, s.module).length > 0;
    const input = site.expr.args[0];
    const emitAll = (symbols: Extract<JsValue, { t: "symbol" }>[], args: CallArgument[]) =>
      symbols.flatMap((symbol) => {
        const services = servicesOfPackage(ctx.kb, symbol.module);
        const keys = ctx.kb.operationsByMethod("typescript", symbol.name).filter((k) =>
          services.includes(k.service)
        );
        return groupByOperation(keys).map((g) =>
          makeCall({
            pattern: COMMAND_SEND_PATTERN_ID,
            method: symbol.name,
            services: g.services,
            operation: g.operation,
            arguments: args,
          })
        );
      });
    // `call = (client, Cmd, input) => client.send(new Cmd(input))`: each call site of the helper gives its
    // command class, with that call site's input when `input` is a parameter of the same helper.
    const viaParam = ctx.paramCallers(site.expr.callee, site.scope);
    if (viaParam && viaParam.callers.length > 0) {
      const inputParam = input && !input.spread ? ctx.paramCallers(input.value, site.scope) : undefined;
      const pairedInput = inputParam?.fn === viaParam.fn ? inputParam.index : undefined;
      const calls = viaParam.callers.flatMap((caller) => {
        const arg = caller.args[viaParam.index];
        if (!arg || arg.spread) return [];
        const symbols = new Map<string, Extract<JsValue, { t: "symbol" }>>();
        for (const value of caller.context.alternatives(arg.value, caller.scope)) {
          if (value.t === "symbol" && isCommand(value)) symbols.set(`${value.module}\0${value.name}`, value);
        }
        if (symbols.size === 0) return [];
        const args = pairedInput !== undefined
          ? caller.context.requestArguments(caller.args[pairedInput], caller.scope)
          : ctx.requestArguments(input, site.scope);
        return emitAll([...symbols.values()], args);
      });
      if (calls.length > 0) return calls;
    }
    // `new (on ? EnableCommand : DisableCommand)()`, `const Command = COMMANDS[action]`: every candidate.
    const symbols = calleeSymbols(site, ctx).filter(isCommand);
    if (symbols.length === 0) return undefined;
    return emitAll(symbols, ctx.requestArguments(input, site.scope));
  },
};
