/**
 * Pattern `typescript/client_creation`: SDK clients.
 *
 * An instance of a client class of an `@aws-sdk/client-*` package — `new S3Client({...})`, `new S3()` (the
 * aggregated client), or a parameter, field or variable *declared* with that type — is a client of the
 * package's service(s). `DynamoDBDocumentClient.from(ddb)` / `DynamoDBDocument.from(ddb)` and `new` of
 * either (`@aws-sdk/lib-dynamodb`) are DynamoDB clients too. However the class was imported (named, renamed,
 * namespace, `require`, destructured `require`, dynamic `import()`), and wherever the client then lives
 * (module constants exported to other modules, class fields, objects passed through functions), the
 * tracker carries the value.
 *
 * @example
 * ```ts
 * import { S3 } from "@aws-sdk/client-s3";
 * import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
 * export const s3 = new S3({ region: "eu-west-1" });
 * export const docs = DynamoDBDocumentClient.from(new DynamoDBClient({}));
 * ```
 *
 * @module
 */
import type { TsPattern } from "../pattern.ts";
import { clientClass, LIB_DYNAMODB } from "../sdk_modules.ts";

/** Stable id of this pattern. */
export const CLIENT_CREATION_PATTERN_ID = "typescript/client_creation";

const DOCUMENT_CLIENTS = new Set(["DynamoDBDocumentClient", "DynamoDBDocument"]);

/**
 * Gives client classes their services and evaluates the document clients' `from` factories.
 *
 * @example
 * ```ts ignore
 * clientCreationPattern.instance!({ t: "symbol", module: "@aws-sdk/client-s3", name: "S3Client" }, ctx);
 * // { t: "instance", module: "@aws-sdk/client-s3", cls: "S3Client", services: ["s3"] }
 * ```
 */
export const clientCreationPattern: TsPattern = {
  id: CLIENT_CREATION_PATTERN_ID,
  instance(symbol, ctx) {
    if (symbol.module === LIB_DYNAMODB && DOCUMENT_CLIENTS.has(symbol.name)) {
      return { t: "instance", module: symbol.module, cls: symbol.name, services: ["dynamodb"] };
    }
    const client = clientClass(ctx.kb, symbol.module, symbol.name);
    return client
      ? { t: "instance", module: symbol.module, cls: symbol.name, services: client.services }
      : undefined;
  },
  evaluate(expr, scope, ctx) {
    if (expr.k !== "call" || expr.callee.k !== "member" || expr.callee.prop !== "from") return undefined;
    const owner = ctx.evaluate(expr.callee.object, scope);
    if (owner.t !== "symbol" || owner.module !== LIB_DYNAMODB || !DOCUMENT_CLIENTS.has(owner.name)) {
      return undefined;
    }
    return { t: "instance", module: owner.module, cls: owner.name, services: ["dynamodb"] };
  },
};
