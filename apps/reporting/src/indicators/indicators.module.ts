import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { IndicatorTallyRepository } from './indicator-tally.repository';
import { UNIT_HIERARCHY } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsService } from './get-indicators.service';
import { ExportIndicatorsService } from './export-indicators.service';
import { IndicatorsController } from './indicators.controller';
import { CertificateEventsConsumer } from './certificate-events.consumer';
import { QualificationRepository } from './qualification.repository';
import { RecordQualificationsService } from './record-qualifications.service';
import { SetFiguresService } from './set-figures.service';
import { RecordUnitsService } from '../units/record-units.service';
import { UnitsConsumer } from '../units/units.consumer';

@Module({
  imports: [RegistryModule],
  controllers: [IndicatorsController, CertificateEventsConsumer, UnitsConsumer],
  providers: [
    GetIndicatorsService,
    ExportIndicatorsService,
    SetFiguresService,
    RecordQualificationsService,
    RecordUnitsService,
    QualificationRepository,
    IndicatorTallyRepository,
    UnitHierarchyRepository,
    { provide: UNIT_HIERARCHY, useExisting: UnitHierarchyRepository },
  ],
  exports: [GetIndicatorsService, ExportIndicatorsService, UnitHierarchyRepository, UNIT_HIERARCHY],
})
export class IndicatorsModule {}
