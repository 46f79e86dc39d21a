/** Administrative maps: the two-tier map since 1 July 2025, and the former districts. */
export type UnitMap = '2025' | 'pre-2025';

/** Body the VNeID adapter pushes over HTTP, and the value on `vneid.certification-events.v1`. */
export interface VneidCertificationEventV1 {
  eventId: string;
  type: 'CERTIFIED' | 'REVOKED';
  occurredAt: string;
  citizenId: string;
  fullName: string;
  dateOfBirth: string;
  unitCode: string;
  programme: string;
  certificateNo: string;
  reason?: string;
}

/**
 * A certificate was issued. `learnerKey` is the keyed hash of the citizen ID (never the ID itself);
 * `issuedAt` is when VNeID certified, not when we heard of it.
 */
export interface CertificateIssuedV1 {
  certificateId: string;
  certificateNo: string;
  learnerKey: string;
  programme: string;
  unitCode: string;
  unitMap: UnitMap;
  dateOfBirth: string;
  issuedAt: string;
  sourceEventId: string;
}

export interface CertificateRevokedV1 {
  certificateId: string;
  certificateNo: string;
  learnerKey: string;
  programme: string;
  unitCode: string;
  revokedAt: string;
  reason?: string;
  sourceEventId: string;
}

export interface UnitRegisteredV1 {
  map: UnitMap;
  code: string;
  name: string;
  shortName: string;
  type: 'province' | 'city' | 'district' | 'town' | 'commune' | 'ward' | 'village';
  parentCode: string | null;
  /** For a former (pre-2025) commune: the 2025 commune it was merged into. */
  mergedIntoCode?: string | null;
}

export interface EventPayloads {
  'vneid.certification-events.v1': VneidCertificationEventV1;
  'certification.certificate-issued.v1': CertificateIssuedV1;
  'certification.certificate-revoked.v1': CertificateRevokedV1;
  'learners.unit-registered.v1': UnitRegisteredV1;
}
