import { IsIn, IsOptional, IsString } from 'class-validator';
import { NumericString } from '../validation.js';

/** `GET /v3/{project_id}/traces` query (docs/cts-traces.md). */
export class ListTracesRequest {
  @IsOptional() @IsIn(['system', 'data']) trace_type?: string;
  @IsOptional() @IsString() tracker_name?: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() from?: string;
  @IsOptional() @NumericString() @IsString() to?: string;
  @IsOptional() @IsString() next?: string;
  @IsOptional() @IsString() trace_id?: string;
  @IsOptional() @IsString() service_type?: string;
  @IsOptional() @IsString() user?: string;
  @IsOptional() @IsString() resource_id?: string;
  @IsOptional() @IsString() resource_name?: string;
  @IsOptional() @IsString() resource_type?: string;
  @IsOptional() @IsString() trace_name?: string;
  @IsOptional() @IsIn(['normal', 'warning', 'incident']) trace_rating?: string;
  @IsOptional() @IsString() access_key_id?: string;
  @IsOptional() @IsString() enterprise_project_id?: string;
}
