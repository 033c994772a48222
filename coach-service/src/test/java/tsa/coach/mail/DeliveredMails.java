package tsa.coach.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import tsa.testsupport.DataStores;

/** Reads delivered mails' raw header lines over IMAP, as a recipient's mail client sees them. */
final class DeliveredMails {

    /** One delivered message: its raw header lines (as the server returns them), its decoded subject, its body. */
    record Delivered(List<String> headerLines, String subject, String body) {

        List<String> header(String name) {
            return headerLines.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .toList();
        }
    }

    private DeliveredMails() {
    }

    static List<Delivered> of(String address) {
        int imapPort = DataStores.shared().mail().imapPort();
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            try {
                store.connect("127.0.0.1", imapPort, address, address);
            } catch (AuthenticationFailedException noMailbox) {
                return List.of();
            }
            try (store) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Delivered> all = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    List<String> lines = new ArrayList<>();
                    for (String line : Collections.list(((jakarta.mail.internet.MimeMessage) m).getAllHeaderLines())) {
                        lines.add(line);
                    }
                    all.add(new Delivered(lines, m.getSubject(), String.valueOf(m.getContent())));
                }
                inbox.close(false);
                return all;
            }
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("could not read the mailbox of " + address, e);
        }
    }
}
