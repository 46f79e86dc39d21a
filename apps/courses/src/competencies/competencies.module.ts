import { Module } from '@nestjs/common';
import { CompetenciesController } from './competencies.controller';
import { CompetencyFramework } from './competency-framework';

@Module({
  controllers: [CompetenciesController],
  providers: [CompetencyFramework],
  exports: [CompetencyFramework],
})
export class CompetenciesModule {}
