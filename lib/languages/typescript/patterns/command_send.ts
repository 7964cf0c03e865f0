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
 * literal). A class of the project named like a command is not an SDK command, and an imported command
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
    // `new (on ? EnableCommand : DisableCommand)()`, `const Command = COMMANDS[action]`: every candidate.
    const symbols = calleeSymbols(site, ctx).filter((s) =>
      s.name.endsWith("Command") && servicesOfPackage(ctx.kb, s.module).length > 0
    );
    if (symbols.length === 0) return undefined;
    const args = ctx.requestArguments(site.expr.args[0], site.scope);
    return symbols.flatMap((symbol) => {
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
  },
};
