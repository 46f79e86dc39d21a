import type { JsonSchema } from './schema-registry';

interface ObjectSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

/**
 * Within one major version a new schema revision must be backward compatible (a new consumer reads
 * old events) and forward compatible (an old consumer reads new events). That allows adding optional
 * properties and nothing else: no removed or retyped property, no newly required one, and no closed
 * object (`additionalProperties: false`) that would make an old reader reject an added field.
 */
export function compatibilityProblems(previous: JsonSchema, next: JsonSchema): string[] {
  const before = previous as ObjectSchema;
  const after = next as ObjectSchema;
  const problems: string[] = [];
  if (before.additionalProperties === false || after.additionalProperties === false) {
    problems.push('additionalProperties: false breaks forward compatibility');
  }
  const beforeProps = before.properties ?? {};
  const afterProps = after.properties ?? {};
  for (const [name, schema] of Object.entries(beforeProps)) {
    if (!(name in afterProps)) problems.push(`property "${name}" was removed`);
    else if (JSON.stringify(schema) !== JSON.stringify(afterProps[name])) {
      problems.push(`property "${name}" changed its schema`);
    }
  }
  const beforeRequired = new Set(before.required ?? []);
  for (const name of after.required ?? []) {
    if (!beforeRequired.has(name)) problems.push(`property "${name}" became required`);
  }
  for (const name of beforeRequired) {
    if (!(after.required ?? []).includes(name)) problems.push(`property "${name}" is no longer required`);
  }
  return problems;
}
