package tsa.coach.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tsa.runtime.mail.MailSender;
import tsa.testsupport.DataStores;
import tsa.testsupport.MailServer;
import tsa.testsupport.RealDataStores;

/**
 * Text a user typed (a student's or coach's name) reaches mail subjects. The mail layer itself keeps every header
 * value on one line and every recipient one plain address, so a line break can neither add a header nor push the
 * sender's headers into the body, whatever the request layer lets through. Read over IMAP from the real GreenMail.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class MailHeaderInjectionTest {

    @Inject
    MailSender mail;

    static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void aLineBreakInTheSubjectAddsNoHeaderAndKeepsTheSubjectOnOneLine() {
        String parent = unique("parent");
        String attacker = unique("attacker");
        String student = "Sam\r\nReply-To: " + attacker + "\nBcc: " + attacker + "\n\nX-Injected: yes\u2028Lopez\u0007";

        MailSender.Outcome outcome = mail.send(
                "parent-invitation",
                parent,
                "Your invitation to enroll " + student + " with TSA",
                "Hello,\nthe body.\n");

        assertThat(outcome).isEqualTo(MailSender.Outcome.SENT);
        assertThat(DataStores.shared().mail().inbox(attacker))
                .as("nothing reached the injected Bcc")
                .isEmpty();
        List<MailServer.Mail> delivered = DataStores.shared().mail().inbox(parent);
        assertThat(delivered).hasSize(1);
        MailServer.Mail message = delivered.get(0);
        assertThat(message.header("Reply-To")).isEmpty();
        assertThat(message.header("Bcc")).isEmpty();
        assertThat(message.header("X-Injected")).isEmpty();
        assertThat(message.header("From")).singleElement().asString().contains("no-reply@tsa.example");
        assertThat(message.header("Subject")).hasSize(1);
        assertThat(message.subject())
                .isEqualTo("Your invitation to enroll Sam Reply-To: " + attacker + " Bcc: " + attacker
                        + " X-Injected: yes Lopez with TSA");
        assertThat(message.body()).doesNotContain("Reply-To", "X-Injected").contains("the body.");
    }

    @Test
    void aBareLineFeedAloneAddsNoHeaderEither() {
        String parent = unique("parent");
        String attacker = unique("attacker");

        assertThat(mail.send("parent-invitation", parent, "Enroll Sam\nReply-To: " + attacker + "\n\nhidden", "text"))
                .isEqualTo(MailSender.Outcome.SENT);

        MailServer.Mail message = DataStores.shared().mail().inbox(parent).get(0);
        assertThat(message.header("Reply-To")).isEmpty();
        assertThat(message.subject()).isEqualTo("Enroll Sam Reply-To: " + attacker + " hidden");
        assertThat(message.body()).doesNotContain("Reply-To").doesNotContain("hidden");
    }

    @Test
    void aRecipientThatIsNotOnePlainAddressIsRefusedAndNothingIsSent() {
        String parent = unique("parent");
        String attacker = unique("attacker");
        for (String to : List.of(
                parent + "\r\nBcc: " + attacker,
                parent + "," + attacker,
                parent + "\n",
                "Parent <" + parent + ">",
                parent + " " + attacker,
                "",
                "no-at-sign")) {
            assertThat(mail.send("parent-invitation", to, "Hello", "text"))
                    .as(to)
                    .isEqualTo(MailSender.Outcome.FAILED);
        }
        assertThat(DataStores.shared().mail().inbox(parent)).isEmpty();
        assertThat(DataStores.shared().mail().inbox(attacker)).isEmpty();
    }

    @Test
    void headerValuesAreOnePrintableLine() {
        assertThat(MailSender.headerValue("a\rb\nc\td\u0000e\u0085f\u2029g  h ", 200))
                .isEqualTo("a b c d e f g h");
        assertThat(MailSender.headerValue("x".repeat(300), 200)).hasSize(200);
        assertThat(MailSender.isPlainAddress("jo.doe+tsa@example.org")).isTrue();
        assertThat(MailSender.isPlainAddress("jo@example.org\r\nBcc: x@example.org"))
                .isFalse();
        assertThat(MailSender.isPlainAddress("jo@example.org,x@example.org")).isFalse();
    }
}
