import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A target group's programme: what never changes, and which version is current. */
@Entity({ name: 'programme' })
export class ProgrammeEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'target_group', type: 'text' })
  group: string;

  @Column({ name: 'student_levels', type: 'text', array: true })
  studentLevels: string[];

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;
}

/** Every version of every programme; version 1 is the seed. */
@Entity({ name: 'programme_version' })
export class ProgrammeVersionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int', array: true })
  levels: number[];

  @Column({ type: 'text', array: true })
  competencies: string[];

  @Column({ type: 'boolean' })
  seed: boolean;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ name: 'edited_by', type: 'text', nullable: true })
  editedBy: string | null;

  @Column({ name: 'edited_at', type: 'timestamptz' })
  editedAt: Date;
}
