package tsa.runtime.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class TextRuleTest {

    @Test
    void ordinaryTextInAnyScriptIsAccepted() {
        for (String text : List.of("", "Ana María O'Neil-Smith", "Zoë 李 🏈", "tab\tand\nlines\r\n")) {
            assertThat(TextRule.violationInFreeText(text)).as(text).isEmpty();
        }
        assertThat(TextRule.violationInSingleLine("Zoë 李 🏈")).isEmpty();
    }

    @Test
    void nulOtherControlCharactersLoneSurrogatesAndNonCharactersAreRefusedEverywhere() {
        for (String text : List.of(
                "Nul\u0000Name",
                "bell\u0007",
                "esc\u001b[31m",
                "del\u007f",
                "c1\u0085",
                "lone\ud800",
                "lone\udc00x",
                "nonchar\uffff",
                "nonchar\ufdd0",
                "plane1\ud83f\udffe")) {
            assertThat(TextRule.violationInFreeText(text)).as(text).isPresent();
            assertThat(TextRule.violationInSingleLine(text)).as(text).isPresent();
        }
        assertThat(TextRule.violationInFreeText("Nul\u0000Name"))
                .contains("must not contain control characters (it contains U+0000)");
    }

    @Test
    void lineBreaksAndTabsAreFreeTextOnly() {
        for (String text : List.of("Kid\nReply-To: x@evil.example", "a\rb", "a\tb")) {
            assertThat(TextRule.violationInFreeText(text)).as(text).isEmpty();
            assertThat(TextRule.violationInSingleLine(text)).as(text).isPresent();
        }
    }

    record Body(String name, List<String> tags) {}

    @Test
    void jsonStringsAreHeldToTheRuleWithThePathOfTheField() throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new SimpleModule().addDeserializer(String.class, new SafeTextDeserializer()));
        Assertions.assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\\u0000b\",\"tags\":[]}", Body.class))
                .isInstanceOfSatisfying(UnsafeTextException.class, e -> {
                    assertThat(e.getPath()).extracting(r -> r.getFieldName()).containsExactly("name");
                    assertThat(e.reason()).contains("U+0000");
                });
        Assertions.assertThatThrownBy(() -> mapper.readValue("{\"name\":\"ok\",\"tags\":[\"x\\u0007\"]}", Body.class))
                .isInstanceOf(UnsafeTextException.class);
        assertThat(new ObjectMapper()
                        .registerModule(new SimpleModule().addDeserializer(String.class, new SafeTextDeserializer()))
                        .readValue("{\"name\":\"two\\nlines\",\"tags\":[\"ok\"]}", Body.class))
                .isEqualTo(new Body("two\nlines", List.of("ok")));
    }
}
