/** Keys no response may ever contain: credentials, tokens, and the translation digest. */
export const SENSITIVE_KEY = /password|resetPasswordToken|confirmationToken|digest/i;

/** Returns the JSON paths of every key in `body` that matches {@link SENSITIVE_KEY}. */
export function sensitiveKeys(body: unknown, path = '$'): string[] {
  if (Array.isArray(body))
    return body.flatMap((item, index) => sensitiveKeys(item, `${path}[${index}]`));
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([key, value]) => [
    ...(SENSITIVE_KEY.test(key) ? [`${path}.${key}`] : []),
    ...sensitiveKeys(value, `${path}.${key}`),
  ]);
}
