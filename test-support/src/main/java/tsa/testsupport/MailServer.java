package tsa.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * A real SMTP and IMAP server (GreenMail). Mailboxes are created on first delivery with login and password equal to
 * the address; {@link #inbox(String)} reads one over IMAP, as a person's mail client would.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static MailServer start(int smtpPort, int imapPort) {
        // Port 0: GreenMail binds a port the system chooses, so no other process can take it in between.
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        GreenMail greenMail = new GreenMail(
                new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp, imapPort == 0 ? imap.dynamicPort() : imap
                });
        greenMail.start();
        return new MailServer(
                greenMail, greenMail.getSmtp().getPort(), greenMail.getImap().getPort());
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** A message as its recipient reads it, with its raw header lines as the server returns them. */
    public record Mail(String from, List<String> to, String subject, String body, List<String> headerLines) {

        /** The raw lines of the header {@code name} (case ignored), in order; empty when it has none. */
        public List<String> header(String name) {
            return headerLines.stream()
                    .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .toList();
        }
    }

    /** The newest mail in the mailbox of {@code address}; fails the test when there is none. */
    public Mail lastTo(String address) {
        List<Mail> mails = inbox(address);
        if (mails.isEmpty()) {
            throw new AssertionError("no mail was delivered to " + address);
        }
        return mails.get(mails.size() - 1);
    }

    /** Reads the mailbox of {@code address} over IMAP (empty when nothing was ever delivered to it). */
    public List<Mail> inbox(String address) {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(imapPort));
        try {
            Store store = Session.getInstance(props).getStore("imap");
            try {
                store.connect("127.0.0.1", imapPort, address, address);
            } catch (jakarta.mail.AuthenticationFailedException noMailbox) {
                return List.of();
            }
            try (store) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    List<String> to = new ArrayList<>();
                    for (var a : m.getAllRecipients()) {
                        to.add(a.toString());
                    }
                    List<String> headerLines = Collections.list(((MimeMessage) m).getAllHeaderLines());
                    mails.add(new Mail(
                            m.getFrom()[0].toString(),
                            to,
                            m.getSubject(),
                            text(m.getContent()),
                            List.copyOf(headerLines)));
                }
                inbox.close(false);
                return mails;
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read the mailbox of " + address, e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof MimeMultipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
