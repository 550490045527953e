/**
 * Saves a response's body as a file: from a blob: URL, since the request carried the bearer
 * token (a plain link could not). Answers the API's error text when the response is not OK.
 */
export async function saveResponse(res: Response, filename: string): Promise<string | null> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    return body?.error ?? res.statusText;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** The page a work unit opens to rate its members (the token in the fragment, so it never reaches a server's log). */
export function unitEvaluationUrl(origin: string, token: string): string {
  return `${origin}/unit-evaluation#${token}`;
}
