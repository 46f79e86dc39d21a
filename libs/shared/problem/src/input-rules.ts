import { FieldError } from './problem-details';

/** Deeper than any request or event of the contract; deep enough to stop recursion in validators. */
export const MAX_INPUT_DEPTH = 32;

/**
 * C0 control characters and DEL, except tab, line feed and carriage return: they have no place in a
 * name, a code or a reason, and PostgreSQL refuses NUL in text outright.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * What makes an untrusted value unusable before any validator sees it: nesting deeper than `maxDepth`
 * and strings (keys included) with control characters. Walks without recursion, so no input can
 * exhaust the stack; stops at the first `maxErrors` findings.
 */
export function inputProblems(
  value: unknown,
  options: { field?: string; maxDepth?: number; maxErrors?: number } = {},
): FieldError[] {
  const maxDepth = options.maxDepth ?? MAX_INPUT_DEPTH;
  const maxErrors = options.maxErrors ?? 20;
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: options.field ?? '', depth: 0 },
  ];
  while (stack.length > 0 && problems.length < maxErrors) {
    const { value: current, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof current === 'string') {
      if (hasControlCharacter(current))
        problems.push({ field: path || '(body)', message: 'must not contain control characters' });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      problems.push({
        field: path || '(body)',
        message: `must not be nested deeper than ${maxDepth} levels`,
      });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasControlCharacter(key)) {
        problems.push({
          field: path || '(body)',
          message: 'property names must not contain control characters',
        });
        continue;
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}
