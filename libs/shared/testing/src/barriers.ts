/**
 * The probe's first answer other than `undefined` or `false`; fails after `ms`. A barrier for what a
 * service does in the background (a consumed event, a published row), never a pause.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
