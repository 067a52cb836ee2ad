// Produces COUNT ArticlePublished records to TOPIC, serialized by Confluent's own AvroSerializer
// (@confluentinc/schemaregistry) with TopicNameStrategy and auto-registration of the given .avsc.
//
//   BOOTSTRAP     Kafka bootstrap servers, e.g. 127.0.0.1:9092
//   REGISTRY_URL  schema registry base URL, e.g. http://127.0.0.1:8081
//   TOPIC         topic to write to (must exist)
//   COUNT         number of records (default 5)
//   SCHEMA_FILE   the writer schema, a self-contained .avsc (default: the newest
//                 schemas/history/ArticlePublished/v<N>.avsc of this repository)
//   ID_PREFIX     prefix of story ids (default contract-js-)
//   TIMEOUT_MS    give up after this long (default 30000)
//
// stdout: one JSON line per record {"event":"produced",...,"header":"<first 5 bytes hex>","value":{...}},
// then {"event":"done","subject":...,"schemaId":N,"count":N}.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Partitioners } from 'kafkajs';
import { AvroSerializer, SerdeType } from '@confluentinc/schemaregistry';
import { TOPIC_NAME_STRATEGY, emit, env, headerHex, intEnv, kafka, registryClient, run } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The newest schemas/history/ArticlePublished/v<N>.avsc of this repository. */
function newestHistorySchema() {
  const dir = path.resolve(here, '../../../../schemas/history/ArticlePublished');
  const versions = readdirSync(dir).map((f) => /^v(\d+)\.avsc$/.exec(f)).filter(Boolean).map((m) => Number(m[1]));
  if (versions.length === 0) {
    throw new Error(`no v<N>.avsc in ${dir}`);
  }
  return path.join(dir, `v${Math.max(...versions)}.avsc`);
}

/**
 * Confluent's AvroSerializer, when auto-registering, derives a schema from the JS object (avsc's
 * Type.forValue) instead of using a known one. This subclass hands it the .avsc instead; everything else
 * (POST /subjects/{s}/versions?normalize=false, framing, encoding) is Confluent's own code.
 */
class AvscAvroSerializer extends AvroSerializer {
  constructor(client, serdeType, conf, schemaInfo) {
    super(client, serdeType, conf);
    this.schemaInfo = schemaInfo;
  }

  async getSchemaId(schemaType, topic, msg, _inferred, format) {
    return super.getSchemaId(schemaType, topic, msg, this.schemaInfo, format);
  }
}

// 2026-11-25T09:00:00Z: ms timestamps stay far below 2^53, which avsc cannot exceed.
const BASE_MS = Date.UTC(2026, 10, 25, 9, 0, 0);
const STATUSES = ['usable', 'withheld', 'canceled'];

/**
 * Record i, deterministic so the Java side can also check values it computes itself. Fields of a later
 * schema version that this generator does not name are filled from their schema: an optional string or
 * timestamp gets a value in odd records and null in even ones, anything else its default. So the script
 * keeps working, and keeps exercising every field, while ArticlePublished evolves.
 */
function article(i, idPrefix, schema) {
  const value = knownFields(i, idPrefix);
  for (const field of schema.fields) {
    if (field.name in value) {
      continue;
    }
    const branch = Array.isArray(field.type) && field.type.length === 2 && field.type[0] === 'null' ? field.type[1] : null;
    const branchType = typeof branch === 'string' ? branch : branch?.type;
    if (branchType === 'string') {
      value[field.name] = i % 2 === 1 ? `${field.name} ${i} ✓` : null;
    } else if (branchType === 'long' && branch.logicalType === 'timestamp-millis') {
      value[field.name] = i % 2 === 1 ? BASE_MS + 7_200_000 + i : null;
    } else if ('default' in field) {
      value[field.name] = field.default;
    } else {
      throw new Error(`field ${field.name} has no default and produce.mjs does not know how to fill it`);
    }
  }
  return value;
}

function knownFields(i, idPrefix) {
  const publishedAt = BASE_MS + i * 60_000 + 123;
  return {
    id: `${idPrefix}${i}`,
    version: i + 1,
    source: 'confluent-js',
    language: i % 2 === 0 ? 'en' : 'uk',
    headline: i % 2 === 0 ? `Story ${i}: the contract holds` : `Новина ${i}: «контракт» тримається`,
    body: `First paragraph of story ${i}.\n\nSecond paragraph, with an emoji 📰 and a tab\there.`,
    byline: i % 3 === 0 ? null : `Reporter ${i}`,
    labels: i % 2 === 0 ? [] : ['Exclusive', `Label ${i}`],
    urgency: 1 + (i % 9),
    pubStatus: STATUSES[i % STATUSES.length],
    embargoUntil: i % 4 === 1 ? BASE_MS + 3_600_000 + i : null,
    publishedAt,
    ingestedAt: publishedAt + 1_500,
  };
}

run(async () => {
  const topic = env('TOPIC');
  const count = intEnv('COUNT', 5);
  const idPrefix = env('ID_PREFIX', 'contract-js-');
  const schemaText = readFileSync(process.env.SCHEMA_FILE || newestHistorySchema(), 'utf8');
  const schema = JSON.parse(schemaText);

  const client = registryClient();
  const serializer = new AvscAvroSerializer(client, SerdeType.VALUE,
    { ...TOPIC_NAME_STRATEGY, autoRegisterSchemas: true, normalizeSchemas: false },
    { schemaType: 'AVRO', schema: schemaText });

  const records = [];
  for (let i = 0; i < count; i++) {
    const value = article(i, idPrefix, schema);
    const bytes = await serializer.serialize(topic, value);
    records.push({ key: value.id, value, bytes });
  }
  const subject = await serializer.subjectName(topic);
  const schemaId = records.length > 0 ? records[0].bytes.readInt32BE(1) : null;

  const producer = kafka('confluent-serde-contract-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    const metadata = await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.bytes })),
    });
    for (const r of records) {
      emit({ event: 'produced', topic, key: r.key, header: headerHex(r.bytes), schemaId: r.bytes.readInt32BE(1), value: r.value });
    }
    emit({ event: 'done', topic, subject, schemaId, count: records.length, partitions: metadata });
  } finally {
    await producer.disconnect();
  }
});
