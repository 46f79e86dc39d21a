import { Module } from '@nestjs/common';
import { CompetenciesModule } from '../competencies/competencies.module';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammesController } from './programmes.controller';
import { ReadProgrammesService } from './read-programmes.service';
import { UpdateProgrammeService } from './update-programme.service';

/** The skill framework per target group: versioned programmes, seeded from the plan. */
@Module({
  imports: [CompetenciesModule],
  controllers: [ProgrammesController],
  providers: [ProgrammeRepository, ReadProgrammesService, UpdateProgrammeService],
  exports: [ProgrammeRepository],
})
export class ProgrammesModule {}
