/**
 * Health of an employee's always-on endpoint, as the AgentCore contract defines it: GET /ping
 * answers 200 with status Healthy or HealthyBusy. Verdicts are cached so a healthy endpoint costs
 * one ping per HEALTH_TTL_MS, not one per turn.
 */

export const HEALTH_TTL_MS = 30_000;
export const PING_TIMEOUT_MS = 2_000;

/** The time verdicts expire against; tests replace `now` to let a cached verdict lapse without sleeping. */
export const healthClock = { now: (): number => Date.now() };

export type HealthVerdict = { healthy: true; checkedAt: number } | { healthy: false; reason: string; checkedAt: number };

export async function pingEndpoint(endpoint: string, fetcher: typeof fetch = (input, init) => fetch(input, init)): Promise<{ healthy: true } | { healthy: false; reason: string }> {
  let response: Response;
  try {
    response = await fetcher(`${endpoint.replace(/\/$/, "")}/ping`, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) });
  } catch (error) {
    return { healthy: false, reason: `ping failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return { healthy: false, reason: `ping answered ${response.status}` };
  }
  const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
  if (body?.status === "Healthy" || body?.status === "HealthyBusy") return { healthy: true };
  return { healthy: false, reason: `ping reported status ${JSON.stringify(body?.status ?? null)}` };
}

/** Per-endpoint verdicts for one Durable Object; an invocation failure counts as a failed ping. */
export class EndpointHealth {
  readonly #verdicts = new Map<string, HealthVerdict>();

  async check(endpoint: string): Promise<HealthVerdict> {
    const cached = this.#verdicts.get(endpoint);
    if (cached && healthClock.now() - cached.checkedAt < HEALTH_TTL_MS) return cached;
    const pinged = await pingEndpoint(endpoint);
    const verdict: HealthVerdict = { ...pinged, checkedAt: healthClock.now() };
    this.#verdicts.set(endpoint, verdict);
    return verdict;
  }

  markUnhealthy(endpoint: string, reason: string): void {
    this.#verdicts.set(endpoint, { healthy: false, reason, checkedAt: healthClock.now() });
  }
}
