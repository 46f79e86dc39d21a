// Development RS256 key pair and token minting. Never used in production: services there take keys
// from JWT_JWKS_URL, and the token command refuses NODE_ENV=production.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const jwt = require('jsonwebtoken');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY_DIR = path.join(process.env.BDHVS_CACHE_DIR || path.join(ROOT, '.cache'), 'dev-keys');

function ensureDevKeys() {
  const privateFile = path.join(KEY_DIR, 'private.pem');
  const publicFile = path.join(KEY_DIR, 'public.pem');
  if (!fs.existsSync(privateFile) || !fs.existsSync(publicFile)) {
    fs.mkdirSync(KEY_DIR, { recursive: true });
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateFile, publicFile };
}

function mintDevToken({ sub, roles, unit, expiresIn = '12h' }) {
  const { privateFile } = ensureDevKeys();
  const claims = { roles, ...(unit ? { unit } : {}) };
  return jwt.sign(claims, fs.readFileSync(privateFile), {
    algorithm: 'RS256',
    subject: sub,
    expiresIn,
    issuer: 'bdhvs-dev',
  });
}

module.exports = { ensureDevKeys, mintDevToken, KEY_DIR };
