import { ROLES, type Role } from '@bdhvs/platform';

// The roles are the platform manifest's, which the development token script reads too.
export { ROLES, type Role };

/** The caller, as services take it: who, with which roles, bounded to which administrative unit. */
export interface Actor {
  sub: string;
  roles: Role[];
  /** Unit code that bounds what the caller may see; absent for province-wide callers. */
  unit?: string;
}

/**
 * The longest subject a token may carry (OpenID Connect Core 1.0, 2: at most 255 ASCII characters). Services
 * store the subject as who did what, and their documents bound those fields by it.
 */
export const MAX_SUBJECT_LENGTH = 255;

export function actorFromClaims(claims: Record<string, unknown>): Actor | null {
  const sub = claims['sub'];
  const roles = claims['roles'];
  const unit = claims['unit'];
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH || !Array.isArray(roles))
    return null;
  return {
    sub,
    roles: roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    ...(typeof unit === 'string' && unit ? { unit } : {}),
  };
}
