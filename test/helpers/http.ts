/**
 * GET url until something answers (a service starting up): its status and body. Each try
 * waits at most 2 s (a published port that nothing serves can hang); throws "no answer" after `tries`.
 */
export async function waitForAnswer(url: string, tries = 300): Promise<{ status: number; body: string }> {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return { status: res.status, body: await res.text() };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer from ${url}`);
}
