import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import stylistic from '@stylistic/eslint-plugin';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'api/src');

/**
 * The API's domains from bottom to top, read from the one list the composition root reads
 * (api/src/domains/index.ts, `DOMAINS`): a domain may import only those before it.
 */
function domainLayers() {
  const index = readFileSync(resolve(API_SRC, 'domains/index.ts'), 'utf8');
  const folderOf = new Map([...index.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)\//g)].map((m) => [m[1], m[2]]));
  const list = /DOMAINS\s*=\s*\[([^\]]*)\]/.exec(index)?.[1] ?? '';
  return list
    .split(',')
    .map((name) => folderOf.get(name.trim()))
    .filter(Boolean);
}

/** Where a file of api/src stands: platform, a domain (with its rank), app, seed or the entry points. */
function placeOf(file, layers) {
  const parts = relative(API_SRC, file).split(/[\\/]/);
  if (parts[0].startsWith('..')) return null;
  if (parts[0] === 'domains' && parts.length > 2) return { area: 'domains', domain: parts[1], rank: layers.indexOf(parts[1]) };
  if (parts[0] === 'domains') return { area: 'domains-list' };
  return { area: parts.length > 1 ? parts[0] : 'entry' };
}

/**
 * api/src in layers, so that no folder imports another that imports it back: platform knows
 * no domain; a domain imports the platform and the domains below it in DOMAINS (a field one
 * domain adds to another's type lives in the upper domain, as a second @Resolver of that type);
 * app (the composition root) and seed (demo data) sit on top and never import each other.
 */
const layersRule = {
  meta: { type: 'problem', schema: [], messages: { up: '{{from}} must not import {{to}}: {{why}}' } },
  create(context) {
    const layers = domainLayers();
    const here = placeOf(context.filename, layers);
    if (!here) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const there = placeOf(resolve(dirname(context.filename), source), layers);
      if (!there) return;
      const report = (why) =>
        context.report({
          node: node.source,
          messageId: 'up',
          data: { from: here.domain ?? here.area, to: there.domain ?? there.area, why },
        });
      if (here.area === 'platform' && there.area !== 'platform') return report('the platform knows no domain, app or seed');
      if (here.area === 'domains') {
        if (there.area === 'domains' && there.domain !== here.domain) {
          if (here.rank < 0) return report(`add the domain "${here.domain}" to DOMAINS in api/src/domains/index.ts`);
          if (there.rank < 0 || there.rank > here.rank) {
            return report(`"${there.domain}" stands above "${here.domain}" in DOMAINS; put the field in the upper domain`);
          }
        } else if (there.area !== 'domains' && there.area !== 'platform')
          return report('a domain imports only the platform and lower domains');
      }
      if ((here.area === 'app' && there.area === 'seed') || (here.area === 'seed' && there.area === 'app')) {
        return report('app and seed stand side by side');
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const webNotApi = { group: ['@streetgrid/api', '@streetgrid/api/*'], message: 'web talks to the api over GraphQL, never by import.' };
const toDomain = 'move what both need into web/src/domain/.';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'artifacts/**', 'coverage/**', 'web/src/graphql/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['geo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@streetgrid/api', '@streetgrid/api/*', '@streetgrid/web', '@streetgrid/web/*'],
              message: 'geo is the lowest package: it must not import api or web.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webNotApi] }] },
  },
  {
    // web/src/screens/<screen>/ sit on top of domain/, map/, graphql/, i18n/; app/ picks a screen.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/app/**', 'web/src/screens/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [webNotApi, { group: ['**/screens/**'], message: `Shared parts never import a screen: ${toDomain}` }] },
      ],
    },
  },
  {
    files: ['web/src/screens/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [webNotApi, { regex: '^\\.\\./(?!\\.\\./)|/screens/', message: `A screen never imports another screen: ${toDomain}` }],
        },
      ],
    },
  },
  {
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/**/*.test.ts'],
    plugins: { streetgrid: { rules: { layers: layersRule } } },
    rules: { 'streetgrid/layers': 'error' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // No source line over 140 characters (Prettier's printWidth). Prettier cannot break strings, template
    // literals or comments, so this is the gate for those, with no exceptions: split a long string with
    // '…' + '…' (GraphQL descriptions must stay byte-identical), SQL and GraphQL documents over lines.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { '@stylistic': stylistic },
    rules: { '@stylistic/max-len': ['error', { code: 140, tabWidth: 2 }] },
  },
);
