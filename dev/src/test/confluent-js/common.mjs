// Shared set-up for the Confluent serde contract scripts: configuration from environment variables,
// Confluent's schema-registry client, a kafkajs client whose logs go to stderr, and JSON-lines output.
// stdout carries only JSON lines (one object per line) so the Java IT can parse it; diagnostics go to stderr.
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient, SubjectNameStrategyType } from '@confluentinc/schemaregistry';

export function env(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback === undefined) {
      fail(`environment variable ${name} is required`);
    }
    return fallback;
  }
  return value;
}

export function intEnv(name, fallback) {
  const text = env(name, fallback === undefined ? undefined : String(fallback));
  const value = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(`environment variable ${name} must be a non-negative integer, got ${text}`);
  }
  return value;
}

export function fail(message, cause) {
  process.stderr.write(`ERROR ${message}${cause ? `: ${cause.stack ?? cause}` : ''}\n`);
  process.exit(1);
}

/** Every byte of a framed value would do; the first 5 are Confluent's header: magic byte + 4-byte BE schema id. */
export function headerHex(buffer) {
  return buffer == null ? null : buffer.subarray(0, 5).toString('hex');
}

export function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

/** The serde settings that make Confluent's JS serdes name subjects <topic>-value, as Java's TopicNameStrategy. */
export const TOPIC_NAME_STRATEGY = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };

export function registryClient() {
  return new SchemaRegistryClient({
    baseURLs: [env('REGISTRY_URL')],
    // Fail fast inside a bounded test instead of retrying for a long time.
    maxRetries: 1,
    retriesWaitMs: 100,
    retriesMaxWaitMs: 500,
  });
}

export function kafka(clientId) {
  return new Kafka({
    clientId,
    brokers: env('BOOTSTRAP').split(',').map((b) => b.trim()).filter(Boolean),
    connectionTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: 5, initialRetryTime: 100 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      process.stderr.write(`kafkajs ${logLevel[level] ?? level} [${namespace}] ${message} ${JSON.stringify(extra)}\n`);
    },
  });
}

/** Runs main() and exits non-zero on an error or when TIMEOUT_MS passes, so a caller never waits forever. */
export function run(main) {
  const timeoutMs = intEnv('TIMEOUT_MS', 30000);
  const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
  timer.unref();
  main().then(
    () => process.exit(0),
    (error) => fail('failed', error),
  );
}
