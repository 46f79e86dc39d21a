/** Model indicators of section IV.6 of the plan (product brief, "Model indicators from IV.6"). */
export const MODEL_INDICATORS = {
  'mentors-with-5-mentees': 'Share of mentors (Đại sứ số) guiding at least 5 mentees',
  'communes-with-desk-helper': 'Communes and wards with at least one helper at the public-service desk',
  'households-with-learner': 'Share of households with at least one member who learned',
  'citizens-16-with-vneid': 'Share of citizens aged 16 and over with a VNeID digital identity',
  'citizens-16-with-digital-bank-account': 'Share of citizens aged 16 and over with a digital bank account',
  'community-class-sessions': 'Community-class sessions held per commune per week',
  '4t-trainees': 'Traders, farmers and rural residents trained in the 4T model',
  'door-to-door-visits': 'Door-to-door visits by community technology teams',
} as const;

export type ModelIndicatorId = keyof typeof MODEL_INDICATORS;

/** A model or campaign of the movement, as the plan names it. */
export interface CampaignModel {
  id: string;
  /** The plan's own name, in Vietnamese. */
  name: string;
  /** Where the plan sets it out. */
  planSection: string;
  /** The plan's target for it, in its words (shortened). */
  target: string;
  indicators: readonly ModelIndicatorId[];
  /** For a yearly event: its day, as an ISO 8601 `--MM-DD`. */
  annualDate?: string;
}

export const CAMPAIGN_MODELS: readonly CampaignModel[] = [
  {
    id: 'digital-ambassadors',
    name: 'Mô hình mạng lưới “Đại sứ số”',
    planSection: 'IV.6.1',
    target:
      'Mỗi “mentor” hướng dẫn kỹ năng số cho ít nhất 5 “mentee”; mỗi phường, xã bố trí ít nhất một nhân sự hỗ trợ, hướng dẫn người dân làm thủ tục hành chính trên Cổng dịch vụ công trực tuyến.',
    indicators: ['mentors-with-5-mentees', 'communes-with-desk-helper'],
  },
  {
    id: 'digital-family',
    name: 'Phong trào “Gia đình số”',
    planSection: 'IV.6.2',
    target:
      'Mỗi hộ gia đình có ít nhất một thành viên tham gia học tập, có hiểu biết về chuyển đổi số, kỹ năng số.',
    indicators: ['households-with-learner'],
  },
  {
    id: 'digital-market-4t',
    name: 'Mô hình “Chợ số - Nông thôn số”',
    planSection: 'IV.6.3',
    target:
      'Đào tạo tiểu thương, nông dân và người dân khu vực nông thôn qua mô hình học tập 4T (Tiểu thương - Thương mại điện tử - Thanh toán không dùng tiền mặt - Tiết kiệm số).',
    indicators: ['4t-trainees'],
  },
  {
    id: 'digital-identity',
    name: 'Mô hình “Mỗi công dân - Một danh tính số”',
    planSection: 'IV.6.4',
    target:
      'Bảo đảm 100% công dân từ 16 tuổi có danh tính số; hỗ trợ cài đặt, sử dụng ứng dụng VNeID, tài khoản ngân hàng số.',
    indicators: ['citizens-16-with-vneid', 'citizens-16-with-digital-bank-account'],
  },
  {
    id: 'community-tech-teams',
    name: 'Mô hình “Tổ công nghệ số cộng đồng”',
    planSection: 'IV.6.5',
    target:
      '“Đi từng ngõ, gõ từng nhà, hướng dẫn từng người”, nhất là ở vùng nông thôn, vùng khó khăn, đồng bào dân tộc thiểu số.',
    indicators: ['door-to-door-visits'],
  },
  {
    // Volunteers run classes and guidance groups, on their own or within the community tech teams.
    id: 'youth-campaign',
    name: 'Chiến dịch Thanh niên chung tay phổ cập kỹ năng số',
    planSection: 'IV.6.6',
    target:
      'Thanh niên tình nguyện tổ chức các lớp, nhóm hướng dẫn người dân cài đặt, sử dụng phần mềm, ứng dụng, dịch vụ số.',
    indicators: ['community-class-sessions', 'door-to-door-visits'],
  },
  {
    // Held with the National Digital Transformation Day; its digital classes for the community count as sessions.
    id: 'digital-learning-day',
    name: 'Ngày hội toàn dân học tập số',
    planSection: 'IV.1.3',
    target:
      'Tổ chức hằng năm cùng Ngày Chuyển đổi số quốc gia (10/10): hội thảo, trải nghiệm và hướng dẫn sử dụng nền tảng, dịch vụ số, lớp học số cho cộng đồng.',
    indicators: ['community-class-sessions'],
    annualDate: '--10-10',
  },
];
