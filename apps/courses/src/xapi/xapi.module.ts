import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { DocumentRepository } from './document.repository';
import { LrsCredentialRepository } from './lrs-credential.repository';
import { LrsCredentialsController } from './lrs-credentials.controller';
import { LrsCredentialsService } from './lrs-credentials.service';
import { LrsService } from './lrs.service';
import { ReadStatementsService } from './read-statements.service';
import { RecordStatementsService } from './record-statements.service';
import { SetLrsAccountService } from './set-lrs-account.service';
import { StatementProgressService } from './statement-progress.service';
import { StatementRepository } from './statement.repository';
import { XapiAuthService } from './xapi-auth.service';
import { XapiDocumentsService } from './xapi-documents.service';
import { XapiController } from './xapi.controller';

/** The xAPI 1.0.3 LRS, its credentials and the learners' accounts; statements feed enrolments. */
@Module({
  imports: [CatalogueModule, EnrolmentsModule],
  controllers: [XapiController, LrsCredentialsController],
  providers: [
    StatementRepository,
    DocumentRepository,
    LrsCredentialRepository,
    XapiAuthService,
    LrsCredentialsService,
    SetLrsAccountService,
    StatementProgressService,
    RecordStatementsService,
    ReadStatementsService,
    XapiDocumentsService,
    LrsService,
  ],
})
export class XapiModule {}
