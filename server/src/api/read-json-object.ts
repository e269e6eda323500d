// Reads a small optional JSON object body (snapshot label, author name). An empty body is {}; anything that is
// not a JSON object is a 400 that says so.
import type { Context } from 'hono';
import { badRequest } from '../errors';

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw badRequest('the body is not valid JSON', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** What a one-line text field refuses: C0 control characters (newlines, tabs, NUL) and DEL. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An optional short text field: absent, null or blank is null; anything but a string is a 400. */
export function optionalText(body: Record<string, unknown>, field: string, maxLength: number): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`"${field}" must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > maxLength) throw badRequest(`"${field}" is longer than ${maxLength} characters`);
  // One line of text: a newline or NUL in a version's label broke the CLI's table and every list that shows it.
  if (CONTROL_CHARACTER.test(trimmed)) throw badRequest(`"${field}" must be one line of text, without control characters`);
  return trimmed === '' ? null : trimmed;
}
