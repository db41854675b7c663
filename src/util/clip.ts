/** Characters of user input an error or quarantine reason quotes at most. */
export const CLIP_LENGTH = 80;

/**
 * `text` cut to `max` characters for an error message: a longer text keeps its first `max`
 * characters, then `…` and how long it was, so a 10 MB header or key value makes a short line
 * that still says what was given. Cuts between code points, never inside a surrogate pair.
 * Cost: O(max), whatever the length of `text`.
 *
 * @example
 * clip('abc'); // => 'abc'
 * clip('x'.repeat(1000), 5); // => 'xxxxx… (1000 characters)'
 */
export function clip(text: string, max = CLIP_LENGTH): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // keep a surrogate pair whole
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/**
 * A value as an error message quotes it: {@link clip}ped, then in JSON double quotes
 * (non-strings as JSON, clipped too).
 *
 * @example
 * quoted('2024-13-45'); // => '"2024-13-45"'
 * quoted('y'.repeat(100), 3); // => '"yyy… (100 characters)"'
 */
export function quoted(value: unknown, max = CLIP_LENGTH): string {
  if (typeof value === 'string') return JSON.stringify(clip(value, max));
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return clip(text ?? String(value), max);
}
