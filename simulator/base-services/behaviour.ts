/**
 * What a base service does with a call is decided by the behaviour engine in simulator/behaviour/
 * (latency models, triggers, sequences, live faults, failure modes); these are the parts the base
 * services use.
 */
export { decide, type Decision } from '../behaviour/decide.ts';
export { technicalErrorOf } from '../behaviour/technical-error.ts';
