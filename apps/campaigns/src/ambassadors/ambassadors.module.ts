import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { AmbassadorRepository } from './ambassador.repository';
import { AmbassadorsController } from './ambassadors.controller';
import { AssignMenteeService } from './assign-mentee.service';
import { ReadMentorsService } from './read-mentors.service';
import { ReassignMenteeService } from './reassign-mentee.service';
import { RegisterDeskHelperService } from './register-desk-helper.service';
import { RegisterMentorService } from './register-mentor.service';

/** "Đại sứ số" (IV.6.1): mentors, their mentees, and helpers at the communes' public-service desks. */
@Module({
  imports: [RegistryModule],
  controllers: [AmbassadorsController],
  providers: [
    AmbassadorRepository,
    RegisterMentorService,
    AssignMenteeService,
    ReassignMenteeService,
    RegisterDeskHelperService,
    ReadMentorsService,
  ],
})
export class AmbassadorsModule {}
