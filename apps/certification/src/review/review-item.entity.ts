import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event waiting for a person, with its reason. What identifies the citizen (the whole event) is only
 * in `payload_sealed`, AES-256-GCM with the item id authenticated; the other columns hold no citizen ID.
 */
@Entity({ name: 'review_item' })
export class ReviewItemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column()
  reason: string;

  @Column()
  detail: string;

  @Column()
  state: string;

  @Column()
  topic: string;

  @Column({ name: 'event_id' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType: string | null;

  @Column({ name: 'certificate_no', type: 'text', nullable: true })
  certificateNo: string | null;

  @Column({ name: 'learner_key', type: 'char', length: 64, nullable: true })
  learnerKey: string | null;

  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode: string | null;

  @Column({ type: 'text', nullable: true })
  programme: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'payload_sealed', type: 'text', nullable: true })
  payloadSealed: string | null;

  @Column({ name: 'payload_key_id', type: 'text', nullable: true })
  payloadKeyId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'dismissal_reason', type: 'text', nullable: true })
  dismissalReason: string | null;
}
