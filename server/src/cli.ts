/**
 * porchlight-server's entry: the real wiring of `run` to the reference backend (backend/). The only
 * file of the server that imports the backend; everything else talks to its `BackendPort`.
 */
import { readFileSync } from 'node:fs';
import { ReferenceBackend } from '../../backend/backend.js';
import { importRecordsText } from '../../backend/import/import-records.js';
import { problemText } from '../../backend/import/records.js';
import { openDatabase } from '../../backend/dialects/node.js';
import type { PortalDatabase } from '../../backend/dialects/portal-database.js';
import { migrateToLatest } from '../../backend/schema/migrate.js';
import { seedDemo, seedSynthetic } from '../../backend/seed/index.js';
import { main } from './main.js';

// What the server creates (the SQLite database and its WAL, the office key file, their folder) is for
// its own user only: the database holds password hashes, sessions, and live reset links in the outbox.
process.umask(0o077);

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

await main<PortalDatabase>({
  version,
  open: (target) => openDatabase(target.kind === 'postgres' ? { postgresUrl: target.url } : { sqliteFile: target.file }),
  isEmpty: async (database) => (await database.db.introspection.getTables()).length === 0,
  migrate: (database) => migrateToLatest(database),
  seedDemo: (database, { passwordIterations }) => seedDemo(database, passwordIterations ? { passwordIterations } : {}),
  seedSynthetic: (database, { customers, passwordIterations }) =>
    seedSynthetic(database, { customers, ...(passwordIterations ? { passwordIterations } : {}) }),
  importRecords: async (database, text) => {
    const result = await importRecordsText(database, text);
    return result.ok ? result : { ok: false, problems: result.problems.map(problemText) };
  },
  backend: async (database, { officeKey, linkOrigins, passwordIterations, demoReset }) => {
    const backend = new ReferenceBackend({
      database,
      config: { officeKey, linkOrigins, demoReset, ...(passwordIterations ? { passwordIterations } : {}) },
    });
    // The default portal settings and counters, in a database nobody seeded.
    await backend.prepare();
    return backend;
  },
  // No processor is given above: the reference backend's simulated one.
  simulatedProcessor: true,
  exampleSettingsInUse: (backend) => (backend as ReferenceBackend).exampleSettingsInUse(),
  namesPortalPage: (backend) => (backend as ReferenceBackend).namesPortalPage(),
});
