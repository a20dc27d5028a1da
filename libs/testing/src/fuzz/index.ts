export { dtoShape, UnknownDtoRule, type DtoShape, type FieldShape, type FieldKind } from './dto-shape.js';
export { FUZZ_FIXTURE_NAMES, type FuzzFixtureName, type FuzzFixtures } from './field-values.js';
export { FuzzRequest, MissingFixture, requestArbitrary } from './request-arbitrary.js';
export { sendSigned, type FuzzResponse, type FuzzTarget } from './send.js';
export { answerProblems, stateProblems, type StreamPositions } from './oracle.js';
export { fuzzFailure, fuzzOperation, fuzzRunFromEnv, seedOf, type FuzzRun, type StreamProbe } from './fuzz-operation.js';
