import { readFileSync } from 'node:fs';
import nx from '@nx/eslint-plugin';

// The apps come from the platform manifest, so a new service gets its scope rule with its entry there.
const platform = JSON.parse(
  readFileSync(new URL('./libs/contracts/platform/src/platform.json', import.meta.url), 'utf8'),
);
const APPS = [...Object.keys(platform.services), 'gateway'];

/**
 * Tags (project.json) on two axes. `type:` says what a project is: `app`, `infra` (runtime libs),
 * `contract` (shapes everyone agrees on), `testing` (test harness), `e2e`, `tool`. `scope:` says who
 * may use it: a lib carries the scope of every app allowed to import it, or `scope:shared` when all may
 * (the gateway included). Production code never imports `type:testing`; test files may (see below).
 */
function moduleBoundaries({ appsMayUseTesting }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: [
        { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contract'] },
        {
          sourceTag: 'type:testing',
          onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:contract'],
        },
        {
          sourceTag: 'type:app',
          onlyDependOnLibsWithTags: [
            'type:infra',
            'type:contract',
            ...(appsMayUseTesting ? ['type:testing'] : []),
          ],
        },
        {
          sourceTag: 'type:e2e',
          onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:contract'],
        },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:infra', 'type:contract'] },
        // A lib every app may use builds only on libs every app may use. (The e2e suite and the tools,
        // also `scope:shared`, look at the whole platform: their type rule bounds them.)
        { allSourceTags: ['type:infra', 'scope:shared'], onlyDependOnLibsWithTags: ['scope:shared'] },
        // An app uses its own scope and shared libs, never another app's.
        ...APPS.map((app) => ({
          sourceTag: `scope:${app}`,
          onlyDependOnLibsWithTags: [`scope:${app}`, 'scope:shared'],
        })),
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.cache/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ appsMayUseTesting: false }),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests (unit specs beside the code, integration specs in an app's test/) may use @bdhvs/testing.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ appsMayUseTesting: true }),
    },
  },
  {
    // A service consumes Kafka only through @EventPattern handlers over the inbox (ADR 0003), never a client of its own.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kafkajs',
              message: 'Consume with @EventPattern handlers and publish with the Outbox (@bdhvs/messaging).',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code stays plain TypeScript: no framework, ORM, broker, HTTP error or auth imports.
    files: ['**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'kafkajs',
                'pg',
                '@bdhvs/messaging',
                '@bdhvs/service-runtime',
                '@bdhvs/problem',
                '@bdhvs/auth',
              ],
              message:
                'domain/ stays plain TypeScript: framework, storage, broker, HTTP and auth code live outside it.',
            },
          ],
        },
      ],
    },
  },
];
