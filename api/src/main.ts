import 'reflect-metadata';
import { readConfig } from './config';
import { runServer } from './run';

/** The API alone (deployments): configuration from the environment. */
runServer(readConfig()).catch((error) => {
  console.error(error);
  process.exit(1);
});
