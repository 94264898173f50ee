import { app } from '@azure/functions';
import { loadConfig } from '../bot/config';
import { routes } from './routes';
import { TIMERS } from './timers';
import { createServices, type Services } from './services';

/**
 * The Azure Functions v4 entry point. Configuration is checked at load so a bad deployment fails
 * at start-up with every bad setting named, not on the first request.
 */
const config = loadConfig();
let services: Promise<Services> | undefined;
const getServices = () => {
  services ??= createServices(config, {
    endpoint: config.cosmos.endpoint ?? '',
    key: config.cosmos.key,
    database: config.cosmos.database,
  });
  return services;
};

for (const r of routes(getServices)) {
  app.http(r.name, { methods: r.methods, route: r.route, authLevel: 'anonymous', handler: r.handler });
}

for (const t of TIMERS) {
  app.timer(t.name, { schedule: t.schedule, handler: async () => t.run(await getServices()) });
}
