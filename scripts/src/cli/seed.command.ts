import { MAX_STREETS } from '../generate';
import { seedDistrict } from '../seed-demo';
import { intOption, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';
import { formatCount, ProgressBar } from './progress';

/** `streetgrid seed`: generate a demo district and load it, street by street. */
export const seedCommand: Command = {
  name: 'seed',
  summary: 'Generate a realistic demo district and load it (idempotent)',
  description: [
    'Generates streets of 50,000–100,000 residents each (communities, compounds, small grids, buildings,',
    'households, residents, the party chain and grid leaders) at real coordinates in Hangzhou, and',
    'writes them one street at a time. The same seed always gives the same data; re-running replaces',
    'streets with the same code instead of adding to them.',
  ].join('\n'),
  options: {
    streets: {
      type: 'string',
      valueName: 'N',
      description: `Streets side by side, 1–${MAX_STREETS} (default 1; 20 ≈ 1.4 million residents)`,
    },
    seed: { type: 'string', valueName: 'S', description: 'Random seed, a whole number (default 1)' },
    ...databaseOptions,
  },
  async run(context) {
    const streets = intOption(context.values, 'streets', 1, 1, MAX_STREETS);
    const seed = intOption(context.values, 'seed', 1, 0, 2 ** 32 - 1);
    const started = performance.now();
    const db = await openCliDatabase(context);
    try {
      const bar = new ProgressBar(context.stderr);
      let estimate = 0;
      let streetRowsSeen = 0;
      const result = await seedDistrict(db.dataSource, {
        streets,
        seed,
        onProgress: (p) => {
          if (p.phase === 'generated') {
            streetRowsSeen += p.streetRows;
            // Streets not generated yet are assumed as large as the average so far.
            estimate = Math.round((streetRowsSeen / (p.street + 1)) * p.streets);
          }
          bar.update(
            p.rowsWritten,
            estimate,
            `street ${p.street + 1}/${p.streets} ${p.streetName}`,
            p.phase === 'written' && p.street + 1 === p.streets,
          );
        },
      });
      bar.finish();
      const seconds = (performance.now() - started) / 1000;
      const peakMb = process.resourceUsage().maxRSS / 1024;
      context.stdout.write(
        `seeded ${result.streets} street${result.streets === 1 ? '' : 's'}: ` +
          `${formatCount(result.grids)} grids, ${formatCount(result.buildings)} buildings, ` +
          `${formatCount(result.households)} households, ${formatCount(result.residents)} residents (${formatCount(result.rows)} rows)\n` +
          `time ${seconds.toFixed(1)} s (generate ${(result.generateMs / 1000).toFixed(1)} s, ` +
          `write ${(result.writeMs / 1000).toFixed(1)} s), ` +
          `peak RSS ${peakMb.toFixed(0)} MB\n`,
      );
    } finally {
      await db.close();
    }
  },
};
