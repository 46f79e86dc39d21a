import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.cache/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contract'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra', 'type:contract'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contract', 'type:testing'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contract', 'type:testing'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:learners', onlyDependOnLibsWithTags: ['scope:learners', 'scope:shared'] },
            { sourceTag: 'scope:courses', onlyDependOnLibsWithTags: ['scope:courses', 'scope:shared'] },
            {
              sourceTag: 'scope:certification',
              onlyDependOnLibsWithTags: ['scope:certification', 'scope:shared'],
            },
            { sourceTag: 'scope:campaigns', onlyDependOnLibsWithTags: ['scope:campaigns', 'scope:shared'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Domain code stays plain TypeScript: no framework, ORM or broker imports.
    files: ['**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@bdhvs/messaging', '@bdhvs/service-runtime'] },
      ],
    },
  },
];
