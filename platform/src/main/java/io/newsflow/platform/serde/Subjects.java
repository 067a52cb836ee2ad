package io.newsflow.platform.serde;

/** Confluent's default subject naming, {@code TopicNameStrategy}. */
public final class Subjects {

    private Subjects() {
    }

    public static String topicNameStrategy(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
