import { randomBytes } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type GeneratePasswordRequest, type ReplyOf } from '@dew/contracts';
import { generatePassword } from '@dew/csms-domain';
import { Handles } from '@dew/nest-kit';

/**
 * POST csms/generate-password: a random password to the SDK's `CreatePasswordRequestBody`. Nothing
 * is stored, traced or logged. DEW has no named password policies (a name is refused).
 */
@Controller()
export class GeneratePasswordController {
  @Handles(csmsOperations.generatePassword)
  generate(@Payload() r: GeneratePasswordRequest): ReplyOf<typeof csmsOperations.generatePassword> {
    return {
      password: generatePassword({
        ...(r.password_policy_name !== undefined ? { policyName: r.password_policy_name } : {}),
        ...(r.length !== undefined ? { length: r.length } : {}),
        ...(r.exclude_characters !== undefined ? { excludeCharacters: r.exclude_characters } : {}),
        ...(r.exclude_lowercase !== undefined ? { excludeLowercase: r.exclude_lowercase } : {}),
        ...(r.exclude_uppercase !== undefined ? { excludeUppercase: r.exclude_uppercase } : {}),
        ...(r.exclude_numbers !== undefined ? { excludeNumbers: r.exclude_numbers } : {}),
        ...(r.exclude_punctuation !== undefined ? { excludePunctuation: r.exclude_punctuation } : {}),
        ...(r.include_space !== undefined ? { includeSpace: r.include_space } : {}),
        ...(r.require_each_included_type !== undefined ? { requireEachIncludedType: r.require_each_included_type } : {}),
      }, randomBytes),
    };
  }
}
