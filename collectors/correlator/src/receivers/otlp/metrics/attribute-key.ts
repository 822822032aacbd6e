import { anyIdentity, MAX_ATTRIBUTES } from '../any-value';
import { isObject } from '../json';

/**
 * Longest attribute-set key kept. Real sets (route, method, status code, scheme) take a few hundred characters;
 * a cut key can only merge two hostile series, which then reset each other and yield nothing, never a wrong rate.
 */
const MAX_ATTRIBUTE_KEY = 1024;

/**
 * A string identifying a data point's attribute set, for per-series state of cumulative points. Attributes
 * keep the order the sender wrote them in, which is stable for one sender: no sorting per point.
 */
export function attributeSetKey(attributes: unknown): string {
  if (!Array.isArray(attributes)) return '';
  let key = '';
  const n = Math.min(attributes.length, MAX_ATTRIBUTES);
  for (let i = 0; i < n; i++) {
    const kv: unknown = attributes[i];
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    key += `${kv.key}=${anyIdentity(kv.value)}\u0001`;
    if (key.length > MAX_ATTRIBUTE_KEY) return key.slice(0, MAX_ATTRIBUTE_KEY);
  }
  return key;
}
