import 'reflect-metadata';
import { readConfig } from './platform/config';
import { runServer } from './app/run';

/** The API alone (deployments): configuration from the environment. */
runServer(readConfig()).catch((error) => {
  console.error(error);
  process.exit(1);
});
