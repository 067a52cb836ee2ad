package io.newsflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final String PAGE = "{\"items\":[{\"id\":\"kursk-1\",\"headline\":\"Austin in Kyiv\"}],\"next\":null}";

    @Test
    void theSameBodyAlwaysHasTheSameQuotedTag() {
        assertThat(EntityTags.of(PAGE)).isEqualTo(EntityTags.of(new String(PAGE)))
            .matches("\"[0-9a-f]+-[0-9a-f]{16}\"");
    }

    @Test
    void anyChangeToTheBodyChangesTheTag() {
        assertThat(EntityTags.of(PAGE.replace("Kyiv", "Kyev"))).isNotEqualTo(EntityTags.of(PAGE));
        assertThat(EntityTags.of(PAGE.replace("kursk-1", "kursk-2"))).isNotEqualTo(EntityTags.of(PAGE));
        assertThat(EntityTags.of(PAGE + " ")).isNotEqualTo(EntityTags.of(PAGE));
        assertThat(EntityTags.of("")).isNotEqualTo(EntityTags.of(" "));
    }

    @Test
    void theTagCoversTheUtf8BytesOfTheBody() {
        assertThat(EntityTags.of("Остін у Києві")).isEqualTo(EntityTags.of("Остін у Києві".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .isNotEqualTo(EntityTags.of("Остін у Київі"));
    }
}
