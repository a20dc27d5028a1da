export * from './chaos-run.js';
