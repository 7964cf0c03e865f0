/**
 * The shared front half of `generate-policies` and `extract-sdk-calls`: collect files, run the language
 * plug-ins, link across files, resolve calls to operations.
 *
 * @module
 */
import type { KnowledgeBase } from "../knowledge/knowledge_base.ts";
import type { FileFacts } from "../languages/language_plugin.ts";
import { languagePlugins } from "../languages/registry.ts";
import { collectSourceFiles, type SkippedFile } from "../sources/mod.ts";
import { resolveCalls, type ResolveResult } from "../resolve/mod.ts";
import { validateServiceHints } from "../hints/mod.ts";
import type { Language, SdkCall, SourceFile } from "../types.ts";
import { type AnalysisPool, analyzeFiles, startAnalysisPool, workerCount } from "./analyze_files.ts";

/** Options shared by every analysis entry point. */
export interface AnalyzeProjectOptions {
  /** Files and directories to analyse. */
  paths: string[];
  /** Parse every given file as this language (directories still filter by its extensions). */
  language?: Language;
  /** Keep only calls to these services (boto3 names, SDK names or IAM prefixes). */
  serviceHints?: string[];
  /** Largest file analysed, in bytes (default 2 MiB). */
  maxFileBytes?: number;
  /** Threads for parsing (this one and Workers); default: one per core for large inputs. */
  workers?: number;
  /** Progress callback: files analysed so far and in total. */
  onProgress?: (done: number, total: number) => void;
}

/** What the front half produced. */
export interface ProjectAnalysis {
  /** Files analysed (readable, supported, parsed). */
  analyzedFiles: string[];
  /** Files not analysed, with the reason (unreadable, binary, syntax error, unsupported language...). */
  skipped: SkippedFile[];
  /** Every SDK call found, in file order then source order. */
  calls: SdkCall[];
  resolved: ResolveResult;
}

/**
 * Runs sources → languages → resolve.
 *
 * `kb` may still be opening (a promise): it is first needed to link, so it opens while the files are read and
 * parsed. Service hints are checked as soon as it is open; if it fails to open or a hint is unknown, the
 * analysis stops with that error.
 *
 * @throws {InputPathError} a given path does not exist.
 * @throws {UnknownServiceHintError} a service hint names no service.
 */
export async function analyzeProject(
  kb: KnowledgeBase | Promise<KnowledgeBase>,
  options: AnalyzeProjectOptions,
): Promise<ProjectAnalysis> {
  const validate = (ready: KnowledgeBase): KnowledgeBase => {
    if (options.serviceHints?.length) validateServiceHints(options.serviceHints, ready);
    return ready;
  };
  const knowledge = kb instanceof Promise ? kb.then(validate) : Promise.resolve(validate(kb));
  // Workers take a while to start (module load, tree-sitter runtime, grammars): when the walk finds enough
  // files for them, start them before the files are read rather than after (the size of the files is not known
  // yet: a few large files still get their pool from analyzeFiles, after reading).
  let pool: AnalysisPool | undefined;
  let failure: { error: unknown } | undefined;
  knowledge.catch((error) => {
    failure = { error };
    pool?.terminate();
  });
  try {
    const collected = await collectSourceFiles(options.paths, {
      language: options.language,
      maxFileBytes: options.maxFileBytes,
      onListed: (listed) => {
        const analysable = listed.filter((file) => languagePlugins[file.language]);
        const threads = workerCount(analysable.length, 0, options.workers);
        if (threads > 1) pool = startAnalysisPool(threads, analysable);
      },
    });
    const skipped: SkippedFile[] = [...collected.skipped];
    const supported: SourceFile[] = [];
    for (const file of collected.files) {
      if (languagePlugins[file.language]) supported.push(file);
      else {
        skipped.push({
          path: file.path,
          language: file.language,
          skipped: {
            reason: "unsupported-language",
            detail: `${file.language} files are not analysed yet (supported now: ${
              supportedLanguages().join(", ")
            })`,
          },
        });
      }
    }
    if (failure) throw failure.error;
    const facts = await analyzeFiles(supported, {
      workers: options.workers,
      onProgress: options.onProgress,
      pool,
    }).catch((error) => {
      throw failure ? failure.error : error; // the pool was stopped because the knowledge database failed
    });
    pool?.terminate();
    pool = undefined;
    return link(await knowledge, options, facts, skipped);
  } finally {
    pool?.terminate();
  }
}

/** Phase 2 and resolution: the facts of every file → calls → operations. */
function link(
  kb: KnowledgeBase,
  options: AnalyzeProjectOptions,
  facts: FileFacts[],
  skipped: SkippedFile[],
): ProjectAnalysis {
  const good: FileFacts[] = [];
  for (const fact of facts) {
    if (fact.error) {
      const where = fact.error.line ? `line ${fact.error.line}, column ${fact.error.column}: ` : "";
      skipped.push({
        path: fact.file,
        language: fact.language,
        skipped: { reason: "syntax-error", detail: `${where}${fact.error.message}` },
      });
    } else {
      good.push(fact);
    }
  }
  const calls: SdkCall[] = [];
  const plugins = new Set(good.map((f) => languagePlugins[f.language]!));
  for (const plugin of [...plugins].sort((a, b) => a.id.localeCompare(b.id))) {
    // A loop, not push(...spread): a large repository has more calls than the engine's argument limit.
    for (const call of plugin.linkProject(good.filter((f) => plugin.languages.includes(f.language)), kb)) {
      calls.push(call);
    }
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    analyzedFiles: good.map((f) => f.file),
    skipped,
    calls,
    resolved: resolveCalls(calls, kb, { serviceHints: options.serviceHints }),
  };
}

/** Languages that have a plug-in today. */
export function supportedLanguages(): Language[] {
  return (Object.keys(languagePlugins) as Language[]).filter((l) => languagePlugins[l]).sort();
}
