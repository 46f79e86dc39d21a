/**
 * Why an event waits for a person: refused on arrival on the Kafka channel (its date, unit or
 * programme), a revocation whose certificate has not arrived in the configured time, or a message of the
 * VNeID topic that went to its dead-letter topic (not decodable, against the schema, or failing every retry).
 */
export const REVIEW_REASONS = [
  'occurred-at',
  'unknown-unit',
  'unknown-programme',
  'revocation-overdue',
  'dead-lettered',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** open: waits; reprocessed: applied since (by a person or once its certificate arrived); dismissed: closed by a person. */
export const REVIEW_STATES = ['open', 'reprocessed', 'dismissed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface ReviewItem {
  id: string;
  reason: ReviewReason;
  detail: string;
  state: ReviewState;
  topic: string;
  /** For a dead letter that never decoded: its CloudEvent id, or `<topic>/<partition>@<offset>`. */
  eventId: string;
  /** Null, as the next four, for a dead letter that never decoded. */
  eventType: string | null;
  certificateNo: string | null;
  learnerKey: string | null;
  unitCode: string | null;
  programme: string | null;
  occurredAt: Date | null;
  createdAt: Date;
  /** What applying it did (the VNeID outcome), once reprocessed. */
  outcome: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  dismissalReason: string | null;
}

/** The longest eventId an item keeps: a dead letter's own id (its body's eventId, its ce_id) may be any text. */
export const MAX_EVENT_ID_LENGTH = 200;

/** The longest detail an item keeps: a dead letter's reason is an error's message, of any length. */
export const MAX_DETAIL_LENGTH = 2000;

/** `detail` cut to MAX_DETAIL_LENGTH characters, ending with an ellipsis when cut. */
export function boundedDetail(detail: string): string {
  const characters = [...detail];
  return characters.length <= MAX_DETAIL_LENGTH
    ? detail
    : characters.slice(0, MAX_DETAIL_LENGTH - 1).join('') + '…';
}

export interface FieldProblem {
  field: string;
  message: string;
}

const REASON_OF_FIELD: Record<string, ReviewReason> = {
  occurredAt: 'occurred-at',
  unitCode: 'unknown-unit',
  programme: 'unknown-programme',
};

/** The reason an event refused on arrival is kept under: its first problem's; the detail names them all. */
export function reviewReasonOf(problems: readonly FieldProblem[]): { reason: ReviewReason; detail: string } {
  return {
    reason: REASON_OF_FIELD[problems[0]?.field ?? ''] ?? 'occurred-at',
    detail: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
  };
}

export type ReprocessDecision =
  | { kind: 'already-closed' }
  | { kind: 'reprocessed'; outcome: string }
  | { kind: 'still-refused'; problems: FieldProblem[] };

/**
 * What reprocessing an item comes to, from what applying its event again answered (`outcome`, with the
 * problems when refused). A closed item is left as it is: reprocessing twice changes nothing.
 */
export function decideReprocess(
  item: Pick<ReviewItem, 'state' | 'reason'>,
  applied: { outcome: string; problems: FieldProblem[] } | null,
): ReprocessDecision {
  if (item.state !== 'open' || !applied) return { kind: 'already-closed' };
  if (applied.outcome === 'rejected') return { kind: 'still-refused', problems: applied.problems };
  // A refused revocation accepted now may still wait for its certificate: that wait is another item's.
  if (applied.outcome === 'revocation-pending' && item.reason === 'revocation-overdue')
    return {
      kind: 'still-refused',
      problems: [
        { field: 'certificateNo', message: 'the certificate this revocation names has still not arrived' },
      ],
    };
  return { kind: 'reprocessed', outcome: applied.outcome };
}

export type DismissDecision = { kind: 'dismiss' } | { kind: 'unchanged' } | { kind: 'closed' };

/** Dismissing an open item closes it; dismissing it again changes nothing; a reprocessed item stays so. */
export function decideDismissal(item: Pick<ReviewItem, 'state'>): DismissDecision {
  if (item.state === 'open') return { kind: 'dismiss' };
  return item.state === 'dismissed' ? { kind: 'unchanged' } : { kind: 'closed' };
}
