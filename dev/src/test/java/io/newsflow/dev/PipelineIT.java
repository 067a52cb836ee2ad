package io.newsflow.dev;

import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end scenario on a real Kafka broker running in this JVM (no Docker needed). */
class PipelineIT extends PipelineScenario {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.embedded();

    @Override
    KafkaBrokerExtension kafka() {
        return KAFKA;
    }
}
