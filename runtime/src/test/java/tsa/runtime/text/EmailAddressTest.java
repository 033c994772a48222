package tsa.runtime.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void trimsAndLowerCasesWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(EmailAddress.normal("  INGRID@Example.ORG ")).isEqualTo("ingrid@example.org");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void nullStaysNull() {
        assertThat(EmailAddress.normal(null)).isNull();
    }
}
