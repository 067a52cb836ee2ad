package io.newsflow.dev;

import io.newsflow.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RunningPipeline} for one test class: started before its first test, closed after its last. Register it
 * with {@code @RegisterExtension} and a higher {@code @Order} than the class's {@link KafkaBrokerExtension}, so the
 * broker is up first and goes down last.
 */
public final class PipelineExtension implements BeforeAllCallback, AfterAllCallback {

    private final KafkaBrokerExtension kafka;
    private final String name;
    private RunningPipeline pipeline;

    private PipelineExtension(KafkaBrokerExtension kafka, String name) {
        this.kafka = kafka;
        this.name = name;
    }

    /** @param name names the pipeline's temporary data directory */
    public static PipelineExtension on(KafkaBrokerExtension kafka, String name) {
        return new PipelineExtension(kafka, name);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pipeline = RunningPipeline.on(kafka, name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }

    /** The running services; only between the class's first and last test. */
    public DevStack stack() {
        if (pipeline == null) {
            throw new IllegalStateException("the pipeline runs only while the test class does");
        }
        return pipeline.stack();
    }
}
