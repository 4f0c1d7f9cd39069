// `npm start`: three emulated Jira Cloud sites, acme, globex and umbrella, with Liaison installed on
// each, and an emulated ServiceNow instance, initech. acme's project is shared with all three
// partners at once, each connection with its own rule.
// Writes .sandbox/sandbox.json (and prints it) once everything listens; stops cleanly on Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoSeed, EVERY_KIND_FIELDS } from './demo/every-kind';
import { serviceDeskDemoRule, serviceDeskDemoSeed } from './demo/service-desk-demo';
import { connectDemo, existingDemo } from './demo/liaison-demo';
import { serviceNowDemo } from './demo/servicenow-demo';
import { startControl } from './control';
import { PRODUCT_EVENT_STRICTNESS, SandboxClock } from './platform';
import { SandboxWorld, type SandboxDescription } from './world';
import { startWebUi } from './web';

const appDir = resolve(__dirname, '..');
const dataDir = resolve(process.env.LIAISON_SANDBOX_DIR ?? join(appDir, '.sandbox'));
const fresh = process.argv.includes('--fresh') || process.env.LIAISON_SANDBOX_FRESH === '1';

function port(name: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return n;
}

/** LIAISON_EVENT_DELAY_MS: the longest product-event delivery delay, 0 to Forge's 180,000 ms (the default). */
function eventDelay(): { productEvents?: { maxDelayMs: number } } {
  const raw = process.env.LIAISON_EVENT_DELAY_MS;
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > PRODUCT_EVENT_STRICTNESS.maxDelayMs) throw new Error(`LIAISON_EVENT_DELAY_MS must be a whole number of milliseconds from 0 to ${PRODUCT_EVENT_STRICTNESS.maxDelayMs}, got "${raw}"`);
  return { productEvents: { maxDelayMs: n } };
}

async function main(): Promise<void> {
  // Test-only (test/integration/chaos): a manual clock, moved through the control port.
  const clock = process.env.LIAISON_SANDBOX_CLOCK === 'manual' ? new SandboxClock({ mode: 'manual' }) : undefined;
  const world = await SandboxWorld.start({
    appDir,
    dataDir,
    fresh,
    ...(clock ? { clock } : {}),
    sites: [
      // The demo projects hold the same components and versions, for the rule sharing every kind;
      // ACME and GLX are service desks with the same request types (sandbox/demo/service-desk-demo.ts).
      { name: 'acme', port: port('LIAISON_ACME_PORT'), seed: serviceDeskDemoSeed('acme') },
      { name: 'globex', port: port('LIAISON_GLOBEX_PORT'), seed: serviceDeskDemoSeed('globex') },
      { name: 'umbrella', port: port('LIAISON_UMBRELLA_PORT'), seed: demoSeed('umbrella') },
    ],
    webTriggerPort: port('LIAISON_WEBTRIGGER_PORT'),
    servicenow: [{ name: 'initech' }],
    // Forge's product-event delay (up to 3 minutes) unless the person starting it lowers the bound.
    ...eventDelay(),
  });
  await world.serviceNow.get('initech')!.listen(port('LIAISON_INITECH_PORT'));
  // First start: connect the two sites and share their demo projects, every field kind both ways,
  // through the app's own admin resolvers; later starts find the connection in the app's storage.
  const pair = (await existingDemo(world, 'acme', 'globex', EVERY_KIND_FIELDS)) ?? (await connectDemo(world, 'acme', 'globex', { rule: serviceDeskDemoRule, fields: EVERY_KIND_FIELDS }));
  // acme's project is also shared with initech's incident table (a second connection on the project)
  // and with umbrella's project (a third, with its own rule): a change from one partner reaches the
  // others through acme.
  const sn = await serviceNowDemo(world, { site: 'acme', instance: 'initech', dataDir });
  const third = (await existingDemo(world, 'acme', 'umbrella')) ?? (await connectDemo(world, 'acme', 'umbrella'));
  await world.idle();
  const web = await startWebUi(world, { port: port('LIAISON_WEB_PORT') });
  const control = process.env.LIAISON_SANDBOX_CONTROL === '1' ? await startControl(world, clock) : undefined;
  // Registered before "up" is printed: whoever waits for that line may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing running work and closing storage…`);
    // Running invocations finish and every acknowledged write is already committed to SQLite;
    // pending queue deliveries stay in storage and resume on the next start.
    web.close().then(() => control?.close()).then(() => world.close()).then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('sandbox: error while stopping', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const description: SandboxDescription & { web: Record<string, string>; control?: string } = {
    ...world.describe(),
    web: Object.fromEntries([...world.sites.keys()].map((name) => [name, `${web.origin}/${name}/`])),
    ...(control ? { control: control.origin } : {}),
  };
  description.sites.push(sn.site);
  description.pairs = [{ from: pair.from, to: pair.to, fields: pair.fields }, sn.pair, { from: third.from, to: third.to, fields: third.fields }];
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'sandbox.json'), JSON.stringify(description, null, 2) + '\n');
  console.log(JSON.stringify(description, null, 2));
  console.log(`\nOpen in a browser (Jira-like pages with Liaison's real issue panel and admin page):`);
  for (const [name, url] of Object.entries(description.web)) console.log(`  ${name}: ${url}   admin page: ${url}admin`);
  console.log(`  ${sn.site.name} (ServiceNow Table API): ${sn.site.baseUrl}/api/now/table/incident   user ${sn.site.user.username} / ${sn.site.user.password}`);
  console.log(`\nLiaison sandbox is up (data in ${dataDir}). Ctrl-C to stop.`);
}

main().catch((e: unknown) => {
  console.error('sandbox failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
