import { IsDefined, IsOptional, IsString } from 'class-validator';
import { IsIamId } from './ids.js';

export class ListProjectsRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
export class ProjectIdRequest {
  @IsIamId() @IsDefined() @IsString() project_id!: string;
}
