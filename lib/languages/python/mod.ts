/**
 * The Python (boto3) language plug-in: {@linkcode pythonPlugin} and its patterns, in the order they run.
 *
 * @example
 * ```ts ignore
 * import { pythonPlugin } from "./mod.ts";
 * const facts = await Promise.all(files.map((f) => pythonPlugin.analyzeFile(f)));
 * const calls = pythonPlugin.linkProject(facts, kb);
 * ```
 *
 * @module
 */
import type { LanguagePlugin, PackedFile } from "../language_plugin.ts";
import {
  analyzePythonFile,
  collectPackedPythonFile,
  type PackedPythonTree,
  packPythonFile,
  type PythonAnalysisOptions,
} from "./analyze_file.ts";
import { omittedCallNames } from "./inert_calls.ts";
import type { PythonFileFacts } from "./facts.ts";
import { linkPythonProject } from "./link_project.ts";
import type { PythonPattern } from "./pattern.ts";
import { clientCreationPattern } from "./patterns/client_creation.ts";
import { clientMethodCallPattern } from "./patterns/client_method_call.ts";
import { environmentVariablePattern } from "./patterns/environment_variable.ts";
import { fieldDefaultPattern } from "./patterns/field_default.ts";
import { paginatorPattern } from "./patterns/paginator.ts";
import { serviceResourcePattern } from "./patterns/service_resource.ts";
import { sessionPattern } from "./patterns/session.ts";
import { waiterPattern } from "./patterns/waiter.ts";
import { asyncSessionPattern } from "./patterns/async_session.ts";
import { typeHintPattern } from "./patterns/type_hint.ts";
import { resourceSubresourcePattern } from "./patterns/resource_subresource.ts";
import { resourceCollectionPattern } from "./patterns/resource_collection.ts";
import { resourceActionPattern } from "./patterns/resource_action.ts";
import { resourceAttributePattern } from "./patterns/resource_attribute.ts";
import { sdkUtilityPattern } from "./patterns/sdk_utility.ts";
import { presignedUrlPattern } from "./patterns/presigned_url.ts";
import { libraryModelPattern } from "./patterns/library_model.ts";
import { callableReferencePattern } from "./patterns/callable_reference.ts";
import { dependencyInjectorPattern } from "./patterns/dependency_injector.ts";
import { fastapiDependsPattern } from "./patterns/fastapi_depends.ts";
import { getattrMethodPattern } from "./patterns/getattr_method.ts";

export type { PythonFileFacts } from "./facts.ts";
export type { PythonPattern } from "./pattern.ts";

/**
 * Python patterns in evaluation/claim order: value patterns first, the catch-all method call last. A new
 * idiom is a new file in `patterns/` added here.
 */
export const PYTHON_PATTERNS: readonly PythonPattern[] = [
  sessionPattern,
  asyncSessionPattern,
  serviceResourcePattern,
  clientCreationPattern,
  // FastAPI's injected parameters before plain hints: `Annotated[T, Depends(f)]` is what `f` gives.
  fastapiDependsPattern,
  typeHintPattern,
  environmentVariablePattern,
  // `field(default_factory=lambda: boto3.client("sqs"))` in a class body: the field's default.
  fieldDefaultPattern,
  resourceSubresourcePattern,
  resourceCollectionPattern,
  // dependency-injector providers (`providers.Singleton(boto3.resource, ...)`) are what they build.
  dependencyInjectorPattern,
  // Wrappers handed a method reference (`asyncio.to_thread(sqs.receive_message, ...)`) before direct calls.
  callableReferencePattern,
  // Utilities before resource actions: `Bucket.load` and `Table.batch_writer` are utilities, not model members.
  sdkUtilityPattern,
  presignedUrlPattern,
  resourceActionPattern,
  // Attribute reads only (`stack.outputs`): a resource's lazy load.
  resourceAttributePattern,
  libraryModelPattern,
  paginatorPattern,
  waiterPattern,
  // `getattr(client, name)`: a bare call, which the catch-all below claims with nothing.
  getattrMethodPattern,
  clientMethodCallPattern,
];

/**
 * The Python plug-in.
 *
 * @example
 * ```ts ignore
 * const facts = await pythonPlugin.analyzeFile({ path: "app.py", language: "python", text });
 * if (facts.error) console.warn(`${facts.file}:${facts.error.line}: ${facts.error.message}`);
 * ```
 */
export const pythonPlugin: LanguagePlugin<PythonFileFacts, PythonAnalysisOptions> = {
  id: "python",
  languages: ["python"],
  patternIds: PYTHON_PATTERNS.map((p) => p.id),
  prepareAnalysis: (files) => ({ omitCalls: omittedCallNames(files) }),
  analyzeFile: analyzePythonFile,
  packFile: packPythonFile,
  collectPackedFile: (packed, file, options) =>
    collectPackedPythonFile(packed as PackedFile<PackedPythonTree>, file, options),
  linkProject: (facts, kb) => linkPythonProject(facts, kb, PYTHON_PATTERNS),
};
