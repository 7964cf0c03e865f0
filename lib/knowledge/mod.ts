/**
 * The knowledge database at run time: SDK models, IAM actions and the operation → action map.
 *
 * @module
 */
export * from "./knowledge_base.ts";
export { KNOWLEDGE_DB_ENV, KnowledgeDatabaseError } from "./open.ts";
