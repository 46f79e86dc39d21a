import { Controller, Get, Global, INestApplication, Module, Query, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, Server } from 'node:http';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { Public, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { Actor } from './actor';
import { CurrentActor, Roles } from './auth.guards';
import { AuthModule } from './auth.module';
import { UNIT_HIERARCHY, UnitScopeGuard, UnitScoped } from './unit-scope.guard';
import { ProblemDetailsFilter } from '@bdhvs/problem';

@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('units')
  @UnitScoped({ query: 'unit' })
  @UseGuards(UnitScopeGuard)
  unit(@Query('unit') unit?: string) {
    return { unit: unit ?? null };
  }

  @Get('admin')
  @Roles('province-admin')
  admin() {
    return { ok: true };
  }
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const intruder = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sign = (claims: object, key: KeyObject = keys.privateKey, kid = 'k1', options: jwt.SignOptions = {}) =>
  jwt.sign(claims, key.export({ type: 'pkcs8', format: 'pem' }), {
    algorithm: 'RS256',
    subject: 'alice',
    expiresIn: '5m',
    keyid: kid,
    ...options,
  });

async function appWith(config: Record<string, string>): Promise<INestApplication> {
  @Global()
  @Module({
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      // 12 (province) > 03388 (commune) > 0338801 (village); 03408 is another commune.
      {
        provide: UNIT_HIERARCHY,
        useValue: {
          isWithin: async (u: string, a: string) =>
            u === a || a === '12' || (a === '03388' && u === '0338801'),
        },
      },
    ],
    exports: [SERVICE_CONFIG, UNIT_HIERARCHY],
  })
  class ConfigModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, AuthModule],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(
    new ProblemDetailsFilter({ 'outside-unit': { status: 403, title: 'Outside your administrative unit' } }),
  );
  await app.init();
  return app;
}

describe.each([
  ['a local public key (development)', 'file'],
  ['a JWKS URL (production)', 'jwks'],
])('%s', (_name, mode) => {
  let app: INestApplication;
  let jwks: Server | undefined;

  beforeAll(async () => {
    if (mode === 'file') {
      const file = join(mkdtempSync(join(tmpdir(), 'bdhvs-auth-')), 'public.pem');
      writeFileSync(file, keys.publicKey.export({ type: 'spki', format: 'pem' }));
      app = await appWith({ JWT_PUBLIC_KEY_FILE: file });
    } else {
      const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
      jwks = createServer((_req, res) =>
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((resolve) => jwks?.listen(0, '127.0.0.1', resolve));
      const port = (jwks.address() as { port: number }).port;
      app = await appWith({ JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    }
  });

  afterAll(async () => {
    await app?.close();
    jwks?.close();
  });

  it('lets anyone reach a public route', () => request(app.getHttpServer()).get('/open').expect(200));

  it('refuses a missing, foreign or expired token with 401', async () => {
    await request(app.getHttpServer()).get('/me').expect(401);
    await request(app.getHttpServer())
      .get('/me')
      .set('authorization', `Bearer ${sign({ roles: ['mentor'] }, intruder.privateKey)}`)
      .expect(401);
    const expired = jwt.sign(
      { roles: ['mentor'], exp: Math.floor(Date.now() / 1000) - 60 },
      keys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      {
        algorithm: 'RS256',
        subject: 'alice',
        keyid: 'k1',
      },
    );
    await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${expired}`).expect(401);
  });

  it('turns the claims into the actor', async () => {
    const res = await request(app.getHttpServer())
      .get('/me')
      .set('authorization', `Bearer ${sign({ roles: ['unit-officer'], unit: '03388' })}`)
      .expect(200);
    expect(res.body).toEqual({ sub: 'alice', roles: ['unit-officer'], unit: '03388' });
  });

  it('bounds a commune officer to their commune and what lies below it', async () => {
    const officer = `Bearer ${sign({ roles: ['unit-officer'], unit: '03388' })}`;
    await request(app.getHttpServer()).get('/units?unit=0338801').set('authorization', officer).expect(200);
    await request(app.getHttpServer())
      .get('/units')
      .set('authorization', officer)
      .expect(200, { unit: null });
    const refused = await request(app.getHttpServer())
      .get('/units?unit=03408')
      .set('authorization', officer)
      .expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await request(app.getHttpServer())
      .get('/units?unit=03408')
      .set('authorization', `Bearer ${sign({ roles: ['province-admin'] })}`)
      .expect(200);
  });

  it('answers 403 when the role does not allow the route', async () => {
    await request(app.getHttpServer())
      .get('/admin')
      .set('authorization', `Bearer ${sign({ roles: ['mentor'] })}`)
      .expect(403);
    await request(app.getHttpServer())
      .get('/admin')
      .set('authorization', `Bearer ${sign({ roles: ['province-admin'] })}`)
      .expect(200);
  });
});

describe('issuer and audience', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bdhvs-auth-')), 'public.pem');
    writeFileSync(file, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    app = await appWith({
      JWT_PUBLIC_KEY_FILE: file,
      JWT_ISSUER: 'https://sso.laichau.gov.vn, https://sso-next.laichau.gov.vn',
      JWT_AUDIENCE: 'bdhvs',
    });
  });

  afterAll(() => app?.close());

  const get = (token: string) =>
    request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`);

  it('accepts a token of a configured issuer, for the configured audience', async () => {
    const claims = { roles: ['mentor'] };
    await get(
      sign(claims, undefined, 'k1', { issuer: 'https://sso.laichau.gov.vn', audience: 'bdhvs' }),
    ).expect(200);
    await get(
      sign(claims, undefined, 'k1', { issuer: 'https://sso-next.laichau.gov.vn', audience: 'bdhvs' }),
    ).expect(200);
  });

  it('refuses another issuer, another audience, or none, with 401', async () => {
    const claims = { roles: ['mentor'] };
    await get(sign(claims, undefined, 'k1', { issuer: 'bdhvs-dev', audience: 'bdhvs' })).expect(401);
    await get(
      sign(claims, undefined, 'k1', { issuer: 'https://sso.laichau.gov.vn', audience: 'other' }),
    ).expect(401);
    await get(sign(claims, undefined, 'k1', { issuer: 'https://sso.laichau.gov.vn' })).expect(401);
    await get(sign(claims)).expect(401);
  });
});
