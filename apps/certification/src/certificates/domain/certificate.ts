/** A certificate of digital skills confirmed on VNeID: one per learner and programme while it stands. */
export interface Certificate {
  id: string;
  certificateNo: string;
  learnerKey: string;
  maskedName: string;
  programme: string;
  unitCode: string;
  dateOfBirth: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export type CertificateStatus = 'valid' | 'revoked';

export function statusOf(certificate: Pick<Certificate, 'revokedAt'>): CertificateStatus {
  return certificate.revokedAt ? 'revoked' : 'valid';
}

/** What a VNeID event does, decided from what is already known. */
export type VneidDecision =
  | { kind: 'issue' }
  | { kind: 'already-issued'; certificateId: string }
  | { kind: 'duplicate-certificate'; existingCertificateNo: string }
  | { kind: 'revoke'; certificate: Certificate }
  | { kind: 'already-revoked' }
  | { kind: 'revocation-pending' };

export function decideCertified(
  sameNumber: Certificate | null,
  activeForProgramme: Certificate | null,
): VneidDecision {
  if (sameNumber) return { kind: 'already-issued', certificateId: sameNumber.id };
  // A second certificate for the same learner and programme never counts twice.
  if (activeForProgramme)
    return { kind: 'duplicate-certificate', existingCertificateNo: activeForProgramme.certificateNo };
  return { kind: 'issue' };
}

export function decideRevoked(target: Certificate | null): VneidDecision {
  // VNeID may deliver a revocation before the certification it revokes; it is kept until then.
  if (!target) return { kind: 'revocation-pending' };
  if (target.revokedAt) return { kind: 'already-revoked' };
  return { kind: 'revoke', certificate: target };
}

/** A VNeID event as the decision needs it: the citizen ID already replaced by its learner key. */
export interface VneidEvent {
  eventId: string;
  type: 'CERTIFIED' | 'REVOKED';
  occurredAt: Date;
  learnerKey: string;
  maskedName: string;
  dateOfBirth: string;
  unitCode: string;
  programme: string;
  certificateNo: string;
  reason: string | null;
}

export interface PendingRevocation {
  eventId: string;
  certificateNo: string;
  occurredAt: Date;
  reason: string | null;
}

/** What is stored about the certificate numbers, learners and eventIds of a batch, read in one query. */
export interface KnownState {
  seenEventIds: ReadonlySet<string>;
  certificates: readonly Certificate[];
  pendingRevocations: readonly PendingRevocation[];
  /** Which of the batch's unit codes the registry has announced (2025 map). */
  knownUnits: ReadonlySet<string>;
}

/** What an event is checked against on arrival, whichever channel brings it. */
export interface ArrivalRules {
  now: Date;
  /** Programmes VNeID certifies (configuration). */
  programmes: ReadonlySet<string>;
}

/** The movement began on 2025-01-01 in Vietnam time. */
export const MOVEMENT_START = new Date('2025-01-01T00:00:00+07:00');
/** How far ahead of our clock an adapter's clock may run. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Why an event cannot be applied as it stands; empty when it can. */
export function arrivalProblems(event: VneidEvent, known: KnownState, rules: ArrivalRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (+event.occurredAt > +rules.now + MAX_CLOCK_SKEW_MS)
    problems.push({ field: 'occurredAt', message: 'occurredAt is more than 5 minutes in the future' });
  else if (+event.occurredAt < +MOVEMENT_START)
    problems.push({
      field: 'occurredAt',
      message: 'occurredAt is before the movement began (2025-01-01, Vietnam time)',
    });
  return [...problems, ...placementProblems(event, known.knownUnits, rules.programmes)];
}

/** Whether a certificate's unit is one the registry announced and its programme one VNeID certifies. */
export function placementProblems(
  placement: { unitCode: string; programme: string },
  knownUnits: ReadonlySet<string>,
  programmes: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!knownUnits.has(placement.unitCode))
    problems.push({ field: 'unitCode', message: `unitCode ${placement.unitCode} is not a known unit` });
  if (!programmes.has(placement.programme))
    problems.push({
      field: 'programme',
      message: `programme ${placement.programme} is not a VNeID programme`,
    });
  return problems;
}

/** A province admin's correction of a certificate issued to the wrong unit or programme. */
export interface CertificateCorrection {
  id: string;
  unitCode?: string;
  programme?: string;
  reason: string;
  correctedBy: string;
  correctedAt: Date;
}

export type CorrectionDecision =
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'revoked' }
  | { kind: 'conflict'; existingCertificateNo: string }
  | {
      kind: 'correct';
      corrected: Certificate;
      /** Revoke the wrong one as of its issue (it never counted), reissue the right one as of the same instant. */
      changes: [CertificateChange, CertificateChange];
    };

/**
 * Decides a correction. The certificate keeps its number and gets a new id: projections keyed by
 * certificate id see a revocation of the old one and an issue of the new one, both at the original
 * issue instant, so every period is counted as if it had been right from the start.
 */
export function decideCorrection(
  certificate: Certificate,
  correction: CertificateCorrection,
  activeOfLearner: readonly Certificate[],
  knownUnits: ReadonlySet<string>,
  programmes: ReadonlySet<string>,
  newId: string,
): CorrectionDecision {
  const placement = {
    unitCode: correction.unitCode ?? certificate.unitCode,
    programme: correction.programme ?? certificate.programme,
  };
  if (placement.unitCode === certificate.unitCode && placement.programme === certificate.programme)
    return {
      kind: 'invalid',
      problems: [{ field: 'unitCode', message: 'the correction changes neither unitCode nor programme' }],
    };
  const problems = placementProblems(placement, knownUnits, programmes);
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (certificate.revokedAt) return { kind: 'revoked' };
  const clash = activeOfLearner.find(
    (c) => c.id !== certificate.id && c.programme === placement.programme && !c.revokedAt,
  );
  if (clash) return { kind: 'conflict', existingCertificateNo: clash.certificateNo };
  const corrected: Certificate = { ...certificate, ...placement, id: newId };
  const reason = `corrected: ${correction.reason}`;
  return {
    kind: 'correct',
    corrected,
    changes: [
      { kind: 'revoked', certificate, at: certificate.issuedAt, reason, sourceEventId: correction.id },
      { kind: 'issued', certificate: corrected, sourceEventId: correction.id },
    ],
  };
}

export type VneidOutcome = VneidDecision['kind'] | 'duplicate-event' | 'rejected';

export interface RecordedEvent {
  eventId: string;
  type: 'CERTIFIED' | 'REVOKED';
  certificateNo: string;
  learnerKey: string;
  occurredAt: Date;
  outcome: VneidDecision['kind'];
  reason: string | null;
}

/** A change to publish, in the order it happened: one learner's events keep their order. */
export type CertificateChange =
  | { kind: 'issued'; certificate: Certificate; sourceEventId: string }
  | { kind: 'revoked'; certificate: Certificate; at: Date; reason: string | null; sourceEventId: string };

/**
 * The certificates issued to learners the registry has not announced, the first one per learner: the
 * registry is told about each of them (it registers a learner it does not know, once).
 */
export function certificatesOfUnknownLearners(
  changes: readonly CertificateChange[],
  knownLearnerKeys: ReadonlySet<string>,
): { certificate: Certificate; sourceEventId: string }[] {
  const seen = new Set<string>();
  const out: { certificate: Certificate; sourceEventId: string }[] = [];
  for (const change of changes) {
    const key = change.certificate.learnerKey;
    if (change.kind !== 'issued' || knownLearnerKeys.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push({ certificate: change.certificate, sourceEventId: change.sourceEventId });
  }
  return out;
}

export interface VneidBatchPlan {
  /** One per event, in the order given. */
  outcomes: VneidOutcome[];
  /** One per event: why it was rejected (not recorded, so it can be sent again once fixed), or empty. */
  problems: FieldProblem[][];
  /** Certificates first seen in this batch, in their state after it. */
  newCertificates: Certificate[];
  /** Revocations of certificates stored before this batch. */
  revokedStored: { id: string; at: Date; reason: string | null }[];
  recorded: RecordedEvent[];
  /** Revocations that waited for their certificate and were applied now (their stored outcome changes). */
  appliedPending: string[];
  changes: CertificateChange[];
}

/**
 * Decides a batch of VNeID events in order, as if each were applied alone after the ones before it: the
 * one rule for the webhook and the Kafka channel. `newId` gives ids of new certificates.
 */
export function decideVneidEvents(
  events: readonly VneidEvent[],
  known: KnownState,
  rules: ArrivalRules,
  newId: () => string,
): VneidBatchPlan {
  const seen = new Set(known.seenEventIds);
  const byNumber = new Map<string, Certificate>();
  const active = new Map<string, Certificate>();
  const activeKey = (c: { learnerKey: string; programme: string }) => `${c.learnerKey}\u0000${c.programme}`;
  const storedIds = new Set<string>();
  for (const stored of known.certificates) {
    const copy = { ...stored };
    byNumber.set(copy.certificateNo, copy);
    storedIds.add(copy.id);
    if (!copy.revokedAt) active.set(activeKey(copy), copy);
  }
  const pending = new Map<string, PendingRevocation[]>();
  for (const p of [...known.pendingRevocations].sort((a, b) => +a.occurredAt - +b.occurredAt))
    pending.set(p.certificateNo, [...(pending.get(p.certificateNo) ?? []), p]);

  const plan: VneidBatchPlan = {
    outcomes: [],
    problems: [],
    newCertificates: [],
    revokedStored: [],
    recorded: [],
    appliedPending: [],
    changes: [],
  };
  const recordedHere = new Map<string, RecordedEvent>();
  const revoke = (certificate: Certificate, at: Date, reason: string | null, sourceEventId: string) => {
    certificate.revokedAt = at;
    certificate.revocationReason = reason;
    active.delete(activeKey(certificate));
    if (storedIds.has(certificate.id)) plan.revokedStored.push({ id: certificate.id, at, reason });
    plan.changes.push({ kind: 'revoked', certificate: { ...certificate }, at, reason, sourceEventId });
  };

  for (const event of events) {
    if (seen.has(event.eventId)) {
      plan.outcomes.push('duplicate-event');
      plan.problems.push([]);
      continue;
    }
    // A revocation names its certificate by number: only its date is checked.
    const problems = arrivalProblems(event, known, rules).filter(
      (p) => event.type === 'CERTIFIED' || p.field === 'occurredAt',
    );
    plan.problems.push(problems);
    if (problems.length > 0) {
      plan.outcomes.push('rejected');
      continue;
    }
    seen.add(event.eventId);
    let decision: VneidDecision;
    if (event.type === 'CERTIFIED') {
      decision = decideCertified(
        byNumber.get(event.certificateNo) ?? null,
        active.get(activeKey(event)) ?? null,
      );
      if (decision.kind === 'issue') {
        const certificate: Certificate = {
          id: newId(),
          certificateNo: event.certificateNo,
          learnerKey: event.learnerKey,
          maskedName: event.maskedName,
          programme: event.programme,
          unitCode: event.unitCode,
          dateOfBirth: event.dateOfBirth,
          issuedAt: event.occurredAt,
          revokedAt: null,
          revocationReason: null,
        };
        byNumber.set(certificate.certificateNo, certificate);
        active.set(activeKey(certificate), certificate);
        plan.newCertificates.push(certificate);
        plan.changes.push({ kind: 'issued', certificate: { ...certificate }, sourceEventId: event.eventId });
        const waiting = pending.get(certificate.certificateNo)?.shift();
        if (waiting) {
          revoke(certificate, waiting.occurredAt, waiting.reason, waiting.eventId);
          const inBatch = recordedHere.get(waiting.eventId);
          if (inBatch) inBatch.outcome = 'revoke';
          else plan.appliedPending.push(waiting.eventId);
        }
      }
    } else {
      decision = decideRevoked(byNumber.get(event.certificateNo) ?? null);
      if (decision.kind === 'revoke')
        revoke(decision.certificate, event.occurredAt, event.reason, event.eventId);
      if (decision.kind === 'revocation-pending') {
        const waiting = pending.get(event.certificateNo) ?? [];
        waiting.push({ ...event });
        waiting.sort((a, b) => +a.occurredAt - +b.occurredAt);
        pending.set(event.certificateNo, waiting);
      }
    }
    const recorded: RecordedEvent = {
      eventId: event.eventId,
      type: event.type,
      certificateNo: event.certificateNo,
      learnerKey: event.learnerKey,
      occurredAt: event.occurredAt,
      outcome: decision.kind,
      reason: event.reason,
    };
    recordedHere.set(event.eventId, recorded);
    plan.recorded.push(recorded);
    plan.outcomes.push(decision.kind);
  }
  return plan;
}
