import releases from './releases';
import runner from './runner';
import scheduler from './scheduler';

const services: {
  releases: typeof releases;
  runner: typeof runner;
  scheduler: typeof scheduler;
} = { releases, runner, scheduler };

export type Services = typeof services;
export default services;
