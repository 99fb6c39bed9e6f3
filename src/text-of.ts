/**
 * Text for a value that came from outside (an AWS answer, a thrown value, a parsed file).
 *
 * `String(value)` and `${value}` are not safe on such values: JSON can carry `{"toString": {}}`,
 * and converting that object throws a TypeError ("Cannot convert object to primitive value"),
 * which turned an odd ECR answer into a crash instead of a fail-closed verdict (a fuzz case found
 * it in CI). This never throws and never returns more than `max` characters.
 */
export function textOf(value: unknown, max = 200): string {
  let text: string;
  switch (typeof value) {
    case 'string':
      text = value;
      break;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      text = String(value);
      break;
    case 'symbol':
      text = 'a symbol';
      break;
    case 'function':
      text = 'a function';
      break;
    default:
      text = value === null ? 'null' : objectText(value as object);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function objectText(value: object): string {
  if (value instanceof Error) {
    // An Error's own message, when it is text: a subclass may have made it anything.
    const message: unknown = value.message;
    if (typeof message === 'string') return message;
  }
  try {
    // JSON shows what the value held; it can throw too (cycles, a BigInt, a throwing toJSON).
    const json: unknown = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // fall through to the type's name
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}
