package io.newsflow.dev;

import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same end-to-end scenario on Apache Kafka in a container. Runs where a Docker engine is reachable;
 * elsewhere the extension skips the class with a message saying so.
 */
class PipelineContainerIT extends PipelineScenario {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.container();

    @Override
    KafkaBrokerExtension kafka() {
        return KAFKA;
    }
}
