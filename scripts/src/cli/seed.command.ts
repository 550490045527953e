import { MAX_STREETS } from '../generate';
import { addStreets } from '../seed-demo';
import { intOption, type Command } from './command';
import { databaseOptions, openCliDatabase } from './database';
import { formatCount, ProgressBar } from './progress';

/** `streetgrid seed`: generate a demo district and load it, street by street. */
export const seedCommand: Command = {
  name: 'seed',
  summary: 'Generate demo streets and add them to an installation, keeping the streets already there',
  description: [
    'Generates streets of 50,000–100,000 residents each (communities, compounds, small grids, buildings,',
    'households, residents, the party chain and grid leaders) at real coordinates in Hangzhou, and',
    'writes them one street at a time, each with 90 days of case history, then analyses the tables.',
    'Streets already there (same code: the demo street the app seeded, or an earlier run) are kept as',
    'they are, with their accounts, cases and leaders; re-running with a larger N adds the rest.',
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
      const result = await addStreets(db.dataSource, {
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
        `added ${result.streets} street${result.streets === 1 ? '' : 's'} (kept ${result.kept}): ` +
          `${formatCount(result.grids)} grids, ${formatCount(result.buildings)} buildings, ` +
          `${formatCount(result.households)} households, ${formatCount(result.residents)} residents (${formatCount(result.rows)} rows), ` +
          `${formatCount(result.cases)} cases\n` +
          `time ${seconds.toFixed(1)} s (generate ${(result.generateMs / 1000).toFixed(1)} s, ` +
          `write ${(result.writeMs / 1000).toFixed(1)} s), ` +
          `peak RSS ${peakMb.toFixed(0)} MB\n`,
      );
    } finally {
      await db.close();
    }
  },
};
