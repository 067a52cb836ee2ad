// Reads COUNT records of TOPIC from the beginning and deserializes them with Confluent's own
// AvroDeserializer (@confluentinc/schemaregistry), subjects by TopicNameStrategy.
//
//   BOOTSTRAP, REGISTRY_URL, TOPIC   as for produce.mjs
//   COUNT         number of records to read before stopping (default 5)
//   GROUP_ID      consumer group (default: a fresh one per run)
//   TIMEOUT_MS    give up after this long (default 30000)
//
// stdout: one JSON line per record {"event":"consumed","partition":P,"offset":"O","key":...,
// "header":"<first 5 bytes hex>","schemaId":N,"value":{...}}, then {"event":"done","count":N}.
import { AvroDeserializer, SerdeType } from '@confluentinc/schemaregistry';
import { TOPIC_NAME_STRATEGY, emit, env, headerHex, intEnv, kafka, registryClient, run } from './common.mjs';

run(async () => {
  const topic = env('TOPIC');
  const count = intEnv('COUNT', 5);
  const groupId = env('GROUP_ID', `confluent-serde-contract-${process.pid}-${Date.now()}`);

  const deserializer = new AvroDeserializer(registryClient(), SerdeType.VALUE, { ...TOPIC_NAME_STRATEGY });
  const consumer = kafka('confluent-serde-contract-consumer').consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    let seen = 0;
    let finish;
    let abort;
    const finished = new Promise((resolve, reject) => {
      finish = resolve;
      abort = reject;
    });
    if (count === 0) {
      finish();
    }
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ partition, message }) => {
        if (seen >= count) {
          return;
        }
        try {
          const value = message.value == null ? null : await deserializer.deserialize(topic, message.value);
          emit({
            event: 'consumed',
            topic,
            partition,
            offset: message.offset,
            key: message.key == null ? null : message.key.toString('utf8'),
            header: headerHex(message.value),
            schemaId: message.value == null ? null : message.value.readInt32BE(1),
            value,
          });
        } catch (error) {
          abort(error);
          return;
        }
        seen += 1;
        if (seen === count) {
          finish();
        }
      },
    });
    await finished;
    emit({ event: 'done', topic, count: seen });
  } finally {
    await consumer.disconnect();
  }
});
