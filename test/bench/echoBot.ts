import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

/**
 * The benchmark's floor: a bare echo bot on the same stack as COP Guide Bot (restify 11, botbuilder's CloudAdapter,
 * no app id), with the framework's own body parser and nothing else. `npm run bench` starts it as a process of its
 * own, on PORT, and measures the real bot against it. It logs nothing and keeps no state.
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  });
});
server.get('/healthz', async (_req, res) => res.send(200, { status: 'ok' }));
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
