// A test-only control port for `npm start` (LIAISON_SANDBOX_CONTROL=1): lets a test that drives the
// sandbox as a separate process wait until everything due has run (/idle), let what is on its way
// land (/settle: product events within Forge's delay, the storage index lag), and move a manual clock
// (LIAISON_SANDBOX_CLOCK=manual) so retries and the five-minute schedules fire without real waits.
// Loopback only; never started by a plain `npm start`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxClock } from './platform';
import type { SandboxWorld } from './world';

export interface ControlServer { origin: string; close(): Promise<void> }

const MAX_ADVANCE_MS = 24 * 3_600_000;

export async function startControl(world: SandboxWorld, clock: SandboxClock | undefined): Promise<ControlServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const run = async () => {
      if (req.method !== 'POST') return answer(405, { message: 'POST /idle, /settle or /advance?ms=N' });
      if (url.pathname === '/idle') {
        await world.idle();
        return answer(200, { now: Date.now() });
      }
      if (url.pathname === '/settle') {
        await world.settle();
        return answer(200, { now: Date.now() });
      }
      if (url.pathname === '/advance') {
        const ms = Number(url.searchParams.get('ms'));
        if (!clock || clock.mode !== 'manual') return answer(409, { message: 'the clock is real: start with LIAISON_SANDBOX_CLOCK=manual to advance it' });
        if (!Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) return answer(400, { message: `ms must be an integer from 0 to ${MAX_ADVANCE_MS}` });
        await clock.advance(ms);
        await world.settle();
        return answer(200, { now: clock.now() });
      }
      return answer(404, { message: 'POST /idle, /settle or /advance?ms=N' });
    };
    run().catch((e: unknown) => answer(500, { message: e instanceof Error ? e.message : String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
