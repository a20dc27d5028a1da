import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { NumericString } from '../validation.js';
import { KeyOpRequest, KmsRequest, TagDto } from './requests.js';

/** Key tags and the tag search (`resource_instances/action`). */
export class CreateKeyTagRequest extends KeyOpRequest {
  @IsDefined() @ValidateNested() @Type(() => TagDto) tag!: TagDto;
}

export class DeleteKeyTagRequest extends KeyOpRequest {
  @IsDefined() @IsString() tag_key!: string;
}

export class BatchKeyTagsRequest extends KeyOpRequest {
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => TagDto) tags!: TagDto[];
  @IsDefined() @IsString() action!: string;
}

export class KeyTagFilter {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsArray() @IsString({ each: true }) values!: string[];
}

export class KeyTagMatch {
  @IsDefined() @IsString() key!: string;
  @IsDefined() @IsString() value!: string;
}

export class ListKeysByTagsRequest extends KmsRequest {
  @IsDefined() @IsIn(['filter', 'count']) action!: 'filter' | 'count';
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => KeyTagFilter) tags?: KeyTagFilter[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => KeyTagMatch) matches?: KeyTagMatch[];
}
