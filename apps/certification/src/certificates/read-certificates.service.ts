import { Injectable } from '@nestjs/common';
import { Certificate } from './domain/certificate';
import { CertificateNotFoundError } from './domain/certificate.errors';
import { CertificateRepository } from './certificate.repository';

@Injectable()
export class ReadCertificatesService {
  constructor(private readonly certificates: CertificateRepository) {}

  async get(certificateNo: string): Promise<Certificate> {
    const certificate = await this.certificates.findByNumber(certificateNo);
    if (!certificate) throw new CertificateNotFoundError(certificateNo);
    return certificate;
  }

  /** The public check: null for a number nobody issued. */
  find(certificateNo: string): Promise<Certificate | null> {
    return this.certificates.findByNumber(certificateNo);
  }
}
