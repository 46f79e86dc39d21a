import type { Programme } from './programme';

/** Where the seed comes from: the province's plan (sections as numbered there) and Thông tư 02/2025. */
export const PLAN =
  'Kế hoạch triển khai Phong trào “Bình dân học vụ số” trên địa bàn tỉnh Lai Châu (Ban Thường vụ Tỉnh ủy)';
const TT02 = 'Khung năng lực số cho người học, Thông tư 02/2025/TT-BGDĐT (24 năng lực thành phần)';
const CV3456 = 'bậc theo Công văn 3456/BGDĐT-GDPT (27/06/2025), qua bản chép lại của bên thứ ba';

/** The 24 competencies of Thông tư 02/2025, "1.1" .. "6.3", split 3/6/4/4/4/3. */
export const TT02_COMPETENCIES = [3, 6, 4, 4, 4, 3].flatMap((n, d) =>
  Array.from({ length: n }, (_, i) => `${d + 1}.${i + 1}`),
);

export type ProgrammeSeed = Omit<Programme, 'version' | 'seed' | 'editedBy' | 'editedAt'>;

/**
 * Version 1 of each target group's programme (migration 1764000000210 stores it, marked `seed`). A
 * province admin edits them through updateProgramme; the seed itself never changes afterwards.
 */
export const PROGRAMME_SEED: readonly ProgrammeSeed[] = [
  {
    code: 'CITIZEN_BASIC',
    group: 'CITIZEN',
    studentLevels: [],
    title: 'Kỹ năng số cơ bản cho người dân',
    description:
      'Sử dụng thiết bị thông minh, VNeID, dịch vụ công trực tuyến, thanh toán số, an toàn số và chăm sóc sức khỏe trực tuyến.',
    levels: [],
    competencies: [
      'BASIC-SMARTPHONE',
      'BASIC-VNEID',
      'BASIC-PUBLIC-SERVICES',
      'BASIC-CASHLESS-PAYMENT',
      'BASIC-ONLINE-SAFETY',
      'BASIC-ONLINE-HEALTH',
    ],
    source: `${PLAN}: III.1.c, IV.5.4.a-d, IV.6.4`,
  },
  {
    code: 'PUBLIC_SECTOR_DIGITAL',
    group: 'PUBLIC_SECTOR',
    studentLevels: [],
    title: 'Kiến thức, kỹ năng số cho cán bộ, công chức, viên chức và người lao động khu vực công',
    description:
      'Hiểu biết về chuyển đổi số, sử dụng nền tảng và dịch vụ số phục vụ công việc, dịch vụ công trực tuyến, an toàn thông tin, trí tuệ nhân tạo.',
    levels: [],
    competencies: [
      'BASIC-DIGITAL-TRANSFORMATION',
      'BASIC-WORK-PLATFORMS',
      'BASIC-PUBLIC-SERVICES',
      'BASIC-ONLINE-SAFETY',
      'BASIC-AI',
    ],
    source: `${PLAN}: II.4, III.1.a, IV.5.1`,
  },
  {
    code: 'ENTERPRISE_WORKER_DIGITAL',
    group: 'ENTERPRISE_WORKER',
    studentLevels: [],
    title: 'Kỹ năng số cho người lao động trong doanh nghiệp, hợp tác xã',
    description:
      'Thiết bị thông minh phục vụ sản xuất, kinh doanh; phần mềm quản lý sản xuất; thương mại điện tử; an toàn số.',
    levels: [],
    competencies: [
      'BASIC-DIGITAL-TRANSFORMATION',
      'BASIC-SMARTPHONE',
      'BASIC-PRODUCTION-SOFTWARE',
      'BASIC-ECOMMERCE',
      'BASIC-ONLINE-SAFETY',
    ],
    source: `${PLAN}: III.1.đ, IV.5.3, IV.6.3`,
  },
  {
    code: 'STUDENT_PRIMARY',
    group: 'STUDENT',
    studentLevels: ['PRIMARY'],
    title: 'Năng lực số cho học sinh tiểu học',
    description: 'Khung năng lực số cho người học, trình độ Cơ bản (bậc 1-2: lớp 1-5).',
    levels: [1, 2],
    competencies: TT02_COMPETENCIES,
    source: `${TT02}; ${CV3456}; ${PLAN}: III.2.b, IV.5.2`,
  },
  {
    code: 'STUDENT_LOWER_SECONDARY',
    group: 'STUDENT',
    studentLevels: ['LOWER_SECONDARY'],
    title: 'Năng lực số cho học sinh trung học cơ sở',
    description: 'Khung năng lực số cho người học, trình độ Trung cấp (bậc 3-4: lớp 6-9).',
    levels: [3, 4],
    competencies: TT02_COMPETENCIES,
    source: `${TT02}; ${CV3456}; ${PLAN}: III.1.b, IV.5.2`,
  },
  {
    code: 'STUDENT_UPPER_SECONDARY',
    group: 'STUDENT',
    studentLevels: ['UPPER_SECONDARY'],
    title: 'Năng lực số cho học sinh trung học phổ thông',
    description: 'Khung năng lực số cho người học, trình độ Nâng cao (bậc 5: lớp 10-12).',
    levels: [5],
    competencies: TT02_COMPETENCIES,
    source: `${TT02}; ${CV3456}; ${PLAN}: III.1.b, IV.5.2`,
  },
  {
    code: 'STUDENT_POST_SECONDARY',
    group: 'STUDENT',
    studentLevels: ['VOCATIONAL', 'HIGHER_EDUCATION'],
    title: 'Năng lực số cho học sinh, sinh viên giáo dục nghề nghiệp và đại học',
    description:
      'Khung năng lực số cho người học và kỹ năng sử dụng trí tuệ nhân tạo; không nguồn nào đã đọc nêu bậc (6-8) cho nhóm này.',
    levels: [],
    competencies: [...TT02_COMPETENCIES, 'BASIC-AI'],
    source: `${TT02}; ${PLAN}: III.1.b, IV.5.2.a`,
  },
];
