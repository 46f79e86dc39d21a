import { Module } from '@nestjs/common';
import { IdempotencyKeys } from '@bdhvs/service-runtime';
import { UnitsModule } from '../units/units.module';
import { CorrectLearnerService } from './correct-learner.service';
import { HouseholdsController } from './households.controller';
import { HouseholdRepository } from './household.repository';
import { HouseholdsService } from './households.service';
import { ImportLearnersService } from './import-learners.service';
import { LearnerAccess } from './learner-access';
import { LearnerImportRepository } from './learner-import.repository';
import { LearnerRepository } from './learner.repository';
import { LearnerSeenConsumer } from './learner-seen.consumer';
import { LearnersController } from './learners.controller';
import { PersonalDataKeys } from './personal-data';
import { ReadLearnersService } from './read-learners.service';
import { RegisterLearnerService } from './register-learner.service';
import { RegisterSeenLearnersService } from './register-seen-learners.service';
import { RegistryContext } from './registry-context';

@Module({
  imports: [UnitsModule],
  controllers: [LearnersController, HouseholdsController, LearnerSeenConsumer],
  providers: [
    { provide: IdempotencyKeys, useValue: new IdempotencyKeys() },
    PersonalDataKeys,
    LearnerRepository,
    HouseholdRepository,
    LearnerImportRepository,
    RegistryContext,
    LearnerAccess,
    RegisterLearnerService,
    RegisterSeenLearnersService,
    ImportLearnersService,
    ReadLearnersService,
    CorrectLearnerService,
    HouseholdsService,
  ],
})
export class LearnerRegistryModule {}
