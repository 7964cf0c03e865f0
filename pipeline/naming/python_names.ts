/**
 * botocore's `xform_name`: the PascalCase → snake_case rule that turns model names (operations, waiters,
 * boto3 resource actions) into Python method names. Re-implemented from botocore/__init__.py (1.43.x):
 * a pre-filled cache of names the regexes get wrong, a special case for pluralised acronyms at the end
 * (`ListWebACLs` → `list_web_acls`), then two regex passes and lower-casing.
 *
 * @module
 */

/** Names the regular transformation gets wrong, exactly as botocore pre-fills `_xform_cache`. */
const SPECIAL_CASES: ReadonlyArray<readonly [string, string]> = [
  ["CreateCachediSCSIVolume", "create_cached_iscsi_volume"],
  ["DescribeCachediSCSIVolumes", "describe_cached_iscsi_volumes"],
  ["DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"],
  ["CreateStorediSCSIVolume", "create_stored_iscsi_volume"],
  ["ListHITsForQualificationType", "list_hits_for_qualification_type"],
  ["ExecutePartiQLStatement", "execute_partiql_statement"],
  ["ExecutePartiQLTransaction", "execute_partiql_transaction"],
  ["ExecutePartiQLBatch", "execute_partiql_batch"],
  ["AssociateWhatsAppBusinessAccount", "associate_whatsapp_business_account"],
  ["CreateWhatsAppMessageTemplate", "create_whatsapp_message_template"],
  ["CreateWhatsAppMessageTemplateFromLibrary", "create_whatsapp_message_template_from_library"],
  ["CreateWhatsAppMessageTemplateMedia", "create_whatsapp_message_template_media"],
  ["DeleteWhatsAppMessageMedia", "delete_whatsapp_message_media"],
  ["DeleteWhatsAppMessageTemplate", "delete_whatsapp_message_template"],
  ["DisassociateWhatsAppBusinessAccount", "disassociate_whatsapp_business_account"],
  ["GetLinkedWhatsAppBusinessAccount", "get_linked_whatsapp_business_account"],
  ["GetLinkedWhatsAppBusinessAccountPhoneNumber", "get_linked_whatsapp_business_account_phone_number"],
  ["GetOTelEnrichment", "get_otel_enrichment"],
  ["GetWhatsAppMessageMedia", "get_whatsapp_message_media"],
  ["GetWhatsAppMessageTemplate", "get_whatsapp_message_template"],
  ["ListLinkedWhatsAppBusinessAccounts", "list_linked_whatsapp_business_accounts"],
  ["ListWhatsAppMessageTemplates", "list_whatsapp_message_templates"],
  ["ListWhatsAppTemplateLibrary", "list_whatsapp_template_library"],
  ["PostWhatsAppMessageMedia", "post_whatsapp_message_media"],
  ["PutWhatsAppBusinessAccountEventDestinations", "put_whatsapp_business_account_event_destinations"],
  ["SendWhatsAppMessage", "send_whatsapp_message"],
  ["StartOTelEnrichment", "start_otel_enrichment"],
  ["StopOTelEnrichment", "stop_otel_enrichment"],
  ["UpdateWhatsAppMessageTemplate", "update_whatsapp_message_template"],
];

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
// A pluralised acronym at the end: GatewayARNs, ListWebACLs, SomeCNAMEs.
const SPECIAL_CASE_TRANSFORM = /[A-Z]{2,}s$/;

const cache = new Map<string, string>();
for (const [name, snake] of SPECIAL_CASES) {
  cache.set(`_\0${name}`, snake);
  cache.set(`-\0${name}`, snake.replaceAll("_", "-"));
}

/**
 * Converts a PascalCase model name to botocore's Python name, exactly like `botocore.xform_name`.
 * A name that already contains `sep` is returned unchanged.
 *
 * @example xformName("ListObjectsV2") === "list_objects_v2"
 */
export function xformName(name: string, sep = "_"): string {
  if (name.includes(sep)) return name;
  const key = `${sep}\0${name}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let input = name;
  const special = SPECIAL_CASE_TRANSFORM.exec(input);
  if (special) {
    const matched = special[0];
    input = `${input.slice(0, input.length - matched.length)}${sep}${matched.toLowerCase()}`;
  }
  const s1 = input.replace(FIRST_CAP, `$1${sep}$2`);
  const transformed = s1.replace(END_CAP, `$1${sep}$2`).toLowerCase();
  cache.set(key, transformed);
  return transformed;
}
