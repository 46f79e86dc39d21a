import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The lint rules are only worth something if they fail: each snippet is linted as a file at that
// path, with the workspace's eslint.config.mjs and project graph (tags from the project.json files).

interface Linted {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

const BOUNDARIES = '@nx/enforce-module-boundaries';

const cases = {
  testingFromProductionCode: {
    filePath: 'apps/certification/src/boundary-probe.ts',
    code: "import '@bdhvs/testing';\n",
  },
  anotherApp: {
    filePath: 'apps/certification/src/boundary-probe.ts',
    code: "import '../../learners/src/service';\n",
  },
  serviceLibFromGateway: {
    filePath: 'apps/gateway/src/boundary-probe.ts',
    code: "import '@bdhvs/messaging';\n",
  },
  problemFromDomain: {
    filePath: 'apps/certification/src/certificates/domain/boundary-probe.ts',
    code: "import '@bdhvs/problem';\n",
  },
  authFromDomain: {
    filePath: 'apps/learners/src/learners/domain/boundary-probe.ts',
    code: "import '@bdhvs/auth';\n",
  },
  kafkaClientInApp: {
    filePath: 'apps/reporting/src/boundary-probe.ts',
    code: "import 'kafkajs';\n",
  },
  libFromContract: {
    filePath: 'libs/contracts/platform/src/boundary-probe.ts',
    code: "import '@bdhvs/problem';\n",
  },
  testingFromIntegrationTest: {
    filePath: 'apps/certification/test/boundary-probe.int-spec.ts',
    code: "import '@bdhvs/testing';\n",
  },
  testingFromUnitTest: {
    filePath: 'apps/learners/src/boundary-probe.spec.ts',
    code: "import '@bdhvs/testing';\n",
  },
  ownScopeAndShared: {
    filePath: 'apps/certification/src/boundary-probe.ts',
    code: "import '@bdhvs/messaging';\nimport '@bdhvs/problem';\nimport '@bdhvs/platform';\n",
  },
  sharedFromGateway: {
    filePath: 'apps/gateway/src/boundary-probe.ts',
    code: "import '@bdhvs/problem';\nimport '@bdhvs/trace-context';\nimport '@bdhvs/platform';\n",
  },
};

describe('lint rules', () => {
  let linted: Record<keyof typeof cases, Linted['messages']>;

  beforeAll(() => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const output = execFileSync('node', [join(__dirname, 'lint-snippets.cjs')], {
      input: JSON.stringify(names.map((name) => cases[name])),
      env: { ...process.env, NX_DAEMON: 'false' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(output) as Linted[];
    linted = Object.fromEntries(names.map((name, i) => [name, results[i].messages])) as typeof linted;
  }, 120_000);

  it('refuses @bdhvs/testing in the production code of an app', () => {
    expect(linted.testingFromProductionCode).toEqual([
      {
        ruleId: BOUNDARIES,
        message:
          'A project tagged with "type:app" can only depend on libs tagged with "type:infra", "type:contract"',
      },
    ]);
  });

  it('refuses an import of another app', () => {
    expect(linted.anotherApp).toEqual([
      expect.objectContaining({
        ruleId: BOUNDARIES,
        message: expect.stringMatching(/relative or absolute path/),
      }),
    ]);
  });

  it("refuses a lib outside the app's scope: the gateway takes no service runtime", () => {
    expect(linted.serviceLibFromGateway).toEqual([
      {
        ruleId: BOUNDARIES,
        message:
          'A project tagged with "scope:gateway" can only depend on libs tagged with "scope:gateway", "scope:shared"',
      },
    ]);
  });

  it.each(['problemFromDomain', 'authFromDomain'] as const)(
    'refuses HTTP errors and auth in domain/ (%s)',
    (name) => {
      expect(linted[name]).toEqual([
        expect.objectContaining({
          ruleId: 'no-restricted-imports',
          message: expect.stringMatching(/^'@bdhvs\/(problem|auth)' import is restricted/),
        }),
      ]);
    },
  );

  it('refuses a Kafka client of its own in an app: consumers are @EventPattern handlers over the inbox', () => {
    expect(linted.kafkaClientInApp).toEqual([
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringMatching(/^'kafkajs' import is restricted/),
      }),
    ]);
  });

  it('lets a contract depend on nothing', () => {
    expect(linted.libFromContract).toEqual([
      {
        ruleId: BOUNDARIES,
        message: 'A project tagged with "type:contract" cannot depend on any libs with tags',
      },
    ]);
  });

  it.each([
    'testingFromIntegrationTest',
    'testingFromUnitTest',
    'ownScopeAndShared',
    'sharedFromGateway',
  ] as const)('allows %s', (name) => {
    expect(linted[name]).toEqual([]);
  });
});
