export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __bdhvsInfra?: { stop(): Promise<void> } }).__bdhvsInfra?.stop();
}
