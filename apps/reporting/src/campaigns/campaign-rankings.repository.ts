import { Injectable } from '@nestjs/common';
import { Database } from '@bdhvs/service-runtime';
import type { Period } from '../indicators/domain/period';
import { MemberFigures } from './domain/member-ranking';

/** The figures behind the rankings of mentors and teams: one set-based query each. */
@Injectable()
export class CampaignRankingsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Every mentor registered by the period's end: the mentees assigned to them at its end, and the
   * mentees certified while guided by them whose certificate still stands at the end (a mentee who
   * changes mentor afterwards stays to the credit of the mentor who guided them then; ADR 0015).
   */
  async mentors(period: Period): Promise<MemberFigures[]> {
    const rows: { id: string; unit_code: string; mentees: number; certified: number }[] =
      await this.db.manager.query(
        `SELECT m.mentor_id AS id, m.unit_code,
                count(e.learner_key) FILTER (WHERE e.ended_at IS NULL OR e.ended_at >= $1)::int AS mentees,
                count(DISTINCT e.learner_key) FILTER (WHERE EXISTS (
                  SELECT 1 FROM unnest(f.qualified) AS standing(r)
                  WHERE r @> $1::timestamptz AND lower(r) >= e.assigned_at
                    AND (e.ended_at IS NULL OR lower(r) < e.ended_at)
                ))::int AS certified
         FROM campaign_mentor m
         LEFT JOIN campaign_mentee e ON e.mentor_id = m.mentor_id AND e.assigned_at < $1
         LEFT JOIN learner_fact f ON f.learner_key = e.learner_key
         WHERE m.registered_at < $1
         GROUP BY m.mentor_id, m.unit_code`,
        [period.end],
      );
    return rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      name: null,
      figures: { mentees: r.mentees, certifiedMentees: r.certified },
    }));
  }

  /** Every team created by the period's end: the visits it made in the period, and the days it went out. */
  async teams(period: Period): Promise<MemberFigures[]> {
    const rows: { id: string; unit_code: string; name: string; visits: number; days: number }[] =
      await this.db.manager.query(
        `SELECT t.team_id AS id, t.unit_code, t.name,
                count(v.visit_id)::int AS visits,
                count(DISTINCT (v.visited_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS days
         FROM campaign_team t
         LEFT JOIN campaign_visit v ON v.team_id = t.team_id AND v.visited_at >= $1 AND v.visited_at < $2
         WHERE t.created_at < $2
         GROUP BY t.team_id, t.unit_code, t.name`,
        [period.start, period.end],
      );
    return rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      name: r.name,
      figures: { visits: r.visits, visitDays: r.days },
    }));
  }
}
