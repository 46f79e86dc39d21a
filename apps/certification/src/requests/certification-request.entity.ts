import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A request to VNeID to certify a learner in a programme: unique per learner and programme. */
@Entity({ name: 'vneid_request' })
export class CertificationRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column()
  programme: string;

  @Column({ name: 'unit_code' })
  unitCode: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'course_code' })
  courseCode: string;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column()
  state: string;

  @Column({ name: 'certificate_no', type: 'text', nullable: true })
  certificateNo: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}
