package tsa.runtime.text;

import java.util.Locale;

/**
 * The one way an email address is compared and stored: trimmed and lower-cased in {@link Locale#ROOT}, so that a
 * Turkish or Azeri default locale can never turn {@code I} into a dotless {@code ı} and split one address into two.
 */
public final class EmailAddress {

    private EmailAddress() {}

    /** The address as keys and lookups hold it; null stays null. */
    public static String normal(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
