#!/usr/bin/env node
// @ts-check
/**
 * Run the dev relay from a shell:
 *   node demo/server/relay-cli.js --port 8787 [--host 127.0.0.1] [--no-auth] [--verbose]
 * Ctrl-C or SIGTERM closes it cleanly; a second signal exits at once.
 */
import { parseArgs } from 'node:util';
import { startRelay } from './relay.js';

const USAGE = 'usage: node demo/server/relay-cli.js --port N [--host H] [--no-auth] [--verbose]';

/** @returns {{ port: number, host: string, checkAuth: boolean, verbose: boolean }} */
function readArgs() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-auth': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  }
  return { port, host: values.host, checkAuth: !values['no-auth'], verbose: values.verbose };
}

async function main() {
  let args;
  try {
    args = readArgs();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
  const { verbose, ...options } = args;
  const relay = await startRelay({ ...options, log: verbose ? (line) => console.error(`[relay] ${line}`) : undefined });
  console.log(`relay listening on ${relay.url}`);
  if (!options.checkAuth) console.error('relay: --no-auth, JWTs are not checked');

  let stopping = false;
  const stop = async (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    console.log(`relay: ${signal}, closing`);
    await relay.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
